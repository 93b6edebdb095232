// The event store port: append with optimistic concurrency, read a stream, read the global
// order, and follow it live. Adapters: SQLite (embedded default); more behind the same contract.
import type { HubCloudEvent } from '@hub/contracts';

/** The revision the stream must be at: the last event's revision, 'no_stream', or 'any'. */
export type ExpectedRevision = number | 'no_stream' | 'any';

/** What a writer hands to the store; the store assigns `sequence` (the stream revision). */
export type NewEvent = Omit<HubCloudEvent, 'sequence'>;

export interface StoredEvent {
  /** Position in the store's global order: strictly increasing, no event ever skipped by a reader. */
  position: number;
  streamId: string;
  revision: number;
  event: HubCloudEvent;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  revision: number;
  position: number;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** Events with position greater than `after`, in global order, at most `limit`. */
  readAll(after: number, limit: number): Promise<StoredEvent[]>;
  /** Position of the newest event, 0 when empty. */
  headPosition(): Promise<number>;
  /** Resolves when something may have been appended since the call, or after `timeoutMs`. */
  waitForAppend(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${actual}, expected ${expected}`);
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');
