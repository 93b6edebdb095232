// The API keys the hub accepts, stored as SHA-256 hashes of their secrets. Every request looks
// its key up here (no cache), so a revocation takes effect on the very next request.
import type Database from 'better-sqlite3';
import type { Office } from '@hub/contracts';
import { issueKey, parseKey, secretMatches } from './api-key';
import type { Principal, Role, Scope } from './scopes';

export const API_KEYS = Symbol('API_KEYS');

export interface ApiKeyRecord {
  keyId: string;
  principal: string;
  role: Role;
  office: Office | null;
  scopes: Scope[];
  createdAt: string;
  createdBy: string;
  /** From this instant on the key is refused; null while it is valid. */
  revokedAt: string | null;
  /** The key that replaced this one in a rotation. */
  replacedBy: string | null;
}

export interface NewApiKey {
  principal: string;
  role: Role;
  office?: Office;
  scopes: Scope[];
  createdBy: string;
}

export interface ApiKeyStore {
  create(key: NewApiKey, now: string): Promise<{ record: ApiKeyRecord; token: string }>;
  /** The principal of a valid, unrevoked key; undefined for anything else. */
  authenticate(token: string, now: string): Promise<Principal | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Refuses the key from `at` on (now, or later to let a rotation overlap). */
  revoke(keyId: string, at: string): Promise<ApiKeyRecord | undefined>;
  /** A new key for the same principal and scopes; the old one is refused from `oldValidUntil` on. */
  rotate(keyId: string, by: string, now: string, oldValidUntil: string): Promise<{ record: ApiKeyRecord; token: string } | undefined>;
  count(): Promise<number>;
}

interface Row {
  key_id: string;
  principal: string;
  role: Role;
  office: Office | null;
  scopes: string;
  hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  replaced_by: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  key_id      TEXT PRIMARY KEY,
  principal   TEXT NOT NULL,
  role        TEXT NOT NULL,
  office      TEXT,
  scopes      TEXT NOT NULL,
  hash        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_at  TEXT,
  replaced_by TEXT
);`;

const toRecord = (r: Row): ApiKeyRecord => ({
  keyId: r.key_id,
  principal: r.principal,
  role: r.role,
  office: r.office,
  scopes: JSON.parse(r.scopes) as Scope[],
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  replacedBy: r.replaced_by,
});

const revokedBy = (revokedAt: string | null, now: string) => revokedAt !== null && Date.parse(revokedAt) <= Date.parse(now);

export class SqliteApiKeyStore implements ApiKeyStore {
  /** Read on every request, by the access guard: prepared once. */
  private readonly byId: Database.Statement<[string], Row>;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.byId = db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_id = ?');
  }

  async create(key: NewApiKey, now: string): Promise<{ record: ApiKeyRecord; token: string }> {
    return this.insert(key, now);
  }

  private insert(key: NewApiKey, now: string): { record: ApiKeyRecord; token: string } {
    const issued = issueKey();
    this.db
      .prepare(
        `INSERT INTO api_keys (key_id, principal, role, office, scopes, hash, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(issued.keyId, key.principal, key.role, key.office ?? null, JSON.stringify(key.scopes), issued.secretHash, now, key.createdBy);
    return { record: toRecord(this.row(issued.keyId)!), token: issued.token };
  }

  private row(keyId: string): Row | undefined {
    return this.byId.get(keyId);
  }

  async authenticate(token: string, now: string): Promise<Principal | undefined> {
    const parsed = parseKey(token);
    if (!parsed) return undefined;
    const row = this.row(parsed.keyId);
    if (!row || !secretMatches(parsed.secret, row.hash) || revokedBy(row.revoked_at, now)) return undefined;
    return {
      id: row.principal,
      keyId: row.key_id,
      role: row.role,
      ...(row.office ? { office: row.office } : {}),
      scopes: JSON.parse(row.scopes) as Scope[],
    };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return this.db.prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, key_id').all().map(toRecord);
  }

  async get(keyId: string): Promise<ApiKeyRecord | undefined> {
    const row = this.row(keyId);
    return row ? toRecord(row) : undefined;
  }

  async revoke(keyId: string, at: string): Promise<ApiKeyRecord | undefined> {
    // An earlier revocation stands: revoking again never extends a key's life.
    this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND (revoked_at IS NULL OR revoked_at > ?)')
      .run(at, keyId, at);
    return this.get(keyId);
  }

  async rotate(keyId: string, by: string, now: string, oldValidUntil: string) {
    return this.db.transaction(() => {
      const old = this.row(keyId);
      if (!old || revokedBy(old.revoked_at, now)) return undefined;
      const next = this.insert(
        { principal: old.principal, role: old.role, ...(old.office ? { office: old.office } : {}), scopes: JSON.parse(old.scopes) as Scope[], createdBy: by },
        now,
      );
      this.db.prepare('UPDATE api_keys SET revoked_at = ?, replaced_by = ? WHERE key_id = ?').run(oldValidUntil, next.record.keyId, keyId);
      return next;
    }).immediate();
  }

  async count(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM api_keys').get()!.n;
  }
}
