// What an office knows of one dispute: every office's events about it. In the embedded hub all
// offices share one store, so the history is read from the four offices' streams of the dispute.
// In the distributed topology an office's store holds only its own streams; the other offices'
// events come from its replica of their Kafka topics (PEER_EVENTS).
import { OFFICES, type Office } from '@hub/contracts';
import type { EventStore, StoredEvent } from '@hub/event-store';
import type { PersonalDataCipher } from '@hub/security';

export const DISPUTE_HISTORY = Symbol('DISPUTE_HISTORY');

export interface DisputeHistory {
  /** The dispute's events from every office, in the order they were stored. */
  load(disputeId: string): Promise<StoredEvent[]>;
}

export function streamOf(office: Office, disputeId: string): string {
  return `${office}-${disputeId}`;
}

export const PEER_EVENTS = Symbol('PEER_EVENTS');

/** The other offices' events as this office learnt them from their topics. */
export interface PeerEvents {
  /** Waits (briefly, bounded) until the replica holds what the other offices had published when called. */
  catchUp(): Promise<void>;
  /** Their events of one dispute; `position` is the order they reached the replica. */
  forDispute(disputeId: string): Promise<StoredEvent[]>;
}

export class StoreDisputeHistory implements DisputeHistory {
  constructor(
    private readonly store: EventStore,
    private readonly peers?: PeerEvents,
  ) {}

  async load(disputeId: string): Promise<StoredEvent[]> {
    const streams = await Promise.all(OFFICES.map((office) => this.store.readStream(streamOf(office, disputeId))));
    const own = streams.flat().sort((a, b) => a.position - b.position);
    if (!this.peers) return own;
    await this.peers.catchUp();
    const ownIds = new Set(own.map((s) => s.event.id));
    const peers = (await this.peers.forDispute(disputeId)).filter((s) => !ownIds.has(s.event.id));
    // Positions of two stores do not compare: the offices' recording times order them (a stable
    // sort keeps each source's own order among equal times).
    return [...own, ...peers].sort((a, b) => Date.parse(a.event.time) - Date.parse(b.event.time));
  }
}

/**
 * The history as the offices wrote it: stored events carry their `personal` part encrypted, and
 * deciders compare a re-pushed report with what was reported (idempotency) on the opened data.
 */
export class OpenedDisputeHistory implements DisputeHistory {
  constructor(
    private readonly stored: DisputeHistory,
    private readonly personal: PersonalDataCipher,
  ) {}

  async load(disputeId: string): Promise<StoredEvent[]> {
    const history = await this.stored.load(disputeId);
    return Promise.all(history.map(async (s) => ({ ...s, event: await this.personal.openEvent(s.event) })));
  }
}
