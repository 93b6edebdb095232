// Proves the test broker is a real Kafka: partitions, idempotent acks=all producing, consumer
// groups, headers, data surviving a restart, and a second, non-JS client (Kafka's own console
// consumer) reading the same records.
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { consoleConsume, startKafka, type KafkaHandle } from './kafka-broker';

jest.setTimeout(180_000);

// A broker given by KAFKA_BROKERS is not ours to restart.
const itOwnBroker = process.env.KAFKA_BROKERS ? it.skip : it;

interface Received { partition: number; key: string; value: string; headers: Record<string, string> }

function text(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

// Reads with a fresh group from the beginning until `count` records arrived, then lingers a
// little so a duplicate delivered late would still be counted.
async function consume(kafka: Kafka, topic: string, count: number): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId: `self-test-${Math.random().toString(36).slice(2)}` });
  const received: Received[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, key: String(message.key), value: String(message.value), headers: text(message.headers) });
      },
    });
    const deadline = Date.now() + 60_000;
    while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    await consumer.disconnect();
  }
  return received;
}

async function produce(kafka: Kafka, topic: string, messages: { key: string; value: string; headers: Record<string, string> }[]) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

describe('test Kafka broker', () => {
  let broker: KafkaHandle;
  let kafka: Kafka;
  const topic = `broker-self-test-${Date.now()}`;
  let produced = 0;

  beforeAll(async () => {
    broker = await startKafka({ name: 'broker-self-test' });
    kafka = new Kafka({ clientId: 'broker-self-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('delivers 100 idempotently produced records with headers exactly once over 3 partitions', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
      const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(meta.partitions).toHaveLength(3);
    } finally {
      await admin.disconnect();
    }

    await produce(kafka, topic, Array.from({ length: 100 }, (_, i) => ({
      key: `dispute-${i % 10}`, value: `event-${i}`, headers: { 'x-seq': String(i), 'x-source': 'self-test' },
    })));
    produced += 100;

    const received = await consume(kafka, topic, 100);
    expect(received).toHaveLength(100);
    expect(new Set(received.map((r) => r.value)).size).toBe(100);
    for (const r of received) {
      expect(r.value).toBe(`event-${r.headers['x-seq']}`);
      expect(r.headers['x-source']).toBe('self-test');
    }
    // Ten keys over three partitions: the records really were spread out.
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  itOwnBroker('keeps its data across a restart and serves clients again', async () => {
    await broker.restart();
    await produce(kafka, topic, [{ key: 'dispute-x', value: 'after-restart', headers: { 'x-seq': '100', 'x-source': 'self-test' } }]);
    produced += 1;
    const received = await consume(kafka, topic, produced);
    expect(received).toHaveLength(produced);
    expect(received.map((r) => r.value)).toContain('after-restart');
  });

  it("is readable by Kafka's own console consumer, headers included", async () => {
    const out = await consoleConsume(broker, topic, { maxMessages: produced, timeoutMs: 30_000 });
    expect(out.trim().split('\n')).toHaveLength(produced);
    // print.headers + print.key: "x-seq:42,x-source:self-test<TAB>dispute-2<TAB>event-42"
    expect(out).toMatch(/^x-seq:42,x-source:self-test\tdispute-2\tevent-42$/m);
    if (produced > 100) expect(out).toMatch(/\tafter-restart$/m);
  });
});
