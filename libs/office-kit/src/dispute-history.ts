// What an office knows of one dispute: every office's events about it. In the embedded hub all
// offices share one store, so the history is read from the four offices' streams of the dispute.
import { OFFICES, type Office } from '@hub/contracts';
import type { EventStore, StoredEvent } from '@hub/event-store';

export const DISPUTE_HISTORY = Symbol('DISPUTE_HISTORY');

export interface DisputeHistory {
  /** The dispute's events from every office, in the order they were stored. */
  load(disputeId: string): Promise<StoredEvent[]>;
}

export function streamOf(office: Office, disputeId: string): string {
  return `${office}-${disputeId}`;
}

export class StoreDisputeHistory implements DisputeHistory {
  constructor(private readonly store: EventStore) {}

  async load(disputeId: string): Promise<StoredEvent[]> {
    const streams = await Promise.all(OFFICES.map((office) => this.store.readStream(streamOf(office, disputeId))));
    return streams.flat().sort((a, b) => a.position - b.position);
  }
}
