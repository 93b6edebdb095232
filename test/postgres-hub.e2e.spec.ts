// The hub end to end on PostgreSQL (HUB_EVENT_STORE=postgres HUB_LEDGER_STORE=postgres): the
// seed's water-card case over HTTP into a database of its own, the events and the ledger found in
// PostgreSQL and not in the data folder, a restart that keeps everything, and a hub that refuses
// to start when its server does not answer or its configuration is wrong.
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EVENT_STORE, PostgresEventStore, type EventStore } from '@hub/event-store';
import type { StoreSettings } from '@hub/office-kit';
import { createDatabase, dropDatabase, uniqueName } from '@hub/testing';
import { WATER_CARD_TICKET, waterCardComplaint } from '../apps/hub/demo/water-card.scenario';
import { PostgresLedgerStore } from '../apps/ledger/src/postgres-ledger.store';
import { LEDGER_STORE } from '../apps/ledger/src/ledger.port';
import { hubCli } from './support/cli';
import { playWaterCard, startHub, tempDataDir, type RunningHub } from './support/hub-app';

/** Tables of a SQLite file in the data folder (other parts of the hub keep theirs there). */
function sqliteTables(file: string): string[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('the hub on PostgreSQL, end to end', () => {
  const database = uniqueName('hub_e2e');
  let stores: StoreSettings;
  let hub: RunningHub;

  beforeAll(async () => {
    const databaseUrl = await createDatabase(database);
    stores = { eventStore: 'postgres', ledgerStore: 'postgres', databaseUrl };
  });
  afterAll(async () => {
    await dropDatabase(database);
  });
  beforeEach(async () => {
    hub = await startHub(tempDataDir(), { stores });
  });
  afterEach(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });



  it('plays the water-card case into PostgreSQL: a closed, followed-up record, found by ticket, counted in the figures, kept across a restart', async () => {
    expect(hub.app.get(EVENT_STORE)).toBeInstanceOf(PostgresEventStore);
    expect(hub.app.get(LEDGER_STORE)).toBeInstanceOf(PostgresLedgerStore);

    const { disputeId, position } = await playWaterCard(hub);
    const { body } = await hub.as('governance').get(`/v1/ledger/disputes/${disputeId}?after=${position}`).expect(200);
    expect(body).toMatchObject({
      status: 'closed',
      closeOutcome: 'resolved',
      leadOffice: 'judicial',
      agreement: { agreementNo: 'CWTJ-2024-007', state: 'fulfilled' },
      closedAt: '2024-03-05T11:00:00+08:00',
      followUps: [{ satisfaction: 'satisfied', rebound: false }],
      offices: ['governance', 'hotline', 'judicial'],
    });
    expect(body.timeline).toHaveLength(13);
    expect(JSON.stringify(body)).not.toContain('13800000000');

    const byTicket = await hub.as('governance').get(`/v1/ledger/disputes?ticketNo=${WATER_CARD_TICKET}&office=judicial&status=closed`).expect(200);
    expect(byTicket.body.items.map((r: { id: string }) => r.id)).toEqual([disputeId]);
    const stats = await hub.as('governance').get('/v1/ledger/stats?from=2023-01-01T00:00:00%2B08:00&to=2025-01-01T00:00:00%2B08:00').expect(200);
    expect(stats.body.figures).toMatchObject({ registered: 1, resolved: 1, closed: 1, followUpCoverage: 1 });

    // Everything is in the database's `hub` schema; the data folder holds no SQLite store.
    const sql = new Client({ connectionString: stores.databaseUrl });
    await sql.connect();
    try {
      const events = await sql.query(`SELECT count(*)::int AS n FROM hub.events WHERE subject = $1`, [disputeId]);
      expect(events.rows[0].n).toBe(body.timeline.length);
      const record = await sql.query(`SELECT status FROM hub.ledger_disputes WHERE id = $1`, [disputeId]);
      expect(record.rows).toEqual([{ status: 'closed' }]);
      const checkpoint = await sql.query(`SELECT value FROM hub.ledger_checkpoints WHERE name = 'store'`);
      expect(Number(checkpoint.rows[0].value)).toBeGreaterThanOrEqual(position);
    } finally {
      await sql.end();
    }
    expect(sqliteTables(join(hub.dataDir, 'hub.db'))).not.toEqual(expect.arrayContaining(['events']));
    expect(sqliteTables(join(hub.dataDir, 'hub.db'))).not.toEqual(expect.arrayContaining(['ledger_journal']));

    // Restarted on the same database: the ledger and the write side find everything, and the
    // ledger applies nothing twice.
    await hub.close();
    const before = body;
    hub = await startHub(hub.dataDir, { stores });
    const after = await hub.as('governance').get(`/v1/ledger/disputes/${disputeId}`).expect(200);
    expect(after.body).toEqual(before);
    const again = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    expect(again.body).toMatchObject({ disputeId, duplicate: true });
  });

  it('the analysts\' command-line tool reads the PostgreSQL ledger: figures, export and a replay that equals it', async () => {
    const { disputeId: id, position } = await playWaterCard(hub, 'GX12345-CLI-0001');
    const period = { from: '2023-01-01T00:00:00+08:00', to: '2025-01-01T00:00:00+08:00' };
    const http = await hub.as('governance').get(`/v1/ledger/stats?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&after=${position}`).expect(200);

    const env = { HUB_LEDGER_STORE: 'postgres', DATABASE_URL: stores.databaseUrl };
    const stats = hubCli(['-d', hub.dataDir, 'stats', '--from', period.from, '--to', period.to, '--format', 'json'], env);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout).rows[0].figures).toEqual(http.body.figures);
    const exported = hubCli(['-d', hub.dataDir, 'events', 'export', '--dispute', id], env);
    expect(exported.stdout.trim().split('\n')).toHaveLength(13);
    const verify = hubCli(['-d', hub.dataDir, 'verify'], env);
    expect(verify.stdout).toContain('ledger: equals the replayed history');
    expect(verify.status).toBe(0);
  });

  it('a step the dispute\'s state forbids writes nothing to PostgreSQL', async () => {
    const store = hub.app.get<EventStore>(EVENT_STORE);
    const { body } = await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, ticketNo: 'GX12345-20231227-0099' }).expect(202);
    const head = await store.headPosition();
    const early = await hub
      .as('judicial')
      .post(`/v1/judicial/disputes/${body.disputeId}/agreements`)
      .send({ agreementNo: 'A-001', terms: 't', fulfilBy: '2024-03-01T00:00:00+08:00' })
      .expect(409);
    expect(early.body.code).toBe('NOT_IN_MEDIATION');
    expect(await store.headPosition()).toBe(head);
    const journal = await hub.app.get<PostgresLedgerStore>(LEDGER_STORE).journalSize();
    expect(journal).toBeGreaterThan(0);
  });
});

