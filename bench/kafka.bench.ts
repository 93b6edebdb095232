// `npm run bench:kafka`: the distributed topology's throughput and end-to-end latency, beside the
// ceiling measured in the same run on the same broker and topic layout.
//   hub:  HTTP POST to an office process -> its store -> outbox relay -> Kafka -> ledger process
//         -> visible in the ledger's database. Four office processes and the ledger, each its own
//         process (as `npm run start:distributed` runs them), clients spread over the offices.
//   raw:  a kafkajs producer -> the broker -> a kafkajs consumer group, nothing else: the same
//         messages (CloudEvents headers, JSON value, dispute-id key), the same concurrency, four
//         topics of the same partition count, idempotent producer with acks=all.
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { toCloudEvent, type Office } from '@hub/contracts';
import { encodeEvent } from '@hub/kafka';
import { disputeIdFor } from '@hub/office-kit';
import { complaintReceived } from '@hub/testing';
import { waterCardComplaint } from '../apps/hub/demo/water-card.scenario';
import { startKafka } from '../test/support/kafka-broker';
import { startProcess, type HubProcess } from '../test/kafka/support/processes';
import { apiKeys, tempDir } from '../test/kafka/support/topology';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PARTITIONS = 3;
const WARM_UP = 100;
const OFFICES: Office[] = ['hotline', 'petition', 'governance', 'judicial'];
const PLACE = { district: '冠县', street: '崇文街道', community: '文苑社区' };

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

interface Report {
  office: Office;
  path: string;
  body: Record<string, unknown>;
  disputeId: string;
}

