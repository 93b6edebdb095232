// The distributed topology against a real Kafka broker: four office applications and the ledger,
// each on its own SQLite file, linked only by the broker. The water-card case goes through the
// offices' HTTP APIs -> outbox relays -> Kafka -> the ledger, and must give the record the
// embedded hub gives.
import { rmSync } from 'node:fs';
import { Kafka, Partitioners, logLevel, type KafkaMessage } from 'kafkajs';
import { toCloudEvent } from '@hub/contracts';
import { DEAD_LETTER_TOPIC, encodeEvent, topicOf } from '@hub/kafka';
import { disputeIdFor } from '@hub/office-kit';
import { walkInRegistered } from '@hub/testing';
import { WATER_CARD_TICKET, waterCardComplaint, waterCardSteps } from '../../apps/hub/demo/water-card.scenario';
import { startHub } from '../support/hub-app';
import { consoleConsume, startKafka, type KafkaHandle } from '../support/kafka-broker';
import { apiKeys, bearer, eventually, kafkaConfig, ready, startLedger, startOffice, tempDir, type RunningApp } from './support/topology';

type Offices = Record<'hotline' | 'petition' | 'governance' | 'judicial', RunningApp>;

/** What legitimately differs between two runs: event ids and the moments the hub recorded them. */
function comparable(record: { timeline: { eventId: string; recordedAt: string }[] }) {
  return { ...record, timeline: record.timeline.map(({ eventId: _id, recordedAt: _at, ...rest }) => rest) };
}

