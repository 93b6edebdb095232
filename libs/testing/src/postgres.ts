// The PostgreSQL server the tests talk to (a real one: 127.0.0.1:5432 here, HUB_TEST_DATABASE_URL
// elsewhere), and throwaway schemas and databases on it, dropped when a test is done. A server
// that does not answer fails the tests: it is never a reason to skip them.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_URL = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses: `<prefix>_<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

async function run(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  return run(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** The URL of a new, empty database on the test server. */
export async function createDatabase(name: string, url = TEST_DATABASE_URL): Promise<string> {
  await run(url, `CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops a database made by `createDatabase`, closing what is still connected to it. */
export function dropDatabase(name: string, url = TEST_DATABASE_URL): Promise<void> {
  return run(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
