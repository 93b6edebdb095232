// PostgreSQL adapter of the event store (pg). A `streams` table holds each stream's revision: an
// append moves it from the revision the writer read to the new one in one conditional statement,
// so a stale writer gets a conflict, never a lost update, and concurrent writers to one stream
// queue on its row. The events of an append are inserted in the same transaction.
//
// No reader ever skips an event. A sequence number taken before commit would let a reader that
// trusts "greater than my last position" pass over a transaction that commits late. Here an
// event's position is the id of the transaction that wrote it (xid8) times 4096 plus its index
// in that transaction, and readers only read positions below the oldest transaction still
// running (`pg_snapshot_xmin(pg_current_snapshot())`): below that line every transaction has
// committed or rolled back, so nothing can appear behind a reader any more.
//
// Event data is kept as `json`, the text as written: events are the truth, and read back they
// are the same bytes, keys in the same order.
import { EventEmitter } from 'node:events';
import { Client, type ClientBase, type Pool } from 'pg';
import type { HubCloudEvent } from '@hub/contracts';
import {
  ConcurrencyConflictError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from './event-store.port';
import { migrate, openPgPool, quoteSchema, type Migration } from './postgres-schema';
import { nextAppend, storedEvent } from './stored-event';

/** Events one transaction may write: positions are `xid * 4096 + index`. */
export const MAX_EVENTS_PER_TRANSACTION = 4096;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    async up(client, s) {
      await client.query(`
        CREATE TABLE ${s}.streams (
          stream_id text COLLATE "C" PRIMARY KEY,
          revision  bigint NOT NULL
        );
        CREATE TABLE ${s}.events (
          position  bigint PRIMARY KEY,
          id        text COLLATE "C" NOT NULL UNIQUE,
          stream_id text COLLATE "C" NOT NULL,
          revision  bigint NOT NULL,
          type      text NOT NULL,
          subject   text NOT NULL,
          source    text NOT NULL,
          time      text NOT NULL,
          data      json NOT NULL,
          meta      json NOT NULL,
          UNIQUE (stream_id, revision)
        );`);
    },
  },
];

/** Everything below this position was written by transactions that have ended. */
const HORIZON = `pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${MAX_EVENTS_PER_TRANSACTION}`;

interface Row {
  position: string;
  id: string;
  stream_id: string;
  revision: string;
  type: string;
  subject: string;
  source: string;
  time: string;
  data: unknown;
  meta: Pick<HubCloudEvent, 'dataschema' | 'correlationid' | 'causationid' | 'actor'>;
}

const COLUMNS = 'position, id, stream_id, revision, type, subject, source, time, data, meta';

function toStored(row: Row): StoredEvent {
  return storedEvent({
    position: Number(row.position),
    streamId: row.stream_id,
    revision: Number(row.revision),
    id: row.id,
    type: row.type,
    data: row.data,
    meta: { ...row.meta, source: row.source as HubCloudEvent['source'], subject: row.subject, time: row.time },
  });
}

export interface PostgresEventStoreOptions {
  /** Schema holding the store's tables; created and migrated at connect. Default `hub`. */
  schema?: string;
  /** Most connections of the store's pool (a LISTEN connection comes on top). */
  poolSize?: number;
  /**
   * How long `readAll` waits for older transactions still running, so that it returns what was
   * committed before it was called. Past it, it returns what is settled; nothing is skipped.
   */
  settleMs?: number;
}

