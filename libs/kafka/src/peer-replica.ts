// What one office knows of the other offices' events, in its own SQLite file: every event read
// from their topics (idempotent by event id), with the consumed offsets written in the same
// transaction. The office decides on its own streams plus these.
import type Database from 'better-sqlite3';
import type { HubCloudEvent } from '@hub/contracts';
import type { StoredEvent } from '@hub/event-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kafka_peer_events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT NOT NULL UNIQUE,
  dispute_id TEXT NOT NULL,
  stream_id  TEXT NOT NULL,
  revision   INTEGER NOT NULL,
  event      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kafka_peer_events_dispute ON kafka_peer_events (dispute_id);
CREATE TABLE IF NOT EXISTS kafka_peer_offsets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`;

export class SqlitePeerReplica {
  private readonly tx: (events: readonly HubCloudEvent[], offsets: Readonly<Record<string, string>>) => void;
  private readonly byDispute: Database.Statement<[string], { seq: number; stream_id: string; revision: number; event: string }>;
  private readonly allOffsets: Database.Statement<[], { name: string; value: string }>;
  private readonly count: Database.Statement<[], { n: number }>;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    const insert = db.prepare(
      'INSERT OR IGNORE INTO kafka_peer_events (event_id, dispute_id, stream_id, revision, event) VALUES (?, ?, ?, ?, ?)',
    );
    const offset = db.prepare('INSERT OR REPLACE INTO kafka_peer_offsets (name, value) VALUES (?, ?)');
    this.tx = db.transaction((events: readonly HubCloudEvent[], offsets: Readonly<Record<string, string>>) => {
      for (const e of events) {
        const office = e.source.slice('/offices/'.length);
        insert.run(e.id, e.subject, `${office}-${e.subject}`, Number(e.sequence), JSON.stringify(e));
      }
      for (const [name, value] of Object.entries(offsets)) offset.run(name, value);
    });
    this.byDispute = db.prepare('SELECT seq, stream_id, revision, event FROM kafka_peer_events WHERE dispute_id = ? ORDER BY seq');
    this.allOffsets = db.prepare('SELECT name, value FROM kafka_peer_offsets');
    this.count = db.prepare('SELECT COUNT(*) AS n FROM kafka_peer_events');
  }

  /** Stores the events (duplicates ignored) and the offsets, all or nothing. */
  apply(events: readonly HubCloudEvent[], offsets: Readonly<Record<string, string>>): void {
    this.tx(events, offsets);
  }

  offsets(): Record<string, string> {
    return Object.fromEntries(this.allOffsets.all().map((r) => [r.name, r.value]));
  }

  /** The other offices' events of a dispute; `position` is the order they reached this replica. */
  forDispute(disputeId: string): StoredEvent[] {
    return this.byDispute.all(disputeId).map((r) => ({
      position: r.seq,
      streamId: r.stream_id,
      revision: r.revision,
      event: JSON.parse(r.event) as HubCloudEvent,
    }));
  }

  size(): number {
    return this.count.get()!.n;
  }
}
