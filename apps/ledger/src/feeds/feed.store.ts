// Where subscriptions live: their filter, delivery, cursor and counters, and the one batch a
// webhook subscription has in flight. Stored, so that a restart continues where it stopped.
import type Database from 'better-sqlite3';
import type { Office } from '@hub/contracts';
import type { FeedFilter } from './feed-filter';

export type Delivery =
  | { kind: 'sse' }
  | { kind: 'webhook'; url: string; secret: string; batchSize: number; maxAttempts: number; timeoutMs: number };

export type SubscriptionState = 'active' | 'paused' | 'parked';

export interface FeedSubscription {
  id: string;
  office: Office;
  name: string;
  filter: FeedFilter;
  delivery: Delivery;
  state: SubscriptionState;
  /** Journal sequence of the last event delivered (or passed over as not matching). */
  cursor: number;
  delivered: number;
  failed: number;
  lastError: string | null;
  lastDeliveredAt: string | null;
  createdAt: string;
}

/** A webhook batch awaiting its receiver's 2xx: resent as it is, under the same webhook-id. */
export interface PendingBatch {
  subscriptionId: string;
  messageId: string;
  /** Journal sequences of the batch's events, ascending. */
  seqs: number[];
  /** Journal sequence up to which the batch was cut (events after the cursor that did not match are passed over with it). */
  upTo: number;
  attempts: number;
  nextAttemptAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feed_subscriptions (
  id                TEXT PRIMARY KEY,
  office            TEXT NOT NULL,
  name              TEXT NOT NULL,
  filter            TEXT NOT NULL,
  delivery          TEXT NOT NULL,
  state             TEXT NOT NULL,
  cursor            INTEGER NOT NULL,
  delivered         INTEGER NOT NULL DEFAULT 0,
  failed            INTEGER NOT NULL DEFAULT 0,
  last_error        TEXT,
  last_delivered_at TEXT,
  created_at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_subscriptions_office ON feed_subscriptions (office);
CREATE TABLE IF NOT EXISTS feed_pending (
  subscription_id TEXT PRIMARY KEY REFERENCES feed_subscriptions (id) ON DELETE CASCADE,
  message_id      TEXT NOT NULL,
  seqs            TEXT NOT NULL,
  up_to           INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL
);`;

interface Row {
  id: string;
  office: string;
  name: string;
  filter: string;
  delivery: string;
  state: string;
  cursor: number;
  delivered: number;
  failed: number;
  last_error: string | null;
  last_delivered_at: string | null;
  created_at: string;
}

const toSubscription = (r: Row): FeedSubscription => ({
  id: r.id,
  office: r.office as Office,
  name: r.name,
  filter: JSON.parse(r.filter) as FeedFilter,
  delivery: JSON.parse(r.delivery) as Delivery,
  state: r.state as SubscriptionState,
  cursor: r.cursor,
  delivered: r.delivered,
  failed: r.failed,
  lastError: r.last_error,
  lastDeliveredAt: r.last_delivered_at,
  createdAt: r.created_at,
});

export class FeedStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  create(s: FeedSubscription): void {
    this.db
      .prepare(
        `INSERT INTO feed_subscriptions (id, office, name, filter, delivery, state, cursor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, s.office, s.name, JSON.stringify(s.filter), JSON.stringify(s.delivery), s.state, s.cursor, s.createdAt);
  }

  get(id: string): FeedSubscription | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM feed_subscriptions WHERE id = ?').get(id);
    return row && toSubscription(row);
  }

  listOf(office: Office): FeedSubscription[] {
    return this.db.prepare<[string], Row>('SELECT * FROM feed_subscriptions WHERE office = ? ORDER BY created_at, id').all(office).map(toSubscription);
  }

  webhooksToRun(): FeedSubscription[] {
    return this.db
      .prepare<[], Row>("SELECT * FROM feed_subscriptions WHERE state = 'active' AND json_extract(delivery, '$.kind') = 'webhook'")
      .all()
      .map(toSubscription);
  }

  setState(id: string, state: SubscriptionState): void {
    this.db.prepare('UPDATE feed_subscriptions SET state = ? WHERE id = ?').run(state, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM feed_subscriptions WHERE id = ?').run(id);
  }

  /** Moves the cursor forward only: a late or repeated write never moves it back. */
  advance(id: string, cursor: number, delivered: number, at: string | null): void {
    this.db
      .prepare(
        `UPDATE feed_subscriptions SET cursor = MAX(cursor, ?), delivered = delivered + ?,
         last_delivered_at = COALESCE(?, last_delivered_at) WHERE id = ?`,
      )
      .run(cursor, delivered, at, id);
  }

  pending(id: string): PendingBatch | undefined {
    const row = this.db
      .prepare<[string], { subscription_id: string; message_id: string; seqs: string; up_to: number; attempts: number; next_attempt_at: string }>(
        'SELECT * FROM feed_pending WHERE subscription_id = ?',
      )
      .get(id);
    return (
      row && {
        subscriptionId: row.subscription_id,
        messageId: row.message_id,
        seqs: JSON.parse(row.seqs) as number[],
        upTo: row.up_to,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
      }
    );
  }

  savePending(p: PendingBatch): void {
    this.db
      .prepare('INSERT OR REPLACE INTO feed_pending (subscription_id, message_id, seqs, up_to, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.subscriptionId, p.messageId, JSON.stringify(p.seqs), p.upTo, p.attempts, p.nextAttemptAt);
  }

  /** The receiver acknowledged the batch: drop it and move the cursor past it, in one transaction. */
  acknowledge(p: PendingBatch, at: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM feed_pending WHERE subscription_id = ?').run(p.subscriptionId);
      this.advance(p.subscriptionId, p.upTo, p.seqs.length, at);
      this.db.prepare('UPDATE feed_subscriptions SET last_error = NULL WHERE id = ?').run(p.subscriptionId);
    })();
  }

  /** A failed attempt: count it, keep the error, and either schedule a retry or park the subscription. */
  failed(p: PendingBatch, error: string, park: boolean): void {
    this.db.transaction(() => {
      this.savePending(p);
      this.db
        .prepare(`UPDATE feed_subscriptions SET failed = failed + 1, last_error = ?, state = CASE WHEN ? THEN 'parked' ELSE state END WHERE id = ?`)
        .run(error, park ? 1 : 0, p.subscriptionId);
    })();
  }

  /** Redelivery on request: the parked batch is tried again from its first attempt. */
  unpark(id: string, now: string): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE feed_subscriptions SET state = 'active' WHERE id = ? AND state = 'parked'").run(id);
      this.db.prepare('UPDATE feed_pending SET attempts = 0, next_attempt_at = ? WHERE subscription_id = ?').run(now, id);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