/** The i-th new report, taking turns among the four offices: each is one event and one new dispute. */
function report(run: string, i: number): Report {
  const n = `${run}-${i}`;
  const at = '2024-01-05T10:00:00+08:00';
  switch (OFFICES[i % 4]) {
    case 'hotline':
      return { office: 'hotline', path: '/v1/hotline/complaints', body: { ...waterCardComplaint, ticketNo: `B-${n}` }, disputeId: disputeIdFor('ticket', `B-${n}`) };
    case 'petition':
      return {
        office: 'petition',
        path: '/v1/petition/petitions',
        body: { petitionNo: `XF-${n}`, registeredAt: at, form: 'visit', category: 'property', petitioner: { name: '李龙', phone: '13800000000' }, place: PLACE, summary: '水卡充值问题' },
        disputeId: disputeIdFor('petition', `XF-${n}`),
      };
    case 'governance':
      return {
        office: 'governance',
        path: '/v1/governance/grid-checks',
        body: { checkNo: `WG-${n}`, foundAt: at, gridWorker: '王网格', category: 'neighbour', riskLevel: 'low', place: PLACE, summary: '邻里纠纷', parties: [{ name: '张三' }] },
        disputeId: disputeIdFor('grid_check', `WG-${n}`),
      };
    case 'judicial':
      return {
        office: 'judicial',
        path: '/v1/judicial/walk-ins',
        body: { registrationNo: `ZF-${n}`, registeredAt: at, category: 'family', place: PLACE, summary: '家庭纠纷', parties: [{ name: '王五' }] },
        disputeId: disputeIdFor('walk_in', `ZF-${n}`),
      };
  }
}

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function hubRun(brokers: string[]) {
  const dir = tempDir('hub-bench-kafka-');
  const options = { dataDir: dir, brokers, env: { HUB_WRITES_PER_MINUTE: '999999', KAFKA_PARTITIONS: String(PARTITIONS) } };
  const apps = Object.fromEntries(
    await Promise.all((['ledger', ...OFFICES] as const).map(async (app) => [app, await startProcess(app, options)] as const)),
  ) as Record<Office | 'ledger', HubProcess>;
  const keys = apiKeys(dir);
  const ledgerDb = new Database(join(dir, 'ledger.db'), { readonly: true });
  const newRows = ledgerDb.prepare<[number], { rowid: number; dispute_id: string }>('SELECT rowid, dispute_id FROM ledger_journal WHERE rowid > ? ORDER BY rowid');

  const sent = new Map<string, number>();
  const accepted = new Map<string, number>();
  const visible = new Map<string, number>();
  let lastRow = 0;
  let watching = true;
  // Watches the ledger's database as a reader would: a row in its journal is a visible event.
  const watcher = (async () => {
    while (watching) {
      for (const row of newRows.all(lastRow)) {
        visible.set(row.dispute_id, performance.now());
        lastRow = row.rowid;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  })();

  const post = async (r: Report) => {
    sent.set(r.disputeId, performance.now());
    const res = await fetch(`${apps[r.office].url}${r.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[r.office]}` },
      body: JSON.stringify(r.body),
    });
    if (res.status !== 202) throw new Error(`${r.path} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    accepted.set(r.disputeId, performance.now());
  };
  const until = async (ids: string[]) => {
    while (ids.some((id) => !visible.has(id))) await new Promise((r) => setTimeout(r, 5));
  };

  const warm = Array.from({ length: WARM_UP }, (_, i) => report('warm', i));
  await pool(warm, post);
  await until(warm.map((r) => r.disputeId));

  const reports = Array.from({ length: N }, (_, i) => report('run', i));
  const start = performance.now();
  await pool(reports, post);
  await until(reports.map((r) => r.disputeId));
  const seconds = (Math.max(...reports.map((r) => visible.get(r.disputeId)!)) - start) / 1000;
  watching = false;
  await watcher;
  ledgerDb.close();
  await Promise.all(Object.values(apps).map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });

  const ids = reports.map((r) => r.disputeId);
  return {
    eventsPerSecond: Math.round(N / seconds),
    accepted: summary(ids.map((id) => accepted.get(id)! - sent.get(id)!)),
    endToEnd: summary(ids.map((id) => visible.get(id)! - sent.get(id)!)),
    acceptedToVisible: summary(ids.map((id) => Math.max(0, visible.get(id)! - accepted.get(id)!))),
  };
}

async function rawRun(brokers: string[]) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topics = OFFICES.map((o) => `bench.raw.${o}.events`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })) });
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: 'bench-raw', maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const m of batch.messages) received.set(m.headers!.ce_id!.toString(), now);
    },
  });

  // The same message the hub's relay sends for a complaint: CloudEvents headers, JSON data, dispute-id key.
  const message = (run: string, i: number) => {
    const id = `${run}-${i}`;
    const event = toCloudEvent(complaintReceived({ ticketNo: `R-${id}` }), disputeIdFor('ticket', `R-${id}`), 0, {
      id, time: new Date().toISOString(), actor: 'office:hotline', correlationId: id, causationId: id,
    });
    return { id, topic: topics[i % 4], message: encodeEvent(event) };
  };
  const send = async ({ id, topic, message: m }: ReturnType<typeof message>) => {
    sent.set(id, performance.now());
    await producer.send({ topic, acks: -1, messages: [m] });
  };
  const until = async (ids: string[]) => {
    while (ids.some((id) => !received.has(id))) await new Promise((r) => setTimeout(r, 5));
  };

  const warm = Array.from({ length: WARM_UP }, (_, i) => message('warm', i));
  await pool(warm, send);
  await until(warm.map((w) => w.id));
  const messages = Array.from({ length: N }, (_, i) => message('run', i));
  const start = performance.now();
  await pool(messages, send);
  await until(messages.map((m) => m.id));
  const ids = messages.map((m) => m.id);
  const seconds = (Math.max(...ids.map((id) => received.get(id)!)) - start) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return { eventsPerSecond: Math.round(N / seconds), endToEnd: summary(ids.map((id) => received.get(id)! - sent.get(id)!)) };
}

async function main() {
  const broker = await startKafka({ name: 'bench' });
  try {
    const raw = await rawRun(broker.brokers);
    const hub = await hubRun(broker.brokers);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const result = {
      benchmark: 'kafka',
      when: new Date().toISOString(),
      node: process.version,
      broker: `Apache Kafka ${process.env.KAFKA_BROKERS ? '(KAFKA_BROKERS)' : '3.9.2, KRaft, single node'}`,
      events: N,
      concurrency: CONCURRENCY,
      partitionsPerTopic: PARTITIONS,
      hub,
      baseline: { rawKafkajs: raw },
      ratio: {
        throughputHubOverRaw: ratio(hub.eventsPerSecond, raw.eventsPerSecond),
        p50HubOverRaw: ratio(hub.endToEnd.p50, raw.endToEnd.p50),
        p99HubOverRaw: ratio(hub.endToEnd.p99, raw.endToEnd.p99),
      },
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'kafka.json'), JSON.stringify(result, null, 2) + '\n');
    const table = [
      `${N} events, ${CONCURRENCY} concurrent clients, ${PARTITIONS} partitions per topic, one broker; latency in ms`,
      '',
      '| path | events/s | p50 | p90 | p99 | max |',
      '|---|---|---|---|---|---|',
      `| raw kafkajs producer -> consumer (ceiling) | ${raw.eventsPerSecond} | ${raw.endToEnd.p50} | ${raw.endToEnd.p90} | ${raw.endToEnd.p99} | ${raw.endToEnd.max} |`,
      `| hub: POST -> ledger-visible | ${hub.eventsPerSecond} | ${hub.endToEnd.p50} | ${hub.endToEnd.p90} | ${hub.endToEnd.p99} | ${hub.endToEnd.max} |`,
      `| hub: POST -> 202 (event on the broker) | | ${hub.accepted.p50} | ${hub.accepted.p90} | ${hub.accepted.p99} | ${hub.accepted.max} |`,
      `| hub: 202 -> ledger-visible | | ${hub.acceptedToVisible.p50} | ${hub.acceptedToVisible.p90} | ${hub.acceptedToVisible.p99} | ${hub.acceptedToVisible.max} |`,
      '',
      `hub / ceiling: throughput ${result.ratio.throughputHubOverRaw}, p50 ${result.ratio.p50HubOverRaw}, p99 ${result.ratio.p99HubOverRaw}`,
    ].join('\n');
    writeFileSync(join(__dirname, 'results', 'kafka.md'), `${table}\n`);
    console.log(table);
  } finally {
    await broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