export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly s: string;
  private readonly channel: string;
  private listener?: Promise<Client | undefined>;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
    readonly schema: string,
    private readonly settleMs: number,
  ) {
    this.s = quoteSchema(schema);
    // Channel names are identifiers: at most 63 bytes.
    this.channel = `hub_events_${schema}`.slice(0, 63);
  }

  /** Connects, checks the server answers, and brings the schema to this build's version. */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'hub';
    quoteSchema(schema);
    const pool = await openPgPool(url, { max: options.poolSize ?? 10 });
    try {
      await migrate(pool, schema, 'event-store', MIGRATIONS);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresEventStore(pool, url, schema, options.settleMs ?? 2000);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await this.appendInTransaction(client, streamId, events, expected);
      await client.query('COMMIT');
      this.appended.emit('append');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The statements of an append, on a client inside a transaction the caller began and will
   * end: the events become visible when the caller commits, and readers wait for that.
   */
  async appendInTransaction(client: ClientBase, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const n = events.length;
    if (n === 0) return { revision: await this.checkOnly(client, streamId, expected), position: 0 };
    const head = await this.moveStream(client, streamId, n, expected);
    if (head.used + n > MAX_EVENTS_PER_TRANSACTION) {
      throw new RangeError(`a transaction writes at most ${MAX_EVENTS_PER_TRANSACTION} events; split the append`);
    }
    const base = BigInt(head.xid) * BigInt(MAX_EVENTS_PER_TRANSACTION) + BigInt(head.used);
    const last = base + BigInt(n - 1);
    if (last > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`transaction id ${head.xid} is past the positions a number holds exactly (2^53): see docs/stores.md`);
    }
    const first = head.revision - n + 1;
    const cols = {
      position: [] as string[], id: [] as string[], revision: [] as number[], type: [] as string[], subject: [] as string[],
      source: [] as string[], time: [] as string[], data: [] as string[], meta: [] as string[],
    };
    events.forEach((e, i) => {
      const { id, type, subject, source, time, data, dataschema, correlationid, causationid, actor } = e;
      cols.position.push(String(base + BigInt(i)));
      cols.id.push(id);
      cols.revision.push(first + i);
      cols.type.push(type);
      cols.subject.push(subject);
      cols.source.push(source);
      cols.time.push(time);
      cols.data.push(JSON.stringify(data));
      cols.meta.push(JSON.stringify({ dataschema, correlationid, causationid, actor }));
    });
    // The notification is delivered when the transaction commits, to every listening process.
    await client.query(
      `WITH inserted AS (
         INSERT INTO ${this.s}.events (${COLUMNS})
         SELECT p, i, $10, r, t, su, so, ti, d::json, m::json
         FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS x(p, i, r, t, su, so, ti, d, m)
         RETURNING 1)
       SELECT pg_notify($11, '')`,
      [cols.position, cols.id, cols.revision, cols.type, cols.subject, cols.source, cols.time, cols.data, cols.meta, streamId, this.channel],
    );
    return { revision: head.revision, position: Number(last) };
  }

  /**
   * Moves the stream's revision by `n` if it is where the writer expects it. Also answers the
   * writing transaction's id and how many events it has written already (an outer transaction
   * may append more than once).
   */
  private async moveStream(client: ClientBase, streamId: string, n: number, expected: ExpectedRevision) {
    const xid = 'pg_current_xact_id()::text::bigint';
    const returning = `RETURNING revision, ${xid}::text AS xid,
      (SELECT count(*) FROM ${this.s}.events e
        WHERE e.position >= ${xid} * ${MAX_EVENTS_PER_TRANSACTION} AND e.position < (${xid} + 1) * ${MAX_EVENTS_PER_TRANSACTION}) AS used`;
    let sql: string;
    let params: unknown[];
    if (expected === 'no_stream') {
      sql = `INSERT INTO ${this.s}.streams (stream_id, revision) VALUES ($1, $2::bigint - 1) ON CONFLICT (stream_id) DO NOTHING ${returning}`;
      params = [streamId, n];
    } else if (expected === 'any') {
      sql = `INSERT INTO ${this.s}.streams (stream_id, revision) VALUES ($1, $2::bigint - 1)
             ON CONFLICT (stream_id) DO UPDATE SET revision = streams.revision + $2 ${returning}`;
      params = [streamId, n];
    } else {
      sql = `UPDATE ${this.s}.streams SET revision = revision + $2 WHERE stream_id = $1 AND revision = $3 ${returning}`;
      params = [streamId, n, expected];
    }
    const { rows } = await client.query<{ revision: string; xid: string; used: string }>(sql, params);
    if (rows.length === 0) throw new ConcurrencyConflictError(streamId, expected, await this.revisionOf(client, streamId));
    return { revision: Number(rows[0].revision), xid: rows[0].xid, used: Number(rows[0].used) };
  }

  /** An append of nothing: only the expectation is checked, as a write would check it. */
  private async checkOnly(client: ClientBase, streamId: string, expected: ExpectedRevision): Promise<number> {
    const actual = await this.revisionOf(client, streamId);
    if (expected !== 'any' && expected !== actual) throw new ConcurrencyConflictError(streamId, expected, actual);
    return actual === 'no_stream' ? -1 : actual;
  }

  private async revisionOf(client: ClientBase, streamId: string): Promise<number | 'no_stream'> {
    const { rows } = await client.query<{ revision: string }>(`SELECT revision FROM ${this.s}.streams WHERE stream_id = $1`, [streamId]);
    return rows.length ? Number(rows[0].revision) : 'no_stream';
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.s}.events WHERE stream_id = $1 ORDER BY revision`, [streamId]);
    return rows.map(toStored);
  }

  async readAll(after: number, limit: number): Promise<StoredEvent[]> {
    const page = await this.settledPage(after, limit);
    if (page.rows.length === limit || page.head === null || page.head < page.horizon) return page.rows.map(toStored);
    // Committed events lie beyond the line: an older transaction is still running. Wait for it
    // (briefly), so that a reader sees what was committed before it asked.
    const deadline = Date.now() + this.settleMs;
    while (Date.now() < deadline && !this.closed) {
      await new Promise((r) => setTimeout(r, 5));
      const { rows } = await this.pool.query<{ horizon: string }>(`SELECT ${HORIZON} AS horizon`);
      if (BigInt(rows[0].horizon) > page.head) break;
    }
    return (await this.settledPage(after, limit)).rows.map(toStored);
  }

  /** One statement, one snapshot: the settled events after `after`, the line, and the newest committed position. */
  private async settledPage(after: number, limit: number) {
    const { rows } = await this.pool.query<Row & { horizon: string; head: string | null }>(
      `WITH line AS (SELECT ${HORIZON} AS horizon, (SELECT max(position) FROM ${this.s}.events) AS head)
       SELECT line.horizon, line.head, e.*
       FROM line LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM ${this.s}.events
         WHERE position > $1 AND position < line.horizon ORDER BY position LIMIT $2) e ON true`,
      [after, limit],
    );
    return {
      rows: rows.filter((r) => r.position !== null),
      horizon: BigInt(rows[0].horizon),
      head: rows[0].head === null ? null : BigInt(rows[0].head),
    };
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string | null }>(`SELECT max(position) AS head FROM ${this.s}.events`);
    return rows[0].head === null ? 0 : Number(rows[0].head);
  }

  waitForAppend(timeoutMs: number): Promise<void> {
    if (!this.closed) this.listener ??= this.listen();
    return nextAppend(this.appended, timeoutMs);
  }

  /**
   * A connection that LISTENs for other processes' appends. When it fails, waiters fall back to
   * their timeout (polling) and the next wait opens a new one.
   */
  private async listen(): Promise<Client | undefined> {
    const client = new Client({ connectionString: this.url, application_name: 'dispute-hub-listener' });
    const drop = () => {
      this.listener = undefined;
      this.appended.emit('append');
      client.end().catch(() => undefined);
    };
    client.on('notification', () => this.appended.emit('append'));
    client.on('error', drop);
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      if (this.closed) await client.end();
      return client;
    } catch {
      drop();
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('append');
    const listener = await this.listener;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
