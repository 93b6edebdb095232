// The AsyncAPI 3 document of the hub's Kafka topics, generated from the contracts: one channel
// per office topic, one message per event type, CloudEvents binary content mode (ce_* headers,
// value = the event's data, key = the dispute id).
import { EVENT_CATALOG, EVENT_TYPES } from './catalog';
import { OFFICES, type Office } from './common';
import { parseEventType } from './envelope';
import { EVENT_SCHEMAS } from './schemas';

const header = (description: string, extra: object = {}) => ({ type: 'string', description, ...extra });

const CLOUD_EVENT_HEADERS = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time'],
  properties: {
    ce_specversion: header('CloudEvents version', { const: '1.0' }),
    ce_id: header('Event id (UUID): stable across redeliveries, drop duplicates by it'),
    ce_source: header('Publishing office', { pattern: '^/offices/(hotline|petition|governance|judicial)$' }),
    ce_type: header('Event type hub.<office>.<Event>.v<N>'),
    ce_subject: header('Dispute id'),
    ce_time: header('When the office recorded the event (RFC 3339)', { format: 'date-time' }),
    ce_dataschema: header('URI of the JSON schema of the value'),
    ce_sequence: header('Revision of the event in its office stream'),
    ce_correlationid: header('Conversation the event belongs to'),
    ce_causationid: header('What caused the event'),
    ce_actor: header('Who did it (a principal, never a citizen)'),
    'content-type': header('Media type of the value', { const: 'application/json' }),
  },
};

function messageName(type: string): string {
  const { office, name, version } = parseEventType(type)!;
  return `${office}${name}V${version}`;
}

export function topicOf(office: Office): string {
  return `hub.${office}.events`;
}

export const DEAD_LETTER_TOPIC = 'hub.ledger.dlq';

export interface AsyncApiOptions {
  /** The schema of the `personal` part as it travels: the hub seals it before anything leaves an office. */
  personalSchema?: object;
}

function wireSchema(type: (typeof EVENT_TYPES)[number], personalSchema?: object): object {
  const schema = EVENT_SCHEMAS[type] as { properties?: Record<string, unknown> };
  if (!personalSchema || !schema.properties?.personal) return schema;
  return { ...schema, properties: { ...schema.properties, personal: personalSchema } };
}

export function buildAsyncApi(options: AsyncApiOptions = {}): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    messages[messageName(type)] = {
      name: type,
      title: type,
      summary: EVENT_CATALOG[type],
      contentType: 'application/json',
      headers: CLOUD_EVENT_HEADERS,
      payload: { schemaFormat: 'application/schema+json;version=draft-07', schema: wireSchema(type, options.personalSchema) },
      bindings: { kafka: { key: { type: 'string', format: 'uuid', description: 'Dispute id: one dispute stays in one partition, in order' }, bindingVersion: '0.5.0' } },
    };
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const office of OFFICES) {
    const ofOffice = EVENT_TYPES.filter((t) => parseEventType(t)!.office === office);
    channels[`${office}Events`] = {
      address: topicOf(office),
      title: `Events of the ${office} office`,
      messages: Object.fromEntries(ofOffice.map((t) => [messageName(t), { $ref: `#/components/messages/${messageName(t)}` }])),
      bindings: { kafka: { bindingVersion: '0.5.0' } },
    };
    operations[`receive${office[0].toUpperCase()}${office.slice(1)}Events`] = {
      action: 'receive',
      summary: `Consume what the ${office} office publishes (at least once; idempotent by ce_id)`,
      channel: { $ref: `#/channels/${office}Events` },
      messages: ofOffice.map((t) => ({ $ref: `#/channels/${office}Events/messages/${messageName(t)}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Dispute hub events',
      version: '1.0.0',
      description:
        'Dispute events of the four offices, one Kafka topic per office, in CloudEvents 1.0 binary content mode. ' +
        'Personal data of citizens travels only in the `personal` part of a value, sealed per data subject (AES-256-GCM): ' +
        'consumers see who is concerned through the hub\'s ledger, masked, never in the clear.',
    },
    defaultContentType: 'application/json',
    servers: { kafka: { host: '{brokers}', protocol: 'kafka', description: 'The county\'s Kafka cluster', variables: { brokers: { default: 'localhost:9092' } } } },
    channels,
    operations,
    components: { messages },
  };
}
