// PostgreSQL adapter of the ledger, with the same answers as the SQLite one: a hash-chained
// journal of every event (idempotent by event id), one record per dispute rebuilt from the
// journal with `buildRecord` whenever one of its events arrives, the links between reports, the
// sources, and the consumer's checkpoints (store position or Kafka offsets), all in one
// transaction. Applies take a lock of their own, so two processes feeding one ledger queue
// rather than rebuild a record from each other's half-written batches. Every filter of the list
// API has an index.
import type { Pool, PoolClient } from 'pg';
import { migrate, openPgPool, quoteSchema, type Migration } from '@hub/event-store';
import { buildRecord, chainHash, GENESIS_HASH, type DisputeRecord, type FigureRecord, type JournalEntry, type LedgerEvent } from '@hub/ledger-core';
import type { DisputeQuery, LedgerStore, Page } from './ledger.port';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'journal, records, links, sources, checkpoints',
    async up(client, s) {
      // The trigram index serves the `text` filter (a substring, as LIKE '%...%').
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const { rows } = await client.query<{ schema: string }>(`SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'`);
      const trgm = `${rows[0].schema}.gin_trgm_ops`;
      await client.query(`
        CREATE TABLE ${s}.ledger_journal (
          seq        bigint PRIMARY KEY,
          event_id   text COLLATE "C" NOT NULL UNIQUE,
          dispute_id text COLLATE "C" NOT NULL,
          time       text COLLATE "C",
          type       text NOT NULL,
          event      text NOT NULL,
          prev_hash  text NOT NULL,
          hash       text NOT NULL
        );
        CREATE INDEX ledger_journal_dispute ON ${s}.ledger_journal (dispute_id, seq);
        CREATE INDEX ledger_journal_time ON ${s}.ledger_journal (time);
        CREATE TABLE ${s}.ledger_links (
          duplicate_id text COLLATE "C" PRIMARY KEY,
          primary_id   text COLLATE "C" NOT NULL
        );
        CREATE INDEX ledger_links_primary ON ${s}.ledger_links (primary_id);
        CREATE TABLE ${s}.ledger_disputes (
          id          text COLLATE "C" PRIMARY KEY,
          status      text NOT NULL,
          category    text NOT NULL,
          street      text NOT NULL,
          community   text NOT NULL,
          offices     text[] NOT NULL,
          reported_at timestamptz NOT NULL,
          touched_at  timestamptz NOT NULL,
          search      text NOT NULL,
          record      text NOT NULL
        );
        CREATE INDEX ledger_disputes_reported ON ${s}.ledger_disputes (reported_at DESC, id);
        CREATE INDEX ledger_disputes_touched ON ${s}.ledger_disputes (touched_at);
        CREATE INDEX ledger_disputes_status ON ${s}.ledger_disputes (status, reported_at DESC);
        CREATE INDEX ledger_disputes_category ON ${s}.ledger_disputes (category, reported_at DESC);
        CREATE INDEX ledger_disputes_place ON ${s}.ledger_disputes (street, community, reported_at DESC);
        CREATE INDEX ledger_disputes_community ON ${s}.ledger_disputes (community, reported_at DESC);
        CREATE INDEX ledger_disputes_offices ON ${s}.ledger_disputes USING gin (offices);
        CREATE INDEX ledger_disputes_search ON ${s}.ledger_disputes USING gin (search ${trgm});
        CREATE TABLE ${s}.ledger_sources (
          dispute_id text COLLATE "C" NOT NULL,
          kind       text NOT NULL,
          number     text NOT NULL,
          PRIMARY KEY (kind, number, dispute_id)
        );
        CREATE INDEX ledger_sources_dispute ON ${s}.ledger_sources (dispute_id);
        CREATE TABLE ${s}.ledger_checkpoints (
          name  text PRIMARY KEY,
          value text NOT NULL
        );`);
    },
  },
];

/** Instants are compared in UTC, at the millisecond, as the SQLite ledger compares them. */
const utc = (iso: string) => new Date(iso).toISOString();

export interface PostgresLedgerOptions {
  /** Schema of the ledger's tables (default `hub`, beside the embedded hub's event store). */
  schema?: string;
  poolSize?: number;
}

