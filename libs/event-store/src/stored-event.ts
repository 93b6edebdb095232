// What every adapter shares: turning the columns a store keeps back into a CloudEvent, and
// waiting for the next append it hears of.
import type { EventEmitter } from 'node:events';
import { hubCloudEvent, type HubCloudEvent } from '@hub/contracts';
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
  const event = hubCloudEvent({ ...c.meta, id: c.id, type: c.type, sequence: String(c.revision) }, c.data);
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
