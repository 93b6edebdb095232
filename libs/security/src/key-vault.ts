// The key store of citizens' data keys: one AES-256 key per data subject, kept only encrypted
// with the master key. Deleting a subject's key is the erasure (crypto-shredding): every copy of
// the subject's data, in any store, log, backup or topic, becomes unreadable at once.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { open, seal } from './aead';

export const KEY_VAULT = Symbol('KEY_VAULT');

export interface SubjectKey {
  keyId: string;
  key: Buffer;
}

export interface Erasure {
  subjectId: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

export interface KeyVault {
  /** The subject's data key, made on first use, and the look-ups that find the subject (one commit). */
  subjectKey(subjectId: string, now: string, lookups?: readonly string[]): Promise<SubjectKey>;
  /** The subject's data key `keyId`, or undefined once it has been erased. */
  findSubjectKey(subjectId: string, keyId: string): Promise<Buffer | undefined>;
  /** The key of the keyed hashes that name subjects and find them by phone or ID number. */
  indexKey(): Promise<Buffer>;
  subjectsByLookup(lookup: string): Promise<string[]>;
  /** Deletes the subject's key and look-ups; undefined when the hub never knew the subject. */
  erase(subjectId: string, by: string, reason: string, at: string): Promise<Erasure | undefined>;
  erasureOf(subjectId: string): Promise<Erasure | undefined>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_keys (
  name       TEXT PRIMARY KEY,
  wrapped    BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS subject_keys (
  subject_id TEXT PRIMARY KEY,
  key_id     TEXT NOT NULL,
  wrapped    BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subject_lookups (
  lookup     TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  PRIMARY KEY (lookup, subject_id)
);
CREATE INDEX IF NOT EXISTS subject_lookups_subject ON subject_lookups (subject_id);
CREATE TABLE IF NOT EXISTS subject_erasures (
  subject_id TEXT NOT NULL,
  erased_at  TEXT NOT NULL,
  erased_by  TEXT NOT NULL,
  reason     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS subject_erasures_subject ON subject_erasures (subject_id);`;

const subjectAad = (subjectId: string, keyId: string) => `hub-subject-key/v1|${subjectId}|${keyId}`;
const vaultAad = (name: string) => `hub-vault-key/v1|${name}`;

interface ErasureRow {
  subject_id: string;
  erased_at: string;
  erased_by: string;
  reason: string;
}

export class SqliteKeyVault implements KeyVault {
  private index?: Buffer;
  /** Read for every sealed part every reader opens: prepared once. */
  private readonly wrappedKey: Database.Statement<[string, string], { wrapped: Buffer }>;

  constructor(
    private readonly db: Database.Database,
    private readonly masterKey: Buffer,
  ) {
    // Deleted rows are overwritten with zeros, so an erased key leaves no bytes in the file.
    db.pragma('secure_delete = ON');
    db.exec(SCHEMA);
    this.wrappedKey = db.prepare('SELECT wrapped FROM subject_keys WHERE subject_id = ? AND key_id = ?');
  }

  async subjectKey(subjectId: string, now: string, lookups: readonly string[] = []): Promise<SubjectKey> {
    const read = () => this.db.prepare<[string], { key_id: string; wrapped: Buffer }>('SELECT key_id, wrapped FROM subject_keys WHERE subject_id = ?').get(subjectId);
    let row = read();
    if (!row || lookups.length > 0) {
      // One commit (one fsync) for a new key and its look-ups; none when nothing is new. Of two
      // writers making the same subject's key at once, the first one stored wins.
      const keyId = randomBytes(8).toString('hex');
      const add = this.db.prepare('INSERT OR IGNORE INTO subject_lookups (lookup, subject_id) VALUES (?, ?)');
      this.db.transaction(() => {
        if (!row) {
          this.db
            .prepare('INSERT INTO subject_keys (subject_id, key_id, wrapped, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING')
            .run(subjectId, keyId, seal(this.masterKey, randomBytes(32), subjectAad(subjectId, keyId)), now);
        }
        lookups.forEach((l) => add.run(l, subjectId));
      }).immediate();
      row = read()!;
    }
    return { keyId: row.key_id, key: open(this.masterKey, row.wrapped, subjectAad(subjectId, row.key_id)) };
  }

  async findSubjectKey(subjectId: string, keyId: string): Promise<Buffer | undefined> {
    const row = this.wrappedKey.get(subjectId, keyId);
    return row ? open(this.masterKey, row.wrapped, subjectAad(subjectId, keyId)) : undefined;
  }

  async indexKey(): Promise<Buffer> {
    if (this.index) return this.index;
    const name = 'subject-index';
    this.db.prepare('INSERT INTO vault_keys (name, wrapped) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, seal(this.masterKey, randomBytes(32), vaultAad(name)));
    const row = this.db.prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM vault_keys WHERE name = ?').get(name)!;
    this.index = open(this.masterKey, row.wrapped, vaultAad(name));
    return this.index;
  }

  async subjectsByLookup(lookup: string): Promise<string[]> {
    return this.db
      .prepare<[string], { subject_id: string }>('SELECT subject_id FROM subject_lookups WHERE lookup = ? ORDER BY subject_id')
      .all(lookup)
      .map((r) => r.subject_id);
  }

  async erase(subjectId: string, by: string, reason: string, at: string): Promise<Erasure | undefined> {
    const erased = this.db.transaction(() => {
      const known = this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM subject_keys WHERE subject_id = ?').get(subjectId)!.n;
      if (known === 0) return false;
      this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?').run(subjectId);
      this.db.prepare('DELETE FROM subject_lookups WHERE subject_id = ?').run(subjectId);
      this.db.prepare('INSERT INTO subject_erasures (subject_id, erased_at, erased_by, reason) VALUES (?, ?, ?, ?)').run(subjectId, at, by, reason);
      return true;
    }).immediate();
    if (!erased) return this.erasureOf(subjectId);
    // The write-ahead log still holds the page with the key as it was: copy the zeroed page into
    // the database and empty the log, so that no file keeps the key's bytes.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { subjectId, erasedAt: at, erasedBy: by, reason };
  }

  async erasureOf(subjectId: string): Promise<Erasure | undefined> {
    const row = this.db
      .prepare<[string], ErasureRow>('SELECT * FROM subject_erasures WHERE subject_id = ? ORDER BY erased_at DESC LIMIT 1')
      .get(subjectId);
    return row ? { subjectId: row.subject_id, erasedAt: row.erased_at, erasedBy: row.erased_by, reason: row.reason } : undefined;
  }
}
