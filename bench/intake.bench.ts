// `npm run bench:intake`: how long a 12345 work order takes from POST to being visible in the
// ledger on the embedded hub, beside the raw floor in the same run: the same event row written
// and read back with better-sqlite3 directly (WAL, fsync on commit), no HTTP, no rules.
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { waterCardComplaint } from '../apps/hub/demo/water-card.scenario';
import { startHub } from '../test/support/hub-app';

const N = Number(process.env.BENCH_N ?? 300);

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000) / 1000;
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

async function hubRun() {
  // Keys as every client sends them; no rate limit, so the bench measures the hub, not the limiter.
  const hub = await startHub(undefined, { security: { writesPerMinute: 1_000_000 } });
  const auth = { authorization: `Bearer ${hub.keys.hotline}` };
  await hub.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
  const accepted: number[] = [];
  const visible: number[] = [];
  for (let i = 0; i < N; i++) {
    const body = { ...waterCardComplaint, ticketNo: `BENCH-${i}-${randomUUID().slice(0, 8)}` };
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/hotline/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
    const { disputeId } = (await res.json()) as { disputeId: string };
    accepted.push(performance.now() - t0);
    for (;;) {
      const r = await fetch(`${base}/v1/ledger/disputes/${disputeId}`, { headers: auth });
      if (r.status === 200) break;
      await r.arrayBuffer();
    }
    visible.push(performance.now() - t0);
  }
  await hub.close();
  rmSync(hub.dataDir, { recursive: true, force: true });
  return { accepted: summary(accepted), visible: summary(visible) };
}

function rawRun() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, data TEXT)');
  const insert = db.prepare('INSERT INTO events (id, data) VALUES (?, ?)');
  const select = db.prepare('SELECT data FROM events WHERE id = ?');
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const id = randomUUID();
    const t0 = performance.now();
    insert.run(id, JSON.stringify({ ...waterCardComplaint, ticketNo: `RAW-${i}` }));
    select.get(id);
    ms.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return summary(ms);
}

async function main() {
  const raw = rawRun();
  const hub = await hubRun();
  const result = {
    benchmark: 'intake',
    when: new Date().toISOString(),
    node: process.version,
    events: N,
    hub,
    baseline: { rawInsertSelect: raw },
    ratio: { visibleP50OverRawP50: Math.round((hub.visible.p50 / raw.p50) * 10) / 10 },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'intake.json'), JSON.stringify(result, null, 2) + '\n');
  const table = [
    '| measure (ms) | p50 | p90 | p99 | max |',
    '|---|---|---|---|---|',
    `| raw better-sqlite3 insert+select (baseline) | ${raw.p50} | ${raw.p90} | ${raw.p99} | ${raw.max} |`,
    `| hub: POST accepted (202) | ${hub.accepted.p50} | ${hub.accepted.p90} | ${hub.accepted.p99} | ${hub.accepted.max} |`,
    `| hub: POST to ledger-visible | ${hub.visible.p50} | ${hub.visible.p90} | ${hub.visible.p99} | ${hub.visible.max} |`,
  ].join('\n');
  writeFileSync(join(__dirname, 'results', 'intake.md'), `${table}\n`);
  console.log(table);
}

void main();
