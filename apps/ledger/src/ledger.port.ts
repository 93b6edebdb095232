// The ledger's storage port: apply a batch of events together with the consumer's checkpoints in
// one transaction, and answer the ledger's queries. Adapters: SQLite (embedded default).
import type { DisputeRecord, FigureRecord, LedgerEvent } from '@hub/ledger-core';

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
  /** Applies events (duplicates are ignored by id) and stores the checkpoints, all or nothing. */
  apply(events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>): Promise<void>;
  checkpoint(name: string): Promise<string | undefined>;
  get(id: string): Promise<DisputeRecord | undefined>;
  list(query: DisputeQuery): Promise<Page<DisputeRecord>>;
  /** Records touching the period, for the figures. */
  figureRecords(from: string, to: string): Promise<FigureRecord[]>;
  /** How many events the journal holds. */
  journalSize(): Promise<number>;
  close(): Promise<void>;
}
