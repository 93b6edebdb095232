// Which stores a process opens, from the environment: SQLite when it says nothing; a server store
// only with the address of its server; a bad value stops the start, naming the variable (and
// never showing a password).
import 'reflect-metadata';
import { ConfigError, loadConfig, storesFromEnv } from './config';

describe('store configuration', () => {
  it('is SQLite for both stores when the environment says nothing', () => {
    expect(storesFromEnv({})).toEqual({ eventStore: 'sqlite', ledgerStore: 'sqlite' });
  });

  it('reads the stores without judging the other variables (a store opened later need not repeat their checks)', () => {
    expect(storesFromEnv({ PORT: '0', HUB_EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/hub' })).toMatchObject({ eventStore: 'postgres' });
    expect(() => storesFromEnv({ PORT: '0', HUB_EVENT_STORE: 'esdb' })).toThrow(/ESDB_CONNECTION_STRING/);
  });

  it('takes PostgreSQL for both stores with DATABASE_URL, and EventStoreDB with ESDB_CONNECTION_STRING', () => {
    expect(storesFromEnv({ HUB_EVENT_STORE: 'postgres', HUB_LEDGER_STORE: 'postgres', DATABASE_URL: 'postgres://hub@db:5432/hub' })).toEqual({
      eventStore: 'postgres',
      ledgerStore: 'postgres',
      databaseUrl: 'postgres://hub@db:5432/hub',
    });
    expect(loadConfig({ HUB_EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: 'esdb://kurrentdb:2113?tls=false', HUB_LEDGER_STORE: 'postgres', DATABASE_URL: 'postgresql://db/hub' }, 3000).stores).toEqual({
      eventStore: 'esdb',
      ledgerStore: 'postgres',
      databaseUrl: 'postgresql://db/hub',
      esdbConnectionString: 'esdb://kurrentdb:2113?tls=false',
    });
  });

  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env, 3000);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  it('refuses a store kind it does not have, for either store', () => {
    expect(refusal({ HUB_EVENT_STORE: 'mysql' })).toContain('HUB_EVENT_STORE="mysql": HUB_EVENT_STORE must be sqlite, postgres or esdb');
    expect(refusal({ HUB_LEDGER_STORE: 'esdb', ESDB_CONNECTION_STRING: 'esdb://x:2113' })).toContain('HUB_LEDGER_STORE must be sqlite or postgres');
  });

  it('refuses a server store without its server, naming the variable that is missing', () => {
    expect(refusal({ HUB_LEDGER_STORE: 'postgres' })).toContain('DATABASE_URL=undefined: DATABASE_URL must be a postgres:// URL');
    expect(refusal({ HUB_EVENT_STORE: 'esdb' })).toContain('ESDB_CONNECTION_STRING=undefined: ESDB_CONNECTION_STRING must be an esdb:// connection string');
  });

  it('refuses an address of the wrong kind without repeating it: it may hold a password', () => {
    const message = refusal({ HUB_EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://hub:s3cret@db/hub' });
    expect(message).toContain('DATABASE_URL=(set): DATABASE_URL must be a postgres:// URL');
    expect(message).not.toContain('s3cret');
  });
});
