// The record of every reading of personal data in the clear, every look-up of a citizen and every
// erasure: who (principal and key), what (dispute, subjects, fields), when and why. It holds no
// personal data itself, so it outlives erasures; only administrators with `audit:read` query it.
import type Database from 'better-sqlite3';

export const ACCESS_LOG = Symbol('ACCESS_LOG');

export const ACCESS_ACTIONS = ['read', 'lookup', 'erase'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessEntry {
  at: string;
  principal: string;
  keyId: string;
  action: AccessAction;
  disputeId: string | null;
  subjectIds: string[];
  /** e.g. `caller.name`, `caller.phone`, `address`; for a look-up, what was searched by. */
  fields: string[];
  reason: string;
  /** The request, as `GET /v1/ledger/disputes/:id`: the route, never the query string. */
  route: string;
}

export interface AccessQuery {
  disputeId?: string;
  principal?: string;
  subjectId?: string;
  action?: AccessAction;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AccessLog {
  record(entry: AccessEntry): Promise<void>;
  query(q: AccessQuery): Promise<{ items: (AccessEntry & { id: number })[]; total: number }>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pii_access (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  principal   TEXT NOT NULL,
  key_id      TEXT NOT NULL,
  action      TEXT NOT NULL,
  dispute_id  TEXT,
  subject_ids TEXT NOT NULL,
  fields      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  route       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pii_access_dispute ON pii_access (dispute_id, at);
CREATE INDEX IF NOT EXISTS pii_access_principal ON pii_access (principal, at);`;

interface Row {
  id: number;
  at: string;
  principal: string;
  key_id: string;
  action: AccessAction;
  dispute_id: string | null;
  subject_ids: string;
  fields: string;
  reason: string;
  route: string;
}

export class SqliteAccessLog implements AccessLog {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  async record(e: AccessEntry): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO pii_access (at, principal, key_id, action, dispute_id, subject_ids, fields, reason, route)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.at, e.principal, e.keyId, e.action, e.disputeId, JSON.stringify(e.subjectIds), JSON.stringify(e.fields), e.reason, e.route);
  }

  async query(q: AccessQuery) {
    const where: string[] = [];
    const args: string[] = [];
    const add = (sql: string, value: string) => {
      where.push(sql);
      args.push(value);
    };
    if (q.disputeId) add('dispute_id = ?', q.disputeId);
    if (q.principal) add('principal = ?', q.principal);
    if (q.action) add('action = ?', q.action);
    if (q.subjectId) add('EXISTS (SELECT 1 FROM json_each(subject_ids) WHERE value = ?)', q.subjectId);
    if (q.from) add('at >= ?', new Date(q.from).toISOString());
    if (q.to) add('at < ?', new Date(q.to).toISOString());
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM pii_access ${clause}`).get(...args)!.n;
    const rows = this.db
      .prepare<unknown[], Row>(`SELECT * FROM pii_access ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        principal: r.principal,
        keyId: r.key_id,
        action: r.action,
        disputeId: r.dispute_id,
        subjectIds: JSON.parse(r.subject_ids) as string[],
        fields: JSON.parse(r.fields) as string[],
        reason: r.reason,
        route: r.route,
      })),
    };
  }
}
