// Opens the ledger store a process is configured for: SQLite in the ledger's file, or PostgreSQL
// in the schema named after that file (`hub.db` -> `hub`, beside the embedded hub's event store;
// `ledger.db` -> `ledger` for the ledger alone). A server that does not answer fails at start.
import type { Provider } from '@nestjs/common';
import { openSqlite, storeNameOf, StoreUnavailableError } from '@hub/event-store';
import { STORE_SETTINGS, storesFromEnv, type StoreSettings } from '@hub/office-kit';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';
import { PostgresLedgerStore } from './postgres-ledger.store';
import { SqliteLedgerStore } from './sqlite-ledger.store';

export async function openLedgerStore(stores: StoreSettings, file: string): Promise<LedgerStore> {
  switch (stores.ledgerStore) {
    case 'sqlite':
      return new SqliteLedgerStore(openSqlite(file));
    case 'postgres': {
      if (!stores.databaseUrl) throw new StoreUnavailableError('HUB_LEDGER_STORE=postgres needs DATABASE_URL');
      try {
        return await PostgresLedgerStore.connect(stores.databaseUrl, { schema: storeNameOf(file) });
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw new StoreUnavailableError(`HUB_LEDGER_STORE=postgres (DATABASE_URL): ${error.message}`);
        throw error;
      }
    }
    default: {
      const unknown: never = stores.ledgerStore;
      throw new StoreUnavailableError(`no ledger store of kind ${String(unknown)}`);
    }
  }
}

/** The ledger store, chosen by the process's store settings (from its event store's module, else the environment). */
export function ledgerStoreProvider(file: string): Provider {
  return {
    provide: LEDGER_STORE,
    useFactory: (stores?: StoreSettings) => openLedgerStore(stores ?? storesFromEnv(process.env), file),
    inject: [{ token: STORE_SETTINGS, optional: true }],
  };
}
