// SQLite adapter of the ledger: a journal of every event (idempotent by event id), one record per
// dispute rebuilt from the journal whenever one of its events arrives, the links between reports,
// and the consumer's checkpoints, all written in one transaction. The journal is hash-chained in
// the order events were appended (see journal-chain.ts).
import type Database from 'better-sqlite3';
import { buildRecord, chainHash, GENESIS_HASH, type DisputeRecord, type FigureRecord, type JournalEntry, type LedgerEvent } from '@hub/ledger-core';
import type { DisputeQuery, LedgerStore, Page } from './ledger.port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_journal (
  event_id    TEXT PRIMARY KEY,
  dispute_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  event       TEXT NOT NULL,
  seq         INTEGER,
  prev_hash   TEXT,
  hash        TEXT
);
CREATE INDEX IF NOT EXISTS ledger_journal_dispute ON ledger_journal (dispute_id);
CREATE TABLE IF NOT EXISTS ledger_links (
  duplicate_id TEXT PRIMARY KEY,
  primary_id   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_links_primary ON ledger_links (primary_id);
CREATE TABLE IF NOT EXISTS ledger_disputes (
  id          TEXT PRIMARY KEY,
  status      TEXT NOT NULL,
  category    TEXT NOT NULL,
  street      TEXT NOT NULL,
  community   TEXT NOT NULL,
  offices     TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  touched_at  TEXT NOT NULL,
  search      TEXT NOT NULL,
  record      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_disputes_reported ON ledger_disputes (reported_at);
CREATE INDEX IF NOT EXISTS ledger_disputes_status ON ledger_disputes (status, reported_at);
CREATE INDEX IF NOT EXISTS ledger_disputes_category ON ledger_disputes (category, reported_at);
CREATE INDEX IF NOT EXISTS ledger_disputes_place ON ledger_disputes (street, community, reported_at);
CREATE TABLE IF NOT EXISTS ledger_sources (
  dispute_id TEXT NOT NULL,
  kind       TEXT NOT NULL,
  number     TEXT NOT NULL,
  PRIMARY KEY (kind, number, dispute_id)
);
CREATE INDEX IF NOT EXISTS ledger_sources_dispute ON ledger_sources (dispute_id);
CREATE TABLE IF NOT EXISTS ledger_checkpoints (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`;

/** Instants are stored in UTC so that text comparison is time comparison. */
const utc = (iso: string) => new Date(iso).toISOString();

/** A journal from before the hash chain gets its columns and its chain, in the order it was written. */
function chainJournal(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(ledger_journal)').all().map((c) => c.name);
  db.transaction(() => {
    if (!columns.includes('seq')) db.exec('ALTER TABLE ledger_journal ADD COLUMN seq INTEGER; ALTER TABLE ledger_journal ADD COLUMN prev_hash TEXT; ALTER TABLE ledger_journal ADD COLUMN hash TEXT;');
    const unchained = db.prepare<[], { event_id: string; event: string }>('SELECT event_id, event FROM ledger_journal WHERE seq IS NULL ORDER BY rowid').all();
    if (unchained.length === 0) return;
    let last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM ledger_journal WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').get() ?? { seq: 0, hash: GENESIS_HASH };
    const set = db.prepare('UPDATE ledger_journal SET seq = ?, prev_hash = ?, hash = ? WHERE event_id = ?');
    for (const row of unchained) {
      const next = { seq: last.seq + 1, hash: chainHash(last.hash, JSON.parse(row.event)) };
      set.run(next.seq, last.hash, next.hash, row.event_id);
      last = next;
    }
  }).immediate();
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS ledger_journal_seq ON ledger_journal (seq)');
}

export class SqliteLedgerStore implements LedgerStore {
  private readonly tx: (events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>) => void;

  private readonly statements: Record<'upsert' | 'dropSources' | 'addSource' | 'link' | 'checkpoint' | 'duplicates', Database.Statement>;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    chainJournal(db);
    this.statements = {
      upsert: db.prepare(
        `INSERT OR REPLACE INTO ledger_disputes (id, status, category, street, community, offices, reported_at, touched_at, search, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      dropSources: db.prepare('DELETE FROM ledger_sources WHERE dispute_id = ?'),
      addSource: db.prepare('INSERT OR IGNORE INTO ledger_sources (dispute_id, kind, number) VALUES (?, ?, ?)'),
      link: db.prepare('INSERT OR REPLACE INTO ledger_links (duplicate_id, primary_id) VALUES (?, ?)'),
      checkpoint: db.prepare('INSERT OR REPLACE INTO ledger_checkpoints (name, value) VALUES (?, ?)'),
      duplicates: db.prepare('SELECT duplicate_id FROM ledger_links WHERE primary_id = ?'),
    };
    const insertEvent = db.prepare(
      'INSERT OR IGNORE INTO ledger_journal (event_id, dispute_id, type, event, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1');
    const primaryOf = db.prepare<[string], { primary_id: string }>('SELECT primary_id FROM ledger_links WHERE duplicate_id = ?');
    this.tx = db.transaction((events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>) => {
      const touched = new Set<string>();
      let last = head.get() ?? { seq: 0, hash: GENESIS_HASH };
      for (const e of events) {
        const json = JSON.stringify(e);
        const entry = { seq: last.seq + 1, hash: chainHash(last.hash, e) };
        if (insertEvent.run(e.id, e.subject, e.type, json, entry.seq, last.hash, entry.hash).changes === 0) continue;
        last = entry;
        touched.add(e.subject);
        if (e.type === 'hub.governance.ReportLinked.v1') this.statements.link.run(e.subject, (e.data as { primaryId: string }).primaryId);
      }
      const rebuild = new Set<string>();
      for (const id of touched) {
        rebuild.add(id);
        const primary = primaryOf.get(id)?.primary_id;
        if (primary) rebuild.add(primary);
      }
      for (const id of rebuild) this.rebuild(id);
      for (const [name, value] of Object.entries(checkpoints)) this.statements.checkpoint.run(name, value);
    });
  }

  private duplicatesOf(id: string): string[] {
    return (this.statements.duplicates.all(id) as { duplicate_id: string }[]).map((r) => r.duplicate_id);
  }

  private journalOf(ids: readonly string[]): LedgerEvent[] {
    return this.db
      .prepare<string[], { event: string }>(`SELECT event FROM ledger_journal WHERE dispute_id IN (${ids.map(() => '?').join(',')}) ORDER BY seq`)
      .all(...ids)
      .map((r) => JSON.parse(r.event) as LedgerEvent);
  }

  private rebuild(id: string): void {
    const duplicates = this.duplicatesOf(id);
    const record = buildRecord(id, this.journalOf([id, ...duplicates]), duplicates);
    // Events of a dispute whose first report has not arrived yet stay in the journal until it does.
    if (record) this.writeRecord(record);
  }

  private writeRecord(record: DisputeRecord): void {
    this.statements.upsert.run(
      record.id,
      record.status,
      record.category,
      record.place.street,
      record.place.community,
      `,${record.offices.join(',')},`,
      utc(record.reportedAt),
      utc(record.lastEventAt),
      [record.summary, record.ledgerNo, ...record.sources.map((s) => s.number)].join('\n').toLowerCase(),
      JSON.stringify(record),
    );
    this.statements.dropSources.run(record.id);
    for (const s of record.sources) this.statements.addSource.run(record.id, s.kind, s.number);
  }

  /** Writes records built elsewhere (a rebuild from the journal), with the links between reports, in one transaction. */
  writeRecords(records: readonly DisputeRecord[], links: readonly (readonly [duplicate: string, primary: string])[], checkpoints: Readonly<Record<string, string>>): void {
    this.db.transaction(() => {
      for (const r of records) this.writeRecord(r);
      for (const [duplicate, primary] of links) this.statements.link.run(duplicate, primary);
      for (const [name, value] of Object.entries(checkpoints)) this.statements.checkpoint.run(name, value);
    })();
  }

  async apply(events: readonly LedgerEvent[], checkpoints: Readonly<Record<string, string>>): Promise<void> {
    this.tx(events, checkpoints);
  }

  async checkpoint(name: string): Promise<string | undefined> {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM ledger_checkpoints WHERE name = ?').get(name)?.value;
  }

  async get(id: string): Promise<DisputeRecord | undefined> {
    const row = this.db.prepare<[string], { record: string }>('SELECT record FROM ledger_disputes WHERE id = ?').get(id);
    return row ? (JSON.parse(row.record) as DisputeRecord) : undefined;
  }

  async list(q: DisputeQuery): Promise<Page<DisputeRecord>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, ...values: string[]) => {
      where.push(sql);
      args.push(...values);
    };
    if (q.status) add('status = ?', q.status);
    if (q.category) add('category = ?', q.category);
    if (q.office) add('offices LIKE ?', `%,${q.office},%`);
    if (q.street) add('street = ?', q.street);
    if (q.community) add('community = ?', q.community);
    if (q.from) add('reported_at >= ?', utc(q.from));
    if (q.to) add('reported_at < ?', utc(q.to));
    if (q.text) add("search LIKE ? ESCAPE '\\'", `%${q.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.ticketNo) add("id IN (SELECT dispute_id FROM ledger_sources WHERE kind = 'ticket' AND number = ?)", q.ticketNo);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM ledger_disputes ${clause}`).get(...args)!.n;
    const rows = this.db
      .prepare<unknown[], { record: string }>(`SELECT record FROM ledger_disputes ${clause} ORDER BY reported_at DESC, id LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset);
    return { items: rows.map((r) => JSON.parse(r.record) as DisputeRecord), total, limit: q.limit, offset: q.offset };
  }

  async figureRecords(from: string, to: string): Promise<FigureRecord[]> {
    // Anything reported before the period's end may have been resolved or closed within it.
    const rows = this.db
      .prepare<[string, string], { record: string }>('SELECT record FROM ledger_disputes WHERE reported_at < ? AND touched_at >= ?')
      .all(utc(to), utc(from));
    return rows.map((r) => JSON.parse(r.record) as FigureRecord);
  }

  async journalSize(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM ledger_journal').get()!.n;
  }

  async eventsOf(disputeId: string): Promise<LedgerEvent[]> {
    return this.journalOf([disputeId, ...this.duplicatesOf(disputeId)]);
  }

  async journal(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    return this.db
      .prepare<[number, number], JournalEntry>(
        'SELECT seq, event_id AS eventId, event, prev_hash AS prevHash, hash FROM ledger_journal WHERE seq > ? ORDER BY seq LIMIT ?',
      )
      .all(afterSeq, limit);
  }

  async journalHead(): Promise<number> {
    return this.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM ledger_journal').get()?.seq ?? 0;
  }

  async journalSeqBefore(time: string): Promise<number> {
    const first = this.db
      .prepare<[string], { seq: number | null }>("SELECT MIN(seq) AS seq FROM ledger_journal WHERE json_extract(event, '$.time') >= ?")
      .get(new Date(time).toISOString())?.seq;
    return first === null || first === undefined ? await this.journalHead() : first - 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
