import { toCloudEvent, type HubCloudEvent } from '@hub/contracts';
import { complaintReceived, interimMeasureTaken } from '@hub/testing';
import type { Message } from 'kafkajs';
import { deadLetter, decodeMessage, encodeEvent, type ReceivedMessage } from './cloud-event.codec';

const DISPUTE = '0b0f9a49-8f5c-5f1f-9e0a-6b7c1d2e3f40';

/** The personal part as the offices store and publish it: sealed per citizen (see @hub/security). */
const SEALED = {
  sealed: 'aes-256-gcm/v1',
  parts: [{ path: '/caller', subject: `sub_${'5b8a'.repeat(8)}`, key: 'e2083c78ffa7feb7', data: 'zsPrH31f30xMnMidm984R35k6e9deFhy' }],
};

function plainComplaint(): HubCloudEvent {
  return toCloudEvent(complaintReceived(), DISPUTE, 0, {
    id: '6f1f3c7e-2d4b-4a8e-9c1d-0e5f7a9b1c2d',
    time: '2023-12-27T01:30:00.123Z',
    actor: 'office:hotline',
    correlationId: 'corr-1',
    causationId: 'corr-1',
  });
}

function complaint(): HubCloudEvent {
  const event = plainComplaint();
  return { ...event, data: { ...event.data, personal: SEALED } } as unknown as HubCloudEvent;
}

/** What a consumer receives for a message a producer sent. */
function received(message: Message): ReceivedMessage {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]));
  return { key: Buffer.from(String(message.key)), value: Buffer.from(String(message.value)), headers };
}

function withHeaders(message: Message, change: Record<string, string | undefined>): ReceivedMessage {
  const headers = { ...(message.headers as Record<string, string>), ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete headers[k];
  return received({ ...message, headers });
}

describe('dispute events on Kafka (CloudEvents binary content mode)', () => {
  it('puts the attributes in ce_* headers, the data in the value and the dispute id in the key', () => {
    const message = encodeEvent(complaint());
    expect(message.key).toBe(DISPUTE);
    expect(JSON.parse(String(message.value))).toEqual(complaint().data);
    expect(message.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: '6f1f3c7e-2d4b-4a8e-9c1d-0e5f7a9b1c2d',
      ce_source: '/offices/hotline',
      ce_type: 'hub.hotline.ComplaintReceived.v1',
      ce_subject: DISPUTE,
      ce_time: '2023-12-27T01:30:00.123Z',
      ce_dataschema: 'urn:dispute-hub:schema:hub.hotline.ComplaintReceived.v1',
      ce_sequence: '0',
      ce_correlationid: 'corr-1',
      ce_causationid: 'corr-1',
      ce_actor: 'office:hotline',
    });
  });

  it('keeps personal data out of the key and headers, and publishes the personal part as it was sealed', () => {
    const message = encodeEvent(plainComplaint());
    expect(JSON.stringify({ key: message.key, headers: message.headers })).not.toMatch(/李龙|13800000000/);
    expect(JSON.parse(String(encodeEvent(complaint()).value)).personal).toEqual(SEALED);
  });

  it('reads back exactly the event that was sent', () => {
    expect(decodeMessage(received(encodeEvent(complaint())))).toEqual({ ok: true, event: complaint() });
  });

  it('reads an earlier version of an event as it was published (readers upcast it)', () => {
    const v1 = toCloudEvent(interimMeasureTaken(), DISPUTE, 3, { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', time: '2023-12-27T07:00:00.000Z', actor: 'office:judicial', correlationId: 'c', causationId: 'c' });
    const legacy = { ...v1, type: 'hub.judicial.InterimMeasureTaken.v1', dataschema: 'urn:dispute-hub:schema:hub.judicial.InterimMeasureTaken.v1', data: { occurredAt: v1.data.occurredAt, measure: '先行为业主水卡充值' } } as unknown as HubCloudEvent;
    expect(decodeMessage(received(encodeEvent(legacy)))).toEqual({ ok: true, event: legacy });
  });

  it.each([
    ['no CloudEvent headers at all', (m: Message) => received({ ...m, headers: {} }), 'NOT_A_CLOUDEVENT'],
    ['a missing ce_source', (m: Message) => withHeaders(m, { ce_source: undefined }), 'BAD_ENVELOPE'],
    ['a missing hub attribute', (m: Message) => withHeaders(m, { ce_correlationid: undefined }), 'BAD_ENVELOPE'],
    ['an unparseable time', (m: Message) => withHeaders(m, { ce_time: 'yesterday' }), 'BAD_ENVELOPE'],
    ['a source other than the type\'s office', (m: Message) => withHeaders(m, { ce_source: '/offices/judicial' }), 'BAD_ENVELOPE'],
    ['a key other than the subject', (m: Message) => ({ ...received(m), key: Buffer.from('another-dispute') }), 'BAD_ENVELOPE'],
    ['another content type', (m: Message) => withHeaders(m, { 'content-type': 'text/plain' }), 'BAD_ENVELOPE'],
    ['a type that is not the hub\'s', (m: Message) => withHeaders(m, { ce_type: 'com.example.Thing' }), 'UNKNOWN_TYPE'],
    ['an event the contracts do not know', (m: Message) => withHeaders(m, { ce_type: 'hub.hotline.ComplaintWithdrawn.v1' }), 'UNKNOWN_TYPE'],
    ['a version the contracts do not know', (m: Message) => withHeaders(m, { ce_type: 'hub.hotline.ComplaintReceived.v7', ce_dataschema: 'urn:dispute-hub:schema:hub.hotline.ComplaintReceived.v7' }), 'UNKNOWN_VERSION'],
    ['a value that is not JSON', (m: Message) => received({ ...m, value: '{"ticketNo": ' }), 'BAD_VALUE'],
    ['data that breaks the schema', (m: Message) => received({ ...m, value: JSON.stringify({ ticketNo: 42 }) }), 'INVALID_DATA'],
    ['personal data in the clear', (m: Message) => received({ ...m, value: JSON.stringify(plainComplaint().data) }), 'INVALID_DATA'],
    ['a personal part sealed in a shape the hub does not write', (m: Message) => received({ ...m, value: JSON.stringify({ ...complaint().data, personal: { sealed: 'aes-256-gcm/v1', parts: [{ path: '/caller' }] } }) }), 'INVALID_DATA'],
  ])('refuses %s with a stable code and a reason', (_what, spoil, code) => {
    const result = decodeMessage(spoil(encodeEvent(complaint())));
    expect(result).toEqual({ ok: false, error: { code, reason: expect.any(String) } });
  });

  it('a dead letter keeps the key, value and original headers and says why and where from', () => {
    const bad = withHeaders(encodeEvent(complaint()), { ce_type: 'hub.hotline.Nope.v1' });
    const result = decodeMessage(bad);
    if (result.ok) throw new Error('expected a refusal');
    const letter = deadLetter(bad, { topic: 'hub.hotline.events', partition: 2, offset: '17' }, result.error, 'hub-ledger');
    expect(letter.key).toEqual(bad.key);
    expect(letter.value).toEqual(bad.value);
    expect(letter.headers).toMatchObject({
      ...bad.headers,
      dlq_code: 'UNKNOWN_TYPE',
      dlq_reason: expect.stringContaining('hub.hotline.Nope.v1'),
      dlq_topic: 'hub.hotline.events',
      dlq_partition: '2',
      dlq_offset: '17',
      dlq_consumer: 'hub-ledger',
    });
  });
});
