// The ledger store contract on a real PostgreSQL server, each test in a schema of its own that is
// dropped after; then the PostgreSQL ledger beside the SQLite one, fed the same batches: every
// answer of the ledger's API must be the same.
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from '@hub/testing';
import { ledgerData, ledgerStoreContract, NOISE, SAME_WATER_CARD, WAGES, WATER_CARD } from '../../../test/support/ledger-store.contract';
import type { DisputeQuery, LedgerStore } from './ledger.port';
import { PostgresLedgerStore } from './postgres-ledger.store';
import { SqliteLedgerStore } from './sqlite-ledger.store';

let schema = '';
ledgerStoreContract('PostgreSQL', {
  async create() {
    schema = uniqueName('ledger_test');
    return PostgresLedgerStore.connect(TEST_DATABASE_URL, { schema, poolSize: 3 });
  },
  async destroy() {
    await dropSchema(schema);
  },
});

describe('PostgreSQL ledger beside the SQLite ledger', () => {
  let pg: PostgresLedgerStore;
  let lite: LedgerStore;

  beforeEach(async () => {
    schema = uniqueName('ledger_test');
    pg = await PostgresLedgerStore.connect(TEST_DATABASE_URL, { schema, poolSize: 3 });
    lite = new SqliteLedgerStore(new Database(':memory:'));
  });
  afterEach(async () => {
    await pg.close();
    await lite.close();
    await dropSchema(schema);
  });

  it('gives the same answers to every query, journal and chain included', async () => {
    const { all } = ledgerData();
    for (let i = 0; i < all.length; i += 4) {
      const batch = all.slice(i, i + 4);
      await pg.apply(batch, { store: String(i) });
      await lite.apply(batch, { store: String(i) });
    }
    const queries: Omit<DisputeQuery, 'limit' | 'offset'>[] = [
      {}, { status: 'closed' }, { office: 'governance' }, { category: 'property', street: '崇文街道' }, { community: '东关社区' },
      { from: '2024-01-01T00:00:00+08:00', to: '2024-12-31T00:00:00+08:00' }, { text: '水卡' }, { text: 'NIGHT' }, { ticketNo: 'GX12345-20240301-0007' },
    ];
    const ask = (ledger: LedgerStore) =>
      Promise.all([
        ...queries.map((q) => ledger.list({ ...q, limit: 3, offset: 0 })),
        ledger.list({ limit: 2, offset: 2 }),
        ...[WATER_CARD, NOISE, SAME_WATER_CARD, WAGES, 'f0000000-0000-4000-8000-00000000000f'].map((id) => ledger.get(id)),
        ...[WATER_CARD, WAGES].map((id) => ledger.eventsOf(id)),
        ledger.figureRecords('2024-01-01T00:00:00+08:00', '2024-04-01T00:00:00+08:00').then((rs) => rs.sort((a, b) => (a.id < b.id ? -1 : 1))),
        ledger.journal(3, 7),
        ledger.journalSize(),
        ledger.checkpoint('store'),
      ]);
    expect(await ask(pg)).toEqual(await ask(lite));
  });

  it('an index serves every filter of the list API', async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // With sequential scans priced out, each filter must show up as an index condition.
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const t = `"${schema}".ledger_disputes`;
      const filters: [string, string][] = [
        ['status', `status = 'closed'`],
        ['category', `category = 'labour'`],
        ['offices', `offices @> ARRAY['judicial']`],
        ['street', `street = '清泉街道'`],
        ['community', `community = '文苑社区'`],
        ['reported_at', `reported_at >= '2024-03-01'`],
        ['reported_at', `reported_at < '2024-03-01'`],
        ['search', `search LIKE '%night%floor%'`],
        ['number', `id IN (SELECT dispute_id FROM "${schema}".ledger_sources WHERE kind = 'ticket' AND number = 'X')`],
      ];
      for (const [column, where] of filters) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT record FROM ${t} WHERE ${where}`);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect({ where, indexed: new RegExp(`(Index|Recheck) Cond: .*\\b${column}\\b`).test(plan) }).toEqual({ where, indexed: true });
      }
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
