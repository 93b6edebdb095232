// Upcasters: every earlier version of an event, read as its current version. Old events stay in
// the stores and on the topics as they were written; readers fold only current versions.
import type { DisputeEvent } from './envelope';
import type { LegacyEvent } from './events/legacy.events';

export function upcast<E extends { type: string; data: unknown }>(event: E): E | DisputeEvent {
  const legacy = event as unknown as LegacyEvent;
  switch (legacy.type) {
    case 'hub.judicial.InterimMeasureTaken.v1':
      return { ...event, type: 'hub.judicial.InterimMeasureTaken.v2', data: { ...legacy.data, kind: 'other' } } as E | DisputeEvent;
    default:
      return event;
  }
}
