// Dispute events on Kafka: CloudEvents 1.0 in binary content mode. The attributes travel as
// `ce_*` headers (plus `content-type`), the value is the event's JSON data and the key is the
// dispute id. Personal data lives only in the data, never in a key or a header.
// Reading is strict: a message that is not a hub event of a known type and version, with data
// matching its schema as stored (personal part sealed), is refused with a stable code, for the
// dead-letter topic.
import { CloudEvent, Kafka, ValidationError, type KafkaMessage } from 'cloudevents';
import {
  KNOWN_EVENT_TYPES,
  dataSchemaUri,
  hubCloudEvent,
  isKnownEventType,
  parseEventType,
  type EventType,
  type HubCloudEvent,
} from '@hub/contracts';
import { storedEventDataErrors } from '@hub/security';
import type { IHeaders, Message } from 'kafkajs';

export type DeadLetterCode =
  | 'NOT_A_CLOUDEVENT'
  | 'BAD_ENVELOPE'
  | 'UNKNOWN_TYPE'
  | 'UNKNOWN_VERSION'
  | 'BAD_VALUE'
  | 'INVALID_DATA';

export interface Unreadable {
  code: DeadLetterCode;
  reason: string;
}

export type Decoded = { ok: true; event: HubCloudEvent } | { ok: false; error: Unreadable };

/** A message as a consumer receives it (kafkajs' KafkaMessage has these and more). */
export interface ReceivedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** The hub's own attributes beyond the CloudEvents core, all required on the wire. */
const HUB_ATTRIBUTES = ['subject', 'time', 'dataschema', 'sequence', 'correlationid', 'causationid', 'actor'] as const;

export function encodeEvent(event: HubCloudEvent): Message {
  const { data, ...attributes } = event;
  const { headers } = Kafka.binary(new CloudEvent({ ...attributes, data }));
  // The binding repeats datacontenttype as ce_datacontenttype and lists unset 0.3 attributes:
  // binary mode carries it as `content-type` only, and unset attributes not at all.
  const wire = Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => value !== undefined && name !== 'ce_datacontenttype'),
  ) as Record<string, string>;
  // No timestamp: the broker's own time keeps retention working for a relay catching up on old events.
  return { key: event.subject, value: JSON.stringify(data), headers: wire };
}

/** Header values as text; a header given twice makes the message ambiguous. */
function headerStrings(headers: IHeaders = {}): { values: Record<string, string>; repeated: string[] } {
  const values: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 1) repeated.push(name);
      if (value.length > 0) values[name] = value[0].toString();
    } else {
      values[name] = value.toString();
    }
  }
  return { values, repeated };
}

const refuse = (code: DeadLetterCode, reason: string): Decoded => ({ ok: false, error: { code, reason } });

export function decodeMessage(message: ReceivedMessage): Decoded {
  const { values: headers, repeated } = headerStrings(message.headers);
  if (!headers.ce_id) return refuse('NOT_A_CLOUDEVENT', 'no ce_id header: not a CloudEvent in binary content mode');
  if (repeated.length > 0) return refuse('BAD_ENVELOPE', `headers given more than once: ${repeated.join(', ')}`);
  if (headers['content-type'] !== 'application/json') {
    return refuse('BAD_ENVELOPE', `content-type must be application/json, got ${JSON.stringify(headers['content-type'] ?? null)}`);
  }
  if (message.value === null || message.value.length === 0) return refuse('BAD_VALUE', 'the message has no value (the event data)');
  let ce: CloudEvent<unknown>;
  try {
    const wire: KafkaMessage<Buffer> = { key: message.key?.toString() ?? '', value: message.value, headers, body: message.value };
    ce = Kafka.toEvent(wire) as CloudEvent<unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) return refuse('BAD_VALUE', `the value is not JSON: ${error.message}`);
    return refuse('BAD_ENVELOPE', envelopeProblem(error));
  }
  try {
    ce.validate();
  } catch (error) {
    return refuse('BAD_ENVELOPE', envelopeProblem(error));
  }
  if (ce.specversion !== '1.0') return refuse('BAD_ENVELOPE', `ce_specversion must be 1.0, got ${ce.specversion}`);
  const missing = HUB_ATTRIBUTES.filter((name) => !headers[`ce_${name}`]);
  if (missing.length > 0) return refuse('BAD_ENVELOPE', `missing headers: ${missing.map((m) => `ce_${m}`).join(', ')}`);

  const type = headers.ce_type;
  const parsed = parseEventType(type);
  if (!parsed) return refuse('UNKNOWN_TYPE', `${type} is not a hub event type (hub.<office>.<Event>.v<N>)`);
  // Earlier versions stay readable for ever: consumers upcast them before folding.
  if (!isKnownEventType(type)) {
    const known = KNOWN_EVENT_TYPES.filter((t) => t.startsWith(`hub.${parsed.office}.${parsed.name}.v`));
    return known.length > 0
      ? refuse('UNKNOWN_VERSION', `${type}: this hub reads ${known.join(', ')}`)
      : refuse('UNKNOWN_TYPE', `${type} is not an event of the hub's contracts`);
  }
  if (headers.ce_source !== `/offices/${parsed.office}`) {
    return refuse('BAD_ENVELOPE', `ce_source ${headers.ce_source} is not the office of ${type}`);
  }
  if (headers.ce_dataschema !== dataSchemaUri(type)) return refuse('BAD_ENVELOPE', `ce_dataschema must be ${dataSchemaUri(type)}`);
  if (message.key?.toString() !== headers.ce_subject) return refuse('BAD_ENVELOPE', 'the message key is not the dispute id in ce_subject');
  if (!/^\d+$/.test(headers.ce_sequence)) return refuse('BAD_ENVELOPE', 'ce_sequence must be a stream revision (digits)');

  // As stored: the personal part sealed (encrypted per citizen), never in the clear.
  // The stored schemas cover every known version, earlier ones included.
  const problems = storedEventDataErrors(type as EventType, ce.data);
  if (problems.length > 0) return refuse('INVALID_DATA', `data does not match the schema of ${type}: ${problems.join('; ')}`);
  return {
    ok: true,
    event: hubCloudEvent(
      {
        id: headers.ce_id,
        source: headers.ce_source,
        type,
        subject: headers.ce_subject,
        // The header as sent: the binding would reformat it, and the ledger shows it as recorded.
        time: headers.ce_time,
        dataschema: headers.ce_dataschema,
        sequence: headers.ce_sequence,
        correlationid: headers.ce_correlationid,
        causationid: headers.ce_causationid,
        actor: headers.ce_actor,
      },
      ce.data,
    ),
  };
}

function envelopeProblem(error: unknown): string {
  if (error instanceof ValidationError && Array.isArray(error.errors) && error.errors.length > 0) {
    return `invalid CloudEvent: ${error.errors.map((e) => (typeof e === 'string' ? e : `${(e as { instancePath?: string }).instancePath || '/'} ${(e as { message?: string }).message ?? ''}`)).join('; ')}`;
  }
  return `invalid CloudEvent: ${(error as Error).message}`;
}

export interface Origin {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The dead letter of an unreadable message: the same key, value and headers, plus why it was
 * refused and where it came from, so that it can be inspected and replayed.
 */
export function deadLetter(message: ReceivedMessage, origin: Origin, error: Unreadable, consumer: string): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...(message.headers ?? {}),
      dlq_code: error.code,
      dlq_reason: error.reason,
      dlq_topic: origin.topic,
      dlq_partition: String(origin.partition),
      dlq_offset: origin.offset,
      dlq_consumer: consumer,
    },
  };
}