describe('a hub that cannot use its stores does not start', () => {
  /** Runs `npm start`'s entry point with this environment and answers how it ended. */
  function start(env: Record<string, string>) {
    const dataDir = tempDataDir();
    try {
      const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/hub/src/main.ts'], {
        cwd: join(__dirname, '..'),
        env: { PATH: process.env.PATH, HUB_DATA_DIR: dataDir, PORT: '3999', HUB_LOG_FORMAT: 'text', ...env },
        encoding: 'utf8',
        timeout: 90_000,
      });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('PostgreSQL that does not answer: the message names the variable and the server, never the password', () => {
    const { status, output } = start({ HUB_EVENT_STORE: 'postgres', HUB_LEDGER_STORE: 'postgres', DATABASE_URL: 'postgres://hub:s3cret@127.0.0.1:1/hub' });
    expect(status).not.toBe(0);
    expect(output).toMatch(/HUB_EVENT_STORE=postgres \(DATABASE_URL\): PostgreSQL at postgres:\/\/hub@127\.0\.0\.1:1\/hub cannot be used: connect ECONNREFUSED/);
    expect(output).not.toContain('s3cret');
  });

  it('EventStoreDB that does not answer: the message names the variable and the server', () => {
    const { status, output } = start({ HUB_EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: 'esdb://admin:s3cret@127.0.0.1:1?tls=false' });
    expect(status).not.toBe(0);
    expect(output).toMatch(/HUB_EVENT_STORE=esdb \(ESDB_CONNECTION_STRING\): EventStoreDB at esdb:\/\/admin@127\.0\.0\.1:1 cannot be used: .*UNAVAILABLE/);
    expect(output).not.toContain('s3cret');
  });

  it('a ledger on PostgreSQL without DATABASE_URL, or a store kind this build does not have', () => {
    const missing = start({ HUB_LEDGER_STORE: 'postgres' });
    expect(missing.status).not.toBe(0);
    expect(missing.output).toContain('DATABASE_URL=undefined: DATABASE_URL must be a postgres:// URL');
    const unknown = start({ HUB_EVENT_STORE: 'mongodb' });
    expect(unknown.status).not.toBe(0);
    expect(unknown.output).toContain('HUB_EVENT_STORE="mongodb": HUB_EVENT_STORE must be sqlite, postgres or esdb');
  });
});
