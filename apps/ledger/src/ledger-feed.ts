// The feed the ledger is built from, as its read API sees it: embedded (the event store's global
// order) or Kafka (the offices' topics).
export const LEDGER_FEED = Symbol('LEDGER_FEED');

export interface LedgerFeed {
  /**
   * Resolves once the ledger has applied the write that answered with `position` (read-your-writes).
   * The Kafka feed cannot compare an office store's position with its offsets: it waits until the
   * ledger holds everything that was on the topics when called, which includes every write already
   * answered, since offices answer writes once they are on the broker.
   */
  caughtUpTo(position: number): Promise<void>;
}
