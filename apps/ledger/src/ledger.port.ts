// The ledger's storage port: apply a batch of events together with the consumer's checkpoints in
// one transaction, and answer the ledger's queries. Adapters: SQLite (embedded default).
import type { DisputeRecord, FigureRecord, JournalEntry, LedgerEvent } from '@hub/ledger-core';

export const LEDGER_STORE = Symbol('LEDGER_STORE');

export interface DisputeQuery {
  status?: string;
  category?: string;
  office?: string;
  street?: string;
  community?: string;
  from?: string;
  to?: string;
  text?: string;
  ticketNo?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface LedgerStore {
  /**
   * Applies events (duplicates are ignored by id) and stores the checkpoints, all or nothing.
   * Each new event is appended to the journal with the next `seq` and its chain hash
   * (`chainHash(previous entry's hash or GENESIS_HASH, event)` from @hub/ledger-core).
   */
  apply(events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>): Promise<void>;
  checkpoint(name: string): Promise<string | undefined>;
  get(id: string): Promise<DisputeRecord | undefined>;
  list(query: DisputeQuery): Promise<Page<DisputeRecord>>;
  /** Records touching the period, for the figures. */
  figureRecords(from: string, to: string): Promise<FigureRecord[]>;
  /** How many events the journal holds. */
  journalSize(): Promise<number>;
  /** The journal's events of a dispute and of the reports linked to it: what query-time views (its parties) are built from. */
  eventsOf(disputeId: string): Promise<LedgerEvent[]>;
  /** Journal entries with `seq` above `afterSeq`, in append order, with their chain hashes (verification, rebuilds, exports). */
  journal(afterSeq: number, limit: number): Promise<JournalEntry[]>;
  /** The journal's last sequence number, 0 when empty. */
  journalHead(): Promise<number>;
  /** The sequence just before the first entry recorded at or after `time`: where a feed starting then begins. */
  journalSeqBefore(time: string): Promise<number>;
  close(): Promise<void>;
}
