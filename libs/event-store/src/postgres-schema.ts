// What the PostgreSQL adapters of the hub share: a pool that checks the server answers before
// anything else runs, schema names checked before they are quoted into SQL, and versioned
// migrations applied once at start. Migrations of every component in a database take one
// advisory lock, so processes starting together never race on DDL; each version is recorded in
// `<schema>.hub_migrations`, so running them again changes nothing.
import { Pool, type PoolClient } from 'pg';
import { describeUrl, StoreUnavailableError } from './store-unavailable';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration transaction; `schema` is already quoted. */
  up(client: PoolClient, schema: string): Promise<void>;
}

/** Advisory lock key of the hub's migrations ("hub_mig" in ASCII). */
const MIGRATION_LOCK = '29402462946158951';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a schema name after checking it is a plain lower-case identifier. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} must be 1-63 lower-case letters, digits or "_"`);
  return `"${schema}"`;
}

export interface PgPoolOptions {
  /** Most connections the pool opens. */
  max?: number;
  connectTimeoutMs?: number;
}

/** Opens a pool and makes one round trip, so an unreachable or misconfigured server fails now. */
export async function openPgPool(url: string, options: PgPoolOptions = {}): Promise<Pool> {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: 'dispute-hub',
  });
  // An idle connection that the server drops is taken out of the pool, which opens another on
  // the next query; without a listener the event would end the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(`PostgreSQL at ${describeUrl(url)} cannot be used: ${(error as Error).message || String(error)}`);
  }
  return pool;
}

/**
 * Applies the migrations of `component` that `schema` does not have yet, in version order, in
 * one transaction. Refuses a schema that a newer build has migrated further.
 */
export async function migrate(pool: Pool, schema: string, component: string, migrations: readonly Migration[]): Promise<number[]> {
  const s = quoteSchema(schema);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.hub_migrations (
         component  text NOT NULL,
         version    integer NOT NULL,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version))`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.hub_migrations WHERE component = $1`, [component]);
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StoreUnavailableError(`schema ${schema} holds ${component} version ${newest}, and this build knows versions up to ${known}: run a newer build`);
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await m.up(client, s);
      await client.query(`INSERT INTO ${s}.hub_migrations (component, version, name) VALUES ($1, $2, $3)`, [component, m.version, m.name]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
