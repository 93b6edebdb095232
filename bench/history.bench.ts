// `npm run bench:history`: export and full rebuild over a history of a million events on SQLite,
// each beside the raw baseline measured in the same run: the same journal rows read with the
// driver and their JSON parsed. Peak memory (RSS) per phase too.
//
// The history: a county generated through the public HTTP API (BENCH_DISPUTES disputes), then
// repeated with fresh event and dispute ids until it holds BENCH_EVENTS events, written to the
// ledger journal with its hash chain. A citizen's sealed data is bound to its event's id, so the
// repeats carry no personal part: only the generated events are opened and masked on export.
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { openSqlite } from '@hub/event-store';
import { chainHash, type LedgerEvent } from '@hub/ledger-core';
import { planCounty } from '../apps/cli/src/generate/county-plan';
import { executePlan } from '../apps/cli/src/generate/execute-plan';
import { openLocalHub } from '../apps/cli/src/local-hub';
import { historyEvents } from '../apps/ledger/src/history/history';
import { rebuildSqliteLedger } from '../apps/ledger/src/history/sqlite-rebuild';
import { LEDGER_STORE, type LedgerStore } from '../apps/ledger/src/ledger.port';
import { startHub } from '../test/support/hub-app';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DISPUTES = Number(process.env.BENCH_DISPUTES ?? 1000);

/** Runs `work` while sampling the process's resident memory; returns its time and peak RSS. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; peakRssMb: number; result: T }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakRssMb: Math.round(peak / 1024 / 1024), result };
}

async function seedHistory(dataDir: string): Promise<number> {
  let now = '2023-01-01T00:00:00.000Z';
  const hub = await startHub(dataDir, { clock: { now: () => now }, security: { writesPerMinute: 1e9 } });
  const plan = planCounty({ seed: 42, disputes: DISPUTES, from: '2023-01-01T00:00:00+08:00', years: 2 });
  await executePlan(plan, async (r) => {
    now = new Date(Math.max(Date.parse(now) + 1, Date.parse(r.at))).toISOString();
    const res = await hub.as(r.office).post(r.path).send(r.body);
    return { status: res.status, body: res.body };
  });
  await hub.as('admin').get(`/v1/ledger/disputes?limit=1&after=${plan.length}`).expect(200);
  const county = (await hub.app.get<LedgerStore>(LEDGER_STORE).journal(0, 10_000_000)).map((e) => JSON.parse(e.event) as LedgerEvent);
  await hub.close();

  // Repeat the county with fresh ids until the journal holds EVENTS events.
  const db = openSqlite(join(dataDir, 'hub.db'));
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1').get()!;
  const insert = db.prepare('INSERT INTO ledger_journal (event_id, dispute_id, type, event, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let { seq, hash } = head;
  const write = db.transaction((events: LedgerEvent[]) => {
    for (const e of events) {
      const prev = hash;
      hash = chainHash(prev, e);
      insert.run(e.id, e.subject, e.type, JSON.stringify(e), ++seq, prev, hash);
    }
  });
  for (let copy = 1; seq < EVENTS; copy++) {
    const ids = new Map<string, string>();
    const fresh = (id: string) => ids.get(id) ?? (ids.set(id, randomUUID()), ids.get(id)!);
    const batch = county.slice(0, EVENTS - seq).map((e) => {
      const { personal: _personal, ...data } = e.data as { primaryId?: string; personal?: unknown };
      return { ...e, id: randomUUID(), subject: fresh(e.subject), data: data.primaryId ? { ...data, primaryId: fresh(data.primaryId) } : data } as LedgerEvent;
    });
    write(batch);
  }
  db.close();
  return county.length;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-history-'));
  try {
    const seeded = await seedHistory(dataDir);
    const file = join(dataDir, 'hub.db');

    const raw = await measure(async () => {
      const db = new Database(file, { readonly: true });
      let n = 0;
      for (const row of db.prepare<[], { event: string }>('SELECT event FROM ledger_journal ORDER BY seq').iterate()) {
        JSON.parse(row.event);
        n++;
      }
      db.close();
      return n;
    });

    const rebuild = await measure(async () => {
      const live = openSqlite(file);
      const result = await rebuildSqliteLedger(live, join(dataDir, 'ledger-rebuild.db'));
      live.close();
      return result.events;
    });

    const exported = await measure(async () => {
      const hub = await openLocalHub(dataDir);
      const sink = new Writable({ write: (_chunk, _enc, done) => done() });
      let n = 0;
      for await (const { seq, event } of historyEvents(hub.ledger)) {
        if (!sink.write(`${JSON.stringify({ seq, event: await hub.masked(event) })}\n`)) await new Promise((r) => sink.once('drain', r));
        n++;
      }
      await hub.close();
      return n;
    });

    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
    const result = {
      benchmark: 'history',
      when: new Date().toISOString(),
      node: process.version,
      events: raw.result,
      generatedThroughApi: seeded,
      baseline: { rawReadParsePerSecond: rate(raw.result, raw.ms), peakRssMb: raw.peakRssMb },
      export: { eventsPerSecond: rate(exported.result, exported.ms), peakRssMb: exported.peakRssMb, ratioToBaseline: Math.round((rate(exported.result, exported.ms) / rate(raw.result, raw.ms)) * 1000) / 1000 },
      rebuild: { eventsPerSecond: rate(rebuild.result, rebuild.ms), peakRssMb: rebuild.peakRssMb, ratioToBaseline: Math.round((rate(rebuild.result, rebuild.ms) / rate(raw.result, raw.ms)) * 1000) / 1000 },
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'history.json'), JSON.stringify(result, null, 2) + '\n');
    const table = [
      `History of ${result.events} events (${seeded} generated through the API, repeated with fresh ids), SQLite:`,
      '',
      '| operation | events/s | ratio to baseline | peak RSS (MB) |',
      '|---|---|---|---|',
      `| baseline: raw SELECT + JSON.parse | ${result.baseline.rawReadParsePerSecond} | 1 | ${result.baseline.peakRssMb} |`,
      `| hub events export (NDJSON, masked) | ${result.export.eventsPerSecond} | ${result.export.ratioToBaseline} | ${result.export.peakRssMb} |`,
      `| hub ledger rebuild (full, then switch) | ${result.rebuild.eventsPerSecond} | ${result.rebuild.ratioToBaseline} | ${result.rebuild.peakRssMb} |`,
    ].join('\n');
    writeFileSync(join(__dirname, 'results', 'history.md'), `${table}\n`);
    console.log(table);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