export class PostgresLedgerStore implements LedgerStore {
  private readonly s: string;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
  ) {
    this.s = quoteSchema(schema);
  }

  /** Connects, checks the server answers, and brings the ledger's tables to this build's version. */
  static async connect(url: string, options: PostgresLedgerOptions = {}): Promise<PostgresLedgerStore> {
    const schema = options.schema ?? 'hub';
    quoteSchema(schema);
    const pool = await openPgPool(url, { max: options.poolSize ?? 10 });
    try {
      await migrate(pool, schema, 'ledger', MIGRATIONS);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresLedgerStore(pool, schema);
  }

  async apply(events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}.ledger`]);
      const touched = await this.journalize(client, events);
      const rebuild = new Set<string>();
      if (touched.size > 0) {
        const ids = [...touched];
        const { rows } = await client.query<{ primary_id: string }>(`SELECT DISTINCT primary_id FROM ${this.s}.ledger_links WHERE duplicate_id = ANY($1)`, [ids]);
        for (const id of [...ids, ...rows.map((r) => r.primary_id)]) rebuild.add(id);
      }
      for (const id of rebuild) await this.rebuild(client, id);
      const names = Object.keys(checkpoints);
      if (names.length > 0) {
        await client.query(
          `INSERT INTO ${this.s}.ledger_checkpoints (name, value) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
          [names, names.map((n) => checkpoints[n])],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Appends the events the journal does not hold yet, chained after its last entry; answers the disputes they touch. */
  private async journalize(client: PoolClient, events: readonly LedgerEvent[]): Promise<Set<string>> {
    const ids = [...new Set(events.map((e) => e.id))];
    const { rows: known } = await client.query<{ event_id: string }>(`SELECT event_id FROM ${this.s}.ledger_journal WHERE event_id = ANY($1)`, [ids]);
    const seen = new Set(known.map((r) => r.event_id));
    const { rows: heads } = await client.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${this.s}.ledger_journal ORDER BY seq DESC LIMIT 1`);
    let last = heads.length ? { seq: Number(heads[0].seq), hash: heads[0].hash } : { seq: 0, hash: GENESIS_HASH };
    const rows = {
      seq: [] as number[], id: [] as string[], dispute: [] as string[], time: [] as (string | null)[], type: [] as string[],
      event: [] as string[], prev: [] as string[], hash: [] as string[],
    };
    const links: [string, string][] = [];
    const touched = new Set<string>();
    for (const e of events) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      const json = JSON.stringify(e);
      const entry = { seq: last.seq + 1, hash: chainHash(last.hash, e) };
      rows.seq.push(entry.seq);
      rows.id.push(e.id);
      rows.dispute.push(e.subject);
      rows.time.push(typeof e.time === 'string' ? e.time : null);
      rows.type.push(e.type);
      rows.event.push(json);
      rows.prev.push(last.hash);
      rows.hash.push(entry.hash);
      last = entry;
      touched.add(e.subject);
      if (e.type === 'hub.governance.ReportLinked.v1') links.push([e.subject, (e.data as { primaryId: string }).primaryId]);
    }
    if (rows.seq.length === 0) return touched;
    await client.query(
      `INSERT INTO ${this.s}.ledger_journal (seq, event_id, dispute_id, time, type, event, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [rows.seq, rows.id, rows.dispute, rows.time, rows.type, rows.event, rows.prev, rows.hash],
    );
    // In journal order: a report linked twice ends up linked as it was last.
    for (const [duplicate, primary] of links) {
      await client.query(
        `INSERT INTO ${this.s}.ledger_links (duplicate_id, primary_id) VALUES ($1, $2) ON CONFLICT (duplicate_id) DO UPDATE SET primary_id = EXCLUDED.primary_id`,
        [duplicate, primary],
      );
    }
    return touched;
  }

  private async duplicatesOf(client: Pool | PoolClient, id: string): Promise<string[]> {
    const { rows } = await client.query<{ duplicate_id: string }>(`SELECT duplicate_id FROM ${this.s}.ledger_links WHERE primary_id = $1`, [id]);
    return rows.map((r) => r.duplicate_id);
  }

  private async journalOf(client: Pool | PoolClient, ids: readonly string[]): Promise<LedgerEvent[]> {
    const { rows } = await client.query<{ event: string }>(`SELECT event FROM ${this.s}.ledger_journal WHERE dispute_id = ANY($1) ORDER BY seq`, [ids]);
    return rows.map((r) => JSON.parse(r.event) as LedgerEvent);
  }

  private async rebuild(client: PoolClient, id: string): Promise<void> {
    const duplicates = await this.duplicatesOf(client, id);
    const record = buildRecord(id, await this.journalOf(client, [id, ...duplicates]), duplicates);
    if (!record) return; // events of a dispute whose first report has not arrived yet: kept in the journal
    await client.query(
      `INSERT INTO ${this.s}.ledger_disputes (id, status, category, street, community, offices, reported_at, touched_at, search, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, category = EXCLUDED.category, street = EXCLUDED.street,
         community = EXCLUDED.community, offices = EXCLUDED.offices, reported_at = EXCLUDED.reported_at,
         touched_at = EXCLUDED.touched_at, search = EXCLUDED.search, record = EXCLUDED.record`,
      [
        id,
        record.status,
        record.category,
        record.place.street,
        record.place.community,
        record.offices,
        utc(record.reportedAt),
        utc(record.lastEventAt),
        [record.summary, record.ledgerNo, ...record.sources.map((s) => s.number)].join('\n').toLowerCase(),
        JSON.stringify(record),
      ],
    );
    await client.query(`DELETE FROM ${this.s}.ledger_sources WHERE dispute_id = $1`, [id]);
    if (record.sources.length > 0) {
      await client.query(
        `INSERT INTO ${this.s}.ledger_sources (dispute_id, kind, number) SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [id, record.sources.map((s) => s.kind), record.sources.map((s) => s.number)],
      );
    }
  }

  async checkpoint(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM ${this.s}.ledger_checkpoints WHERE name = $1`, [name]);
    return rows[0]?.value;
  }

  async get(id: string): Promise<DisputeRecord | undefined> {
    const { rows } = await this.pool.query<{ record: string }>(`SELECT record FROM ${this.s}.ledger_disputes WHERE id = $1`, [id]);
    return rows.length ? (JSON.parse(rows[0].record) as DisputeRecord) : undefined;
  }

  async list(q: DisputeQuery): Promise<Page<DisputeRecord>> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      args.push(value);
      where.push(sql(`$${args.length}`));
    };
    if (q.status) add((p) => `status = ${p}`, q.status);
    if (q.category) add((p) => `category = ${p}`, q.category);
    if (q.office) add((p) => `offices @> ARRAY[${p}::text]`, q.office);
    if (q.street) add((p) => `street = ${p}`, q.street);
    if (q.community) add((p) => `community = ${p}`, q.community);
    if (q.from) add((p) => `reported_at >= ${p}`, utc(q.from));
    if (q.to) add((p) => `reported_at < ${p}`, utc(q.to));
    if (q.text) add((p) => `search LIKE ${p} ESCAPE '\\'`, `%${q.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.ticketNo) add((p) => `id IN (SELECT dispute_id FROM ${this.s}.ledger_sources WHERE kind = 'ticket' AND number = ${p})`, q.ticketNo);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const count = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.ledger_disputes ${clause}`, args);
    const n = args.length;
    const { rows } = await this.pool.query<{ record: string }>(
      `SELECT record FROM ${this.s}.ledger_disputes ${clause} ORDER BY reported_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...args, q.limit, q.offset],
    );
    return { items: rows.map((r) => JSON.parse(r.record) as DisputeRecord), total: Number(count.rows[0].n), limit: q.limit, offset: q.offset };
  }

  async figureRecords(from: string, to: string): Promise<FigureRecord[]> {
    // Anything reported before the period's end may have been resolved or closed within it.
    const { rows } = await this.pool.query<{ record: string }>(
      `SELECT record FROM ${this.s}.ledger_disputes WHERE reported_at < $1 AND touched_at >= $2`,
      [utc(to), utc(from)],
    );
    return rows.map((r) => JSON.parse(r.record) as FigureRecord);
  }

  async journalSize(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.ledger_journal`);
    return Number(rows[0].n);
  }

  async eventsOf(disputeId: string): Promise<LedgerEvent[]> {
    return this.journalOf(this.pool, [disputeId, ...(await this.duplicatesOf(this.pool, disputeId))]);
  }

  async journal(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const { rows } = await this.pool.query<{ seq: string; eventId: string; event: string; prevHash: string; hash: string }>(
      `SELECT seq, event_id AS "eventId", event, prev_hash AS "prevHash", hash FROM ${this.s}.ledger_journal WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async journalHead(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${this.s}.ledger_journal`);
    return Number(rows[0].seq ?? 0);
  }

  async journalSeqBefore(time: string): Promise<number> {
    // Recording times are ISO-8601 in UTC: compared as text, as the SQLite ledger compares them.
    const { rows } = await this.pool.query<{ seq: string | null }>(`SELECT min(seq) AS seq FROM ${this.s}.ledger_journal WHERE time >= $1`, [utc(time)]);
    return rows[0].seq === null ? this.journalHead() : Number(rows[0].seq) - 1;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
