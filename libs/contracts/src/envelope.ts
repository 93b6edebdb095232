// The CloudEvents 1.0 envelope every dispute event travels in, in the store and on Kafka.
import type { Office } from './common';
import type { GovernanceEvent } from './events/governance.events';
import type { HotlineEvent } from './events/hotline.events';
import type { JudicialEvent } from './events/judicial.events';
import type { PetitionEvent } from './events/petition.events';

export type DisputeEvent = HotlineEvent | PetitionEvent | GovernanceEvent | JudicialEvent;
export type EventType = DisputeEvent['type'];
export type EventOf<T extends EventType> = Extract<DisputeEvent, { type: T }>;
export type DataOf<T extends EventType> = EventOf<T>['data'];

/** Who did it and why: comes with the command, never made up inside the domain. */
export interface EventMetadata {
  id: string;
  time: string;
  actor: string;
  correlationId: string;
  causationId: string;
}

/**
 * A published event: CloudEvents attributes plus the hub's extensions (`sequence`,
 * `correlationid`, `causationid`, `actor`). `subject` is the dispute id.
 */
export type HubCloudEvent<E extends DisputeEvent = DisputeEvent> = E & {
  specversion: '1.0';
  id: string;
  source: `/offices/${Office}`;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  sequence: string;
  correlationid: string;
  causationid: string;
  actor: string;
};

export interface ParsedType {
  office: Office;
  name: string;
  version: number;
}

const TYPE_PATTERN = /^hub\.(hotline|petition|governance|judicial)\.([A-Za-z]+)\.v([1-9][0-9]*)$/;

export function parseEventType(type: string): ParsedType | undefined {
  const m = TYPE_PATTERN.exec(type);
  return m ? { office: m[1] as Office, name: m[2], version: Number(m[3]) } : undefined;
}

export function officeOf(type: EventType): Office {
  return (parseEventType(type) as ParsedType).office;
}

export function dataSchemaUri(type: string): string {
  return `urn:dispute-hub:schema:${type}`;
}

/** The attributes a CloudEvent of the hub carries besides its fixed ones and its data. */
export interface EnvelopeAttributes {
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  dataschema: string;
  sequence: string;
  correlationid: string;
  causationid: string;
  actor: string;
}

/** The one place a hub CloudEvent is put together, whatever it was read from (a store, a Kafka message). */
export function hubCloudEvent(attributes: EnvelopeAttributes, data: unknown): HubCloudEvent {
  const { id, source, type, subject, time, dataschema, sequence, correlationid, causationid, actor } = attributes;
  return {
    specversion: '1.0',
    id,
    source,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    dataschema,
    sequence,
    correlationid,
    causationid,
    actor,
    data,
  } as unknown as HubCloudEvent;
}

export function toCloudEvent<E extends DisputeEvent>(
  event: E,
  disputeId: string,
  revision: number,
  meta: EventMetadata,
): HubCloudEvent<E> {
  return hubCloudEvent(
    {
      id: meta.id,
      source: `/offices/${officeOf(event.type)}`,
      type: event.type,
      subject: disputeId,
      time: meta.time,
      dataschema: dataSchemaUri(event.type),
      sequence: String(revision),
      correlationid: meta.correlationId,
      causationid: meta.causationId,
      actor: meta.actor,
    },
    event.data,
  ) as HubCloudEvent<E>;
}
