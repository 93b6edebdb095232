// What every adapter shares: turning the columns a store keeps back into a CloudEvent, and
// waiting for the next append it hears of.
import type { EventEmitter } from 'node:events';
import type { HubCloudEvent } from '@hub/contracts';
import type { StoredEvent } from './event-store.port';

/** The envelope attributes a store keeps beside the event's id, type and data. */
export type EnvelopeMetadata = Pick<HubCloudEvent, 'source' | 'subject' | 'time' | 'dataschema' | 'correlationid' | 'causationid' | 'actor'>;

export interface EventColumns {
  position: number;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  meta: EnvelopeMetadata;
}

export function storedEvent(c: EventColumns): StoredEvent {
  const event = {
    specversion: '1.0',
    id: c.id,
    source: c.meta.source,
    type: c.type,
    subject: c.meta.subject,
    time: c.meta.time,
    datacontenttype: 'application/json',
    dataschema: c.meta.dataschema,
    sequence: String(c.revision),
    correlationid: c.meta.correlationid,
    causationid: c.meta.causationid,
    actor: c.meta.actor,
    data: c.data,
  } as unknown as HubCloudEvent;
  return { position: c.position, streamId: c.streamId, revision: c.revision, event };
}

/** Resolves at the next 'append' the emitter hears of, or after `timeoutMs`. */
export function nextAppend(appended: EventEmitter, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      appended.off('append', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    appended.on('append', done);
  });
}
