// The event store contract on a real EventStoreDB / KurrentDB server: the one ESDB_CONNECTION_STRING
// names, else one started by testcontainers when a Docker engine answers. With neither, the
// contract is reported as skipped, with the reason. There is no fake server. Each test uses
// streams of its own (a fresh store name) and deletes them after. How the adapter fails without a
// server needs none, and always runs.
import { spawnSync } from 'node:child_process';
import { EventStoreDBClient } from '@eventstore/db-client';
import { eventStoreContract, uniqueName } from '@hub/testing';
import { EsdbEventStore, positionNumber } from './esdb-event-store';
import { StoreUnavailableError } from './store-unavailable';

const IMAGE = 'kurrentplatform/kurrentdb:25.0';

/** Asks testcontainers, in a child process (the decision must be made before tests are declared), whether a Docker engine answers. */
function dockerAnswers(): boolean {
  const probe = "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))";
  return spawnSync(process.execPath, ['-e', probe], { timeout: 30_000, stdio: 'ignore' }).status === 0;
}

const given = process.env.ESDB_CONNECTION_STRING;
const withDocker = !given && dockerAnswers();
const skipReason = given || withDocker ? undefined : 'no EventStoreDB server: ESDB_CONNECTION_STRING is not set and no Docker engine answers (see docs/stores.md)';

let connectionString = given ?? '';
let stopContainer: (() => Promise<unknown>) | undefined;

async function startServer(): Promise<void> {
  if (!withDocker) return;
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  stopContainer = () => container.stop();
}

let name = '';
const contract = () => {
  beforeAll(startServer, 180_000);
  afterAll(async () => {
    await stopContainer?.();
  });
  eventStoreContract('EventStoreDB', {
    async create() {
      name = uniqueName('t');
      return EsdbEventStore.connect(connectionString, { name });
    },
    async connectAgain() {
      return EsdbEventStore.connect(connectionString, { name });
    },
    async destroy() {
      // The test's streams, found through the store's own filtered read, are deleted.
      const store = await EsdbEventStore.connect(connectionString, { name });
      const client = EventStoreDBClient.connectionString(connectionString);
      try {
        const streams = new Set((await store.readAll(0, 100_000)).map((e) => e.streamId));
        for (const stream of streams) await client.deleteStream(`${name}.${stream}`);
      } finally {
        await store.close();
        await client.dispose();
      }
    },
  });
};

if (skipReason) {
  console.warn(`EventStoreDB contract skipped: ${skipReason}`);
  describe.skip(`EventStoreDB contract (skipped: ${skipReason})`, contract);
} else {
  describe('EventStoreDB contract', contract);
}

describe('EventStoreDB adapter without a server', () => {
  it('an unreachable server fails at connect, naming it and not the password', async () => {
    const attempt = EsdbEventStore.connect('esdb://admin:changeit@127.0.0.1:1?tls=false', { connectTimeoutMs: 3000 });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(/^EventStoreDB at esdb:\/\/admin@127\.0\.0\.1:1 cannot be used: /);
    await expect(attempt).rejects.not.toThrow(/changeit/);
  });

  it('a connection string that is not one fails at connect, saying what one looks like', async () => {
    await expect(EsdbEventStore.connect('http://127.0.0.1:2113')).rejects.toThrow(/ESDB_CONNECTION_STRING is not a connection string \(esdb:\/\/host:2113\?tls=false\)/);
  });

  it('a store name that could not prefix its streams safely is refused', async () => {
    await expect(EsdbEventStore.connect('esdb://127.0.0.1:2113?tls=false', { name: '$all' })).rejects.toThrow(/store name "\$all"/);
  });

  it('maps a log position to the port\'s number exactly, and refuses one a number cannot hold', () => {
    expect(positionNumber({ commit: 123_456n, prepare: 123_456n })).toBe(123_456);
    const largest = BigInt(Number.MAX_SAFE_INTEGER);
    expect(positionNumber({ commit: largest, prepare: largest })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => positionNumber({ commit: largest + 1n, prepare: largest + 1n })).toThrow(/past 2\^53/);
    expect(() => positionNumber({ commit: 10n, prepare: 5n })).toThrow(/explicit transaction/);
    expect(() => positionNumber(undefined)).toThrow(/23\.10 or later/);
  });
});