describe('the distributed topology on a real Kafka broker', () => {
  let kafka: KafkaHandle;
  let dir: string;
  let offices: Offices;
  let ledger: RunningApp;
  let keys: Record<string, string>;

  beforeAll(async () => {
    kafka = await startKafka({ name: 'distributed' });
    dir = tempDir();
    const config = kafkaConfig(kafka.brokers);
    const [hotline, petition, governance, judicial] = await Promise.all(
      (['hotline', 'petition', 'governance', 'judicial'] as const).map((office) => startOffice(office, dir, config)),
    );
    offices = { hotline, petition, governance, judicial };
    ledger = await startLedger(dir, config);
    await Promise.all([...Object.values(offices), ledger].map((app) => ready(app)));
    keys = apiKeys(dir);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...Object.values(offices ?? {}), ledger].filter(Boolean).map((app) => app.close()));
    await kafka?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const officeOfPath = (path: string) => path.split('/')[2] as keyof Offices;

  it('plays the water-card case across four office processes and builds the record the embedded hub builds', async () => {
    const intake = await offices.hotline.http().post('/v1/hotline/complaints').set(bearer(keys.hotline)).send(waterCardComplaint).expect(202);
    const disputeId = intake.body.disputeId as string;
    for (const step of waterCardSteps) {
      const path = step.path(disputeId);
      const res = await offices[officeOfPath(path)].http().post(path).set(bearer(keys[officeOfPath(path)])).send(step.body);
      expect({ step: step.title, status: res.status, body: res.body }).toMatchObject({ status: 202 });
    }
    const distributed = await ledger.http().get(`/v1/ledger/disputes/${disputeId}?after=1`).set(bearer(keys.admin)).expect(200);

    const hub = await startHub();
    try {
      const hubKeys = apiKeys(hub.dataDir);
      const embeddedIntake = await hub.http().post('/v1/hotline/complaints').set(bearer(hubKeys.hotline)).send(waterCardComplaint).expect(202);
      let position = 0;
      for (const step of waterCardSteps) {
        const path = step.path(disputeId);
        position = (await hub.http().post(path).set(bearer(hubKeys[officeOfPath(path)])).send(step.body).expect(202)).body.position;
      }
      const embedded = await hub.http().get(`/v1/ledger/disputes/${embeddedIntake.body.disputeId}?after=${position}`).set(bearer(hubKeys.admin)).expect(200);
      expect(embeddedIntake.body.disputeId).toBe(disputeId);
      expect(comparable(distributed.body)).toEqual(comparable(embedded.body));
    } finally {
      await hub.close();
      rmSync(hub.dataDir, { recursive: true, force: true });
    }
    expect(distributed.body).toMatchObject({ status: 'closed', closeOutcome: 'resolved', agreement: { state: 'fulfilled' }, satisfaction: 'satisfied' });
    expect(distributed.body.timeline).toHaveLength(13);

    const byTicket = await ledger.http().get(`/v1/ledger/disputes?ticketNo=${WATER_CARD_TICKET}`).set(bearer(keys.admin)).expect(200);
    expect(byTicket.body.items.map((r: { id: string }) => r.id)).toEqual([disputeId]);
  });

  it("an office acting on another office's dispute knows it through the replica of that office's topic", async () => {
    const complaint = { ...waterCardComplaint, ticketNo: 'GX12345-20231228-0101', summary: '邻居装修噪音扰民' };
    const { body } = await offices.hotline.http().post('/v1/hotline/complaints').set(bearer(keys.hotline)).send(complaint).expect(202);
    // Governance never received the complaint itself: only the hotline's event on Kafka.
    await offices.governance.http().post(`/v1/governance/disputes/${body.disputeId}/triage`).set(bearer(keys.governance)).send({ riskLevel: 'low', category: 'neighbour' }).expect(202);
    const refused = await offices.judicial.http().post(`/v1/judicial/disputes/${body.disputeId}/agreements`).set(bearer(keys.judicial))
      .send({ agreementNo: 'A-1', terms: 't', fulfilBy: '2024-03-01T00:00:00+08:00' }).expect(409);
    expect(refused.body.code).toBe('NOT_IN_MEDIATION');
    const unknown = await offices.judicial.http().post('/v1/judicial/disputes/b3f4c1de-9a0e-5c2b-8f3e-1a2b3c4d5e6f/mediations').set(bearer(keys.judicial)).send({ mediator: '周调解员' }).expect(404);
    expect(unknown.body.code).toBe('DISPUTE_NOT_FOUND');
  });

  it('Apache Kafka\'s own console consumer reads the CloudEvents headers and the JSON data', async () => {
    // The water-card complaint, wherever its partition falls among the hotline's messages.
    const out = await consoleConsume(kafka, topicOf('hotline'), { maxMessages: 5, timeoutMs: 20_000 });
    const line = out.split('\n').find((l) => l.includes('ComplaintReceived') && l.includes(WATER_CARD_TICKET));
    if (!line) throw new Error(`no water-card complaint among:\n${out}`);
    const [headers, key, value] = line.split('\t');
    expect(headers).toContain('ce_specversion:1.0');
    expect(headers).toContain('ce_type:hub.hotline.ComplaintReceived.v1');
    expect(headers).toContain('ce_source:/offices/hotline');
    expect(headers).toContain('content-type:application/json');
    expect(headers).toMatch(/ce_id:[0-9a-f-]{36}/);
    expect(headers).toContain(`ce_subject:${key}`);
    expect(JSON.parse(value)).toMatchObject({ ticketNo: WATER_CARD_TICKET, category: 'property', place: { street: '崇文街道' } });
    // The caller's name and phone travel sealed with the caller's own data key, never in the clear.
    const { personal } = JSON.parse(value);
    expect(personal.sealed).toBe('aes-256-gcm/v1');
    expect(personal.parts.map((p: { path: string }) => p.path)).toEqual(['/caller', '/address']);
    expect(line).not.toMatch(/李龙|13800000000/);
  }, 120_000);

  it('poison messages go to the dead-letter topic with a reason; the events after them are applied', async () => {
    const registrationNo = 'ZF-POISON-1';
    const disputeId = disputeIdFor('walk_in', registrationNo);
    // Headers as the judicial office's relay would send them for this dispute, to spoil one way each.
    const template = encodeEvent(toCloudEvent(walkInRegistered({ registrationNo }), disputeId, 0, {
      id: '0f4d2b6a-8c1e-4f3a-9b5d-7e6f8a9b0c1d', time: new Date().toISOString(), actor: 'office:judicial', correlationId: 'c', causationId: 'c',
    }));
    const headers = template.headers as Record<string, string>;
    const poisons = [
      { key: disputeId, value: 'not a cloud event', headers: { origin: 'someone else' } },
      { ...template, headers: { ...headers, ce_type: 'hub.judicial.WalkInRegistered.v9', ce_dataschema: 'urn:dispute-hub:schema:hub.judicial.WalkInRegistered.v9' } },
      { ...template, headers: { ...headers, ce_type: 'hub.judicial.Teleported.v1' } },
      { ...template, value: JSON.stringify({ registrationNo: 7 }) },
      { ...template, value: '{"registrationNo": ' },
    ];
    const client = new Kafka({ clientId: 'test-poison', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: topicOf('judicial'), acks: -1, messages: poisons });
    await producer.disconnect();

    // Then the real walk-in, through the judicial office: same key, so the same partition, after the poison.
    await offices.judicial.http().post('/v1/judicial/walk-ins').set(bearer(keys.judicial)).send({
      registrationNo, registeredAt: '2024-01-08T09:00:00+08:00', category: 'family',
      place: { district: '冠县', street: '崇文街道', community: '文苑社区' }, summary: '赡养纠纷', parties: [{ name: '王五' }],
    }).expect(202);

    const record = await eventually('the walk-in after the poison in the ledger',
      async () => ledger.http().get(`/v1/ledger/disputes/${disputeId}`).set(bearer(keys.admin)), (res) => res.status === 200);
    expect(record.body.sources).toEqual([expect.objectContaining({ kind: 'walk_in', number: registrationNo })]);

    const letters = await readTopic(kafka.brokers, DEAD_LETTER_TOPIC, 5);
    const header = (m: KafkaMessage, name: string) => m.headers?.[name]?.toString();
    expect(letters.map((m) => header(m, 'dlq_code'))).toEqual(['NOT_A_CLOUDEVENT', 'UNKNOWN_VERSION', 'UNKNOWN_TYPE', 'INVALID_DATA', 'BAD_VALUE']);
    for (const m of letters) {
      expect(header(m, 'dlq_reason')).toEqual(expect.any(String));
      expect(header(m, 'dlq_topic')).toBe(topicOf('judicial'));
      expect(m.key?.toString()).toBe(disputeId);
    }
    expect(header(letters[0], 'origin')).toBe('someone else');
    expect(header(letters[1], 'ce_type')).toBe('hub.judicial.WalkInRegistered.v9');
    expect(letters[0].value?.toString()).toBe('not a cloud event');

    const health = await ledger.http().get('/health').expect(200);
    expect(health.body.kafka.consumer).toMatchObject({ state: 'running', deadLettered: 5 });
  });

  it('each service reports readiness, and the ledger its lag per partition', async () => {
    for (const office of Object.values(offices)) {
      const { body } = await office.http().get('/health').expect(200);
      expect(body).toMatchObject({ status: 'ok', kafka: { broker: 'reachable', relay: { running: true, lastError: null }, replica: { state: 'running' } } });
      expect(body.kafka.relay.published).toBe(body.eventStore.head);
    }
    const body = await eventually('the ledger caught up', async () => (await ledger.http().get('/health')).body, (b) => b.kafka?.totalLag === 0);
    expect(body.kafka.lag).toHaveLength(12);
    for (const p of body.kafka.lag) {
      expect(p).toEqual({ topic: expect.stringMatching(/^hub\.\w+\.events$/), partition: expect.any(Number), next: p.end === '0' ? null : p.end, end: expect.any(String), lag: 0 });
    }
  });
});

async function readTopic(brokers: string[], topic: string, count: number): Promise<KafkaMessage[]> {
  const client = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = client.consumer({ groupId: `test-reader-${Date.now()}` });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await eventually(`${count} messages on ${topic}`, async () => seen.length, (n) => n >= count, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return seen.sort((a, b) => Number(a.offset) - Number(b.offset));
}
