// SQLite adapter of the event store (better-sqlite3): one file, WAL, fsync on every commit.
// Appends run in IMMEDIATE transactions, so a stale writer gets a conflict, never a lost update,
// also across processes sharing the file.
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { HubCloudEvent } from '@hub/contracts';
import {
  ConcurrencyConflictError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from './event-store.port';
import { nextAppend, storedEvent } from './stored-event';

interface Row {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  subject: string;
  source: string;
  time: string;
  data: string;
  meta: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  id        TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision  INTEGER NOT NULL,
  type      TEXT NOT NULL,
  subject   TEXT NOT NULL,
  source    TEXT NOT NULL,
  time      TEXT NOT NULL,
  data      TEXT NOT NULL,
  meta      TEXT NOT NULL,
  UNIQUE (stream_id, revision)
);`;

/** Opens a SQLite database the way every part of the hub wants it: WAL, durable commits. */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  return db;
}

function toStored(row: Row): StoredEvent {
  const meta = JSON.parse(row.meta) as Pick<HubCloudEvent, 'dataschema' | 'correlationid' | 'causationid' | 'actor'>;
  return storedEvent({
    position: row.position,
    streamId: row.stream_id,
    revision: row.revision,
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data),
    meta: { ...meta, source: row.source as HubCloudEvent['source'], subject: row.subject, time: row.time },
  });
}

export class SqliteEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly insert: Database.Statement;
  private readonly lastRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly stream: Database.Statement<[string], Row>;
  private readonly all: Database.Statement<[number, number], Row>;
  private readonly head: Database.Statement<[], { position: number | null }>;
  private readonly appendTx: (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.insert = db.prepare(
      `INSERT INTO events (id, stream_id, revision, type, subject, source, time, data, meta)
       VALUES (@id, @stream_id, @revision, @type, @subject, @source, @time, @data, @meta)`,
    );
    this.lastRevision = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?');
    this.stream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision');
    this.all = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    this.head = db.prepare('SELECT MAX(position) AS position FROM events');
    const tx = db.transaction((streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.appendTx = (s, e, x) => tx.immediate(s, e, x);
  }

  static open(file: string): SqliteEventStore {
    return new SqliteEventStore(openSqlite(file));
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = this.appendTx(streamId, events, expected);
    this.appended.emit('append');
    return result;
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const current = this.lastRevision.get(streamId)?.revision ?? null;
    const actual = current === null ? 'no_stream' : current;
    if (expected !== 'any' && expected !== actual) throw new ConcurrencyConflictError(streamId, expected, actual);
    let revision = current ?? -1;
    let position = 0;
    for (const e of events) {
      revision += 1;
      const { id, type, subject, source, time, data, dataschema, correlationid, causationid, actor } = e;
      const info = this.insert.run({
        id,
        stream_id: streamId,
        revision,
        type,
        subject,
        source,
        time,
        data: JSON.stringify(data),
        meta: JSON.stringify({ dataschema, correlationid, causationid, actor }),
      });
      position = Number(info.lastInsertRowid);
    }
    return { revision, position };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.stream.all(streamId).map(toStored);
  }

  async readAll(after: number, limit: number): Promise<StoredEvent[]> {
    return this.all.all(after, limit).map(toStored);
  }

  async headPosition(): Promise<number> {
    return this.head.get()?.position ?? 0;
  }

  waitForAppend(timeoutMs: number): Promise<void> {
    return nextAppend(this.appended, timeoutMs);
  }

  async close(): Promise<void> {
    this.appended.emit('append');
    if (this.db.open) this.db.close();
  }
}
