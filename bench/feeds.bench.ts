// `npm run bench:feeds`: 100 subscriptions with varied filters, each delivered by webhook to a
// local receiver, while a stream of work orders is pushed. Figures: deliveries per second fanned
// out, the delay from append (202) to delivery (p50, p99), and beside them, in the same run, the
// ledger projection's own rate over the same events.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { waterCardComplaint } from '../apps/hub/demo/water-card.scenario';
import Database from 'better-sqlite3';
import type { LedgerEvent } from '@hub/ledger-core';
import { LEDGER_STORE, type LedgerStore } from '../apps/ledger/src/ledger.port';
import { SqliteLedgerStore } from '../apps/ledger/src/sqlite-ledger.store';
import { startHub } from '../test/support/hub-app';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const SUBSCRIPTIONS = 100;
const COMMUNITIES = ['文苑社区', '崇文社区', '馆陶社区', '新华社区', '振华社区'];
const CATEGORIES = ['property', 'neighbour', 'labour', 'consumer'];

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

async function main() {
  process.env.HUB_FEED_POLL_MS = process.env.HUB_FEED_POLL_MS ?? '50';
  const arrivals = new Map<string, number[]>();
  let deliveries = 0;
  let lastDelivery = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const now = performance.now();
      for (const e of (JSON.parse(body) as { events: { subject: string }[] }).events) {
        arrivals.set(e.subject, [...(arrivals.get(e.subject) ?? []), now]);
        deliveries += 1;
      }
      lastDelivery = now;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const hub = await startHub(undefined, { security: { writesPerMinute: 1_000_000 } });
  const offices = ['hotline', 'petition', 'governance', 'judicial'] as const;
  let expected = 0;
  const plan: { community: string; category: string }[] = Array.from({ length: EVENTS }, (_, i) => ({ community: COMMUNITIES[i % COMMUNITIES.length], category: CATEGORIES[i % CATEGORIES.length] }));
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const filter =
      i % 4 === 0 ? { communities: [COMMUNITIES[i % 5]] } : i % 4 === 1 ? { categories: [CATEGORIES[i % 4]] } : i % 4 === 2 ? { types: ['hub.hotline.ComplaintReceived.v1'] } : { communities: [COMMUNITIES[i % 5], COMMUNITIES[(i + 1) % 5]], categories: ['property', 'labour'] };
    expected += plan.filter(
      (p) =>
        (!('communities' in filter) || (filter.communities as string[]).includes(p.community)) &&
        (!('categories' in filter) || (filter.categories as string[]).includes(p.category)),
    ).length;
    await hub.as(offices[i % 4]).post('/v1/feeds/subscriptions').send({ name: `bench ${i}`, filter, webhook: { url, batchSize: 100 } }).expect(201);
  }

  const appended = new Map<string, number>();
  const t0 = performance.now();
  let lastPosition = 0;
  for (const [i, p] of plan.entries()) {
    const body = { ...waterCardComplaint, ticketNo: `FEEDBENCH-${i}-${randomUUID().slice(0, 8)}`, category: p.category, place: { ...waterCardComplaint.place, community: p.community } };
    const res = await hub.as('hotline').post('/v1/hotline/complaints').send(body);
    appended.set(res.body.disputeId, performance.now());
    lastPosition = res.body.position;
  }
  const appendDone = performance.now();
  await hub.as('hotline').get(`/v1/ledger/disputes?limit=1&after=${lastPosition}`).expect(200);
  const ledgerDone = performance.now();
  while (deliveries < expected && performance.now() - appendDone < 120_000) await new Promise((r) => setTimeout(r, 20));
  // The ledger projection's own rate: the same events applied to a fresh ledger, in batches.
  const journal = await hub.app.get<LedgerStore>(LEDGER_STORE).journal(0, 1_000_000);
  const events = journal.map((e) => JSON.parse(e.event) as LedgerEvent);
  const fresh = new SqliteLedgerStore(new Database(':memory:'));
  const p0 = performance.now();
  for (let i = 0; i < events.length; i += 500) await fresh.apply(events.slice(i, i + 500), {});
  const projectionPerSecond = Math.round(events.length / ((performance.now() - p0) / 1000));
  await fresh.close();
  await hub.close();
  rmSync(hub.dataDir, { recursive: true, force: true });
  receiver.close();

  const delays = [...arrivals.entries()].flatMap(([id, times]) => times.map((t) => t - appended.get(id)!));
  const result = {
    benchmark: 'feeds',
    when: new Date().toISOString(),
    node: process.version,
    events: EVENTS,
    subscriptions: SUBSCRIPTIONS,
    deliveriesExpected: expected,
    deliveries,
    fanOutPerSecond: Math.round(deliveries / ((lastDelivery - t0) / 1000)),
    appendToDeliveryMs: percentiles(delays),
    baseline: {
      ledgerProjectionEventsPerSecond: projectionPerSecond,
      liveLedgerEventsPerSecond: Math.round(EVENTS / ((ledgerDone - t0) / 1000)),
      appendEventsPerSecond: Math.round(EVENTS / ((appendDone - t0) / 1000)),
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'feeds.json'), JSON.stringify(result, null, 2) + '\n');
  const table = [
    '| measure | value |',
    '|---|---|',
    `| subscriptions / events appended | ${SUBSCRIPTIONS} / ${EVENTS} |`,
    `| deliveries (expected) | ${deliveries} (${expected}) |`,
    `| fan-out, deliveries per second | ${result.fanOutPerSecond} |`,
    `| append to delivery, p50 / p99 ms | ${result.appendToDeliveryMs.p50} / ${result.appendToDeliveryMs.p99} |`,
    `| baseline: ledger projection, events per second (same events, fresh ledger) | ${result.baseline.ledgerProjectionEventsPerSecond} |`,
    `| fan-out deliveries per projected event, relative to the projection | ${Math.round((result.fanOutPerSecond / result.baseline.ledgerProjectionEventsPerSecond) * 100) / 100} |`,
    `| baseline: appends through the API, events per second | ${result.baseline.appendEventsPerSecond} |`,
  ].join('\n');
  writeFileSync(join(__dirname, 'results', 'feeds.md'), `${table}\n`);
  console.log(table);
  if (deliveries !== expected) process.exitCode = 1;
}

void main();
