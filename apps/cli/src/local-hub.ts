// What the command-line tool opens on the machine the hub keeps its data on: the ledger (its
// journal and records) and the key store that opens personal data, to show it masked.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '@hub/event-store';
import type { LedgerEvent } from '@hub/ledger-core';
import { loadMasterKey, maskedEvent, PersonalDataCipher, SECURITY_DB_FILE, SqliteKeyVault } from '@hub/security';
import { storesFromEnv } from '@hub/office-kit';
import { openLedgerStore } from '../../ledger/src/ledger-store.factory';
import type { LedgerStore } from '../../ledger/src/ledger.port';

export const HUB_DB = 'hub.db';

export interface LocalHub {
  dataDir: string;
  ledgerFile: string;
  ledger: LedgerStore;
  /** The event with its personal part as masked parties: what leaves the hub. */
  masked(event: LedgerEvent): Promise<object>;
  close(): Promise<void>;
}

/**
 * The ledger the hub is configured for (HUB_LEDGER_STORE: SQLite in the data folder, or
 * PostgreSQL). `create`: start an empty ledger when there is none (to import an export into).
 */
export async function openLocalHub(dataDir: string, create = false): Promise<LocalHub> {
  const ledgerFile = join(dataDir, HUB_DB);
  const stores = storesFromEnv(process.env);
  if (create) mkdirSync(dataDir, { recursive: true });
  else if (stores.ledgerStore === 'sqlite' && !existsSync(ledgerFile)) {
    throw new Error(`no hub data in ${dataDir} (expected ${HUB_DB}); pass --data-dir or set HUB_DATA_DIR`);
  }
  const ledger = await openLedgerStore(stores, ledgerFile);
  const securityDir = process.env.HUB_SECURITY_DIR ?? dataDir;
  const securityFile = join(securityDir, SECURITY_DB_FILE);
  const securityDb = existsSync(securityFile) ? openSqlite(securityFile) : undefined;
  const cipher = securityDb && new PersonalDataCipher(new SqliteKeyVault(securityDb, loadMasterKey(process.env.HUB_MASTER_KEY, securityDir).key), () => new Date().toISOString());
  return {
    dataDir,
    ledgerFile,
    ledger,
    masked: (event) => maskedEvent(cipher, event),
    async close() {
      await ledger.close();
      if (securityDb?.open) securityDb.close();
    },
  };
}
