// `hub events export` and `hub events import`.
import { stringify } from 'csv-stringify/sync';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Office } from '@hub/contracts';
import type { LedgerEvent } from '@hub/ledger-core';
import { historyEvents } from '../../../ledger/src/history/history';
import { openLocalHub } from '../local-hub';
import { progress, writeOut } from './progress';

export interface ExportOptions {
  office?: string[];
  type?: string[];
  dispute?: string[];
  street?: string[];
  community?: string[];
  from?: string;
  to?: string;
  format: 'ndjson' | 'csv';
  after: number;
}

const CSV_COLUMNS = ['seq', 'id', 'type', 'office', 'dispute', 'occurredAt', 'recordedAt', 'actor', 'data'];

export async function exportCommand(dataDir: string, o: ExportOptions): Promise<void> {
  const hub = await openLocalHub(dataDir);
  try {
    const bar = progress('export', await hub.ledger.journalHead());
    if (o.format === 'csv') await writeOut(stringify([CSV_COLUMNS]));
    let count = 0;
    const filter = { offices: o.office as Office[] | undefined, types: o.type, disputeIds: o.dispute, streets: o.street, communities: o.community, from: o.from, to: o.to };
    for await (const { seq, event } of historyEvents(hub.ledger, filter, o.after)) {
      const shown = (await hub.masked(event)) as LedgerEvent & { actor?: string };
      const line =
        o.format === 'csv'
          ? stringify([[seq, shown.id, shown.type, shown.source.slice('/offices/'.length), shown.subject, (shown.data as { occurredAt: string }).occurredAt, shown.time, shown.actor ?? '', JSON.stringify(shown.data)]])
          : `${JSON.stringify({ seq, event: shown })}\n`;
      await writeOut(line);
      if (++count % 1000 === 0) bar.update(seq);
    }
    bar.stop();
    process.stderr.write(`exported ${count} events\n`);
  } finally {
    await hub.close();
  }
}

export async function importCommand(dataDir: string, file: string): Promise<void> {
  const hub = await openLocalHub(dataDir, true);
  try {
    let batch: LedgerEvent[] = [];
    let count = 0;
    const flush = async () => {
      await hub.ledger.apply(batch, {});
      count += batch.length;
      batch = [];
    };
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as { event?: LedgerEvent };
      if (!parsed.event?.id || !parsed.event.type) throw new Error(`line ${count + batch.length + 1} is not an exported event`);
      batch.push(parsed.event);
      if (batch.length >= 500) await flush();
    }
    await flush();
    process.stderr.write(`imported ${count} events into ${hub.ledgerFile}\n`);
  } finally {
    await hub.close();
  }
}
