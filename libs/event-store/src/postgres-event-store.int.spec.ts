// The event store contract on a real PostgreSQL server, each test in a schema of its own that is
// dropped after; then what only PostgreSQL has to prove: a transaction that commits late is not
// skipped, migrations are idempotent, and an unreachable server fails at connect with its name.
import { Client } from 'pg';
import { dropSchema, eventStoreContract, newEvent, TEST_DATABASE_URL, uniqueName } from '@hub/testing';
import { subscribeToAll } from './catch-up-subscription';
import type { StoredEvent } from './event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { StoreUnavailableError } from './store-unavailable';

let schema = '';
eventStoreContract('PostgreSQL', {
  async create() {
    schema = uniqueName('es_test');
    return PostgresEventStore.connect(TEST_DATABASE_URL, { schema, poolSize: 4 });
  },
  async connectAgain() {
    return PostgresEventStore.connect(TEST_DATABASE_URL, { schema, poolSize: 4 });
  },
  async destroy() {
    await dropSchema(schema);
  },
});

describe('PostgreSQL event store', () => {
  let store: PostgresEventStore;
  const extra: PostgresEventStore[] = [];

  beforeEach(async () => {
    schema = uniqueName('es_test');
    store = await PostgresEventStore.connect(TEST_DATABASE_URL, { schema, poolSize: 4 });
  });
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await store.close();
    await dropSchema(schema);
  });

  it('a transaction that took its place early and commits late is delivered, before the later ones, never skipped', async () => {
    const seen: StoredEvent[] = [];
    const sub = subscribeToAll(store, 0, (batch) => void seen.push(...batch), { pollMs: 20 });
    await store.append('before', [newEvent('before', 0)], 'no_stream');
    await sub.caughtUpTo(await store.headPosition());

    // The late writer begins, appends (its transaction id, hence its position, is now fixed)
    // and does not commit yet.
    const late = new Client({ connectionString: TEST_DATABASE_URL });
    await late.connect();
    try {
      await late.query('BEGIN');
      const early = newEvent('late', 1);
      const { position: latePosition } = await store.appendInTransaction(late, 'late', [early], 'no_stream');

      // Others append and commit meanwhile, on other connections, at higher positions.
      const others = [store, ...(await Promise.all([1, 2].map(() => PostgresEventStore.connect(TEST_DATABASE_URL, { schema, poolSize: 2 }))))];
      extra.push(...others.slice(1));
      const after = await Promise.all(others.map((w, k) => w.append(`after-${k}`, [newEvent('after', k)], 'no_stream')));
      expect(Math.min(...after.map((r) => r.position))).toBeGreaterThan(latePosition);
      expect(await store.headPosition()).toBe(Math.max(...after.map((r) => r.position)));

      // A reader that trusted "greater than my last position" would now pass over the late
      // event for good. This one holds back until the late transaction ends.
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.map((e) => e.streamId)).toEqual(['before']);

      await late.query('COMMIT');
      await sub.caughtUpTo(await store.headPosition());
      await sub.stop();
      const laterInOrder = after.map((r, k) => ({ stream: `after-${k}`, position: r.position })).sort((x, y) => x.position - y.position);
      expect(seen.map((e) => e.streamId)).toEqual(['before', 'late', ...laterInOrder.map((x) => x.stream)]);
      expect(seen.find((e) => e.streamId === 'late')?.event.id).toBe(early.id);
    } finally {
      await late.end();
    }
  });

  it('a transaction that rolls back leaves no event and does not hold readers', async () => {
    const aborted = new Client({ connectionString: TEST_DATABASE_URL });
    await aborted.connect();
    try {
      await aborted.query('BEGIN');
      await store.appendInTransaction(aborted, 'gone', [newEvent('gone', 0)], 'no_stream');
      await store.append('kept', [newEvent('kept', 1)], 'no_stream');
      await aborted.query('ROLLBACK');
    } finally {
      await aborted.end();
    }
    expect((await store.readAll(0, 10)).map((e) => e.streamId)).toEqual(['kept']);
    expect(await store.readStream('gone')).toEqual([]);
    await store.append('gone', [newEvent('gone', 2)], 'no_stream');
    expect(await store.readStream('gone')).toHaveLength(1);
  });

  it('two appends inside one outer transaction get distinct positions in order', async () => {
    const tx = new Client({ connectionString: TEST_DATABASE_URL });
    await tx.connect();
    try {
      await tx.query('BEGIN');
      const a = await store.appendInTransaction(tx, 'a', [newEvent('a', 0), newEvent('a', 1)], 'no_stream');
      const b = await store.appendInTransaction(tx, 'b', [newEvent('b', 2)], 'no_stream');
      await tx.query('COMMIT');
      expect(b.position).toBe(a.position + 1);
    } finally {
      await tx.end();
    }
    expect((await store.readAll(0, 10)).map((e) => `${e.streamId}@${e.revision}`)).toEqual(['a@0', 'a@1', 'b@0']);
  });

  it('migrations are versioned and run once: connecting again changes nothing', async () => {
    await store.append('s', [newEvent('s', 0)], 'no_stream');
    const again = await PostgresEventStore.connect(TEST_DATABASE_URL, { schema });
    extra.push(again);
    expect(await again.readStream('s')).toHaveLength(1);
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT component, version FROM "${schema}".hub_migrations ORDER BY version`);
      expect(rows).toEqual([{ component: 'event-store', version: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a schema that a newer build has migrated further', async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`INSERT INTO "${schema}".hub_migrations (component, version, name) VALUES ('event-store', 99, 'from the future')`);
    } finally {
      await client.end();
    }
    await expect(PostgresEventStore.connect(TEST_DATABASE_URL, { schema })).rejects.toThrow(/event-store version 99.*knows versions up to 1/);
  });

  it('an unreachable server fails at connect, naming the server and not the password', async () => {
    const attempt = PostgresEventStore.connect('postgres://hub:secret@127.0.0.1:1/hub');
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(/PostgreSQL at postgres:\/\/hub@127\.0\.0\.1:1\/hub cannot be used: .*ECONNREFUSED/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it('a database that does not exist fails at connect with the server\'s reason', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_database_for_the_hub';
    await expect(PostgresEventStore.connect(url.toString())).rejects.toThrow(/no_such_database_for_the_hub.*does not exist/);
  });
});
