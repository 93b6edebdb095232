// `hub ledger as-of`, `hub ledger rebuild`, `hub stats`, `hub verify`.
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import { openSqlite } from '@hub/event-store';
import { storesFromEnv } from '@hub/office-kit';
import { computeFigures, figuresBy, JournalVerifier, type Figures, type Grouping } from '@hub/ledger-core';
import { compareWithReplay, ledgerAsOf } from '../../../ledger/src/history/history';
import { rebuildSqliteLedger } from '../../../ledger/src/history/sqlite-rebuild';
import { HUB_DB, openLocalHub } from '../local-hub';
import { progress, writeOut } from './progress';

export async function asOfCommand(dataDir: string, at: string, o: { dispute?: string }): Promise<void> {
  const hub = await openLocalHub(dataDir);
  try {
    let count = 0;
    for await (const record of ledgerAsOf(hub.ledger, at, o.dispute)) {
      await writeOut(`${JSON.stringify(record)}\n`);
      count++;
    }
    process.stderr.write(`${count} disputes as of ${at}\n`);
  } finally {
    await hub.close();
  }
}

export async function rebuildCommand(dataDir: string): Promise<void> {
  if (storesFromEnv(process.env).ledgerStore !== 'sqlite') {
    throw new Error('ledger rebuild swaps the SQLite ledger\'s tables; on PostgreSQL, run `hub verify` to compare the ledger with a replay');
  }
  const live = openSqlite(join(dataDir, HUB_DB));
  const rebuildFile = join(dataDir, 'ledger-rebuild.db');
  try {
    let bar: ReturnType<typeof progress> | undefined;
    const result = await rebuildSqliteLedger(live, rebuildFile, ({ applied, head }) => {
      bar ??= progress('rebuild', head);
      bar.update(applied, head);
    });
    bar?.stop();
    process.stderr.write(
      `rebuilt the ledger from ${result.events} journal entries${result.resumedFrom ? ` (resumed after ${result.resumedFrom})` : ''} and switched over\n`,
    );
  } finally {
    live.close();
  }
}

const FIGURE_NAMES: (keyof Figures)[] = [
  'registered', 'resolved', 'closed', 'successRate', 'followUpCoverage', 'satisfactionRate', 'reboundRate',
  'foundEarlyShare', 'resolvedLocallyShare', 'medianHoursToFirstAction', 'medianHoursToAgreement', 'medianHoursToClosure',
];

export async function statsCommand(dataDir: string, o: { from: string; to: string; groupBy?: Grouping; format: 'table' | 'csv' | 'json' }): Promise<void> {
  const hub = await openLocalHub(dataDir);
  try {
    const period = { from: o.from, to: o.to };
    const records = await hub.ledger.figureRecords(o.from, o.to);
    const rows = o.groupBy ? figuresBy(records, period, o.groupBy) : [{ key: 'all', figures: computeFigures(records, period) }];
    if (o.format === 'json') {
      await writeOut(`${JSON.stringify({ period, ...(o.groupBy ? { groupBy: o.groupBy } : {}), rows }, null, 2)}\n`);
    } else if (o.format === 'csv') {
      await writeOut(stringify([[o.groupBy ?? 'group', ...FIGURE_NAMES], ...rows.map((r) => [r.key, ...FIGURE_NAMES.map((f) => r.figures[f] ?? '')])]));
    } else {
      const table = rows.map((r) => ({ [o.groupBy ?? 'group']: r.key, ...Object.fromEntries(FIGURE_NAMES.map((f) => [f, r.figures[f] ?? '-'])) }));
      console.table(table);
    }
  } finally {
    await hub.close();
  }
}

export async function verifyCommand(dataDir: string): Promise<void> {
  const hub = await openLocalHub(dataDir);
  try {
    const chain = new JournalVerifier();
    for (let seq = 0; ; ) {
      const page = await hub.ledger.journal(seq, 2000);
      if (page.length === 0) break;
      chain.add(page);
      seq = page[page.length - 1].seq;
    }
    const report = chain.report();
    let differences = 0;
    for await (const d of compareWithReplay(hub.ledger)) {
      differences++;
      console.log(`dispute ${d.disputeId}: ${d.problem}${d.fields.length ? ` (${d.fields.join(', ')})` : ''}`);
    }
    for (const p of report.problems) console.log(`journal entry ${p.seq} (${p.eventId}): ${p.kind}: ${p.message}`);
    console.log(`journal: ${report.entries} entries, chain ${report.ok ? 'intact' : 'BROKEN'}; ledger: ${differences === 0 ? 'equals the replayed history' : `${differences} disputes differ from the replayed history`}`);
    if (!report.ok || differences > 0) process.exitCode = 1;
  } finally {
    await hub.close();
  }
}
