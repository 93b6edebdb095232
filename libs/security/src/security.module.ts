// Security of every app of the hub, once per process: the key store (API key hashes, citizens'
// data keys, erasures, the access record) in its own SQLite file `security.db`, the master key,
// the encryption of personal data, and the access guard on every route.
import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '@hub/event-store';
import { AccessGuard } from './access.guard';
import { ACCESS_LOG, SqliteAccessLog, type AccessLog } from './access-log';
import { API_KEYS, SqliteApiKeyStore } from './api-key.store';
import { issueFirstKeys } from './first-keys';
import { KEY_VAULT, SqliteKeyVault, type KeyVault } from './key-vault';
import { loadMasterKey } from './master-key';
import { PERSONAL_DATA, PersonalDataCipher } from './personal-data';
import { PERSONAL_DATA_READER, PersonalDataReader } from './personal-data.reader';
import type { Principal } from './scopes';
import { SECURITY_OPTIONS, type SecurityOptions } from './security.options';

export const SECURITY_DB = Symbol('SECURITY_DB');
export const SECURITY_DB_FILE = 'security.db';
const MASTER_KEY = Symbol('MASTER_KEY');

class SecurityLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SECURITY_DB) private readonly db: Database.Database) {}
  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}

@Module({})
export class SecurityModule {
  static forRoot(options: SecurityOptions): DynamicModule {
    const logger = new Logger('security');
    return {
      module: SecurityModule,
      global: true,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: options.writesPerMinute }],
          // Per key, across every write route of the key's office.
          getTracker: (req: { principal?: Principal; ip?: string }) => req.principal?.keyId ?? req.ip ?? 'unknown',
          generateKey: (_ctx, tracker, name) => `${name}:${tracker}`,
        }),
      ],
      providers: [
        { provide: SECURITY_OPTIONS, useValue: options },
        {
          provide: SECURITY_DB,
          useFactory: () => {
            mkdirSync(options.dataDir, { recursive: true });
            // Owner-only from the start; SQLite gives its -wal and -shm files the same mode.
            const file = join(options.dataDir, SECURITY_DB_FILE);
            closeSync(openSync(file, 'a', 0o600));
            chmodSync(file, 0o600);
            return openSqlite(file);
          },
        },
        {
          provide: MASTER_KEY,
          useFactory: () => {
            const loaded = loadMasterKey(options.masterKey, options.dataDir);
            if (loaded.origin === 'generated') logger.warn(`generated a master key into ${loaded.file} (owner-only); in production set HUB_MASTER_KEY instead`);
            return loaded.key;
          },
        },
        {
          provide: API_KEYS,
          useFactory: async (db: Database.Database) => {
            const keys = new SqliteApiKeyStore(db);
            const file = await issueFirstKeys(keys, options.dataDir, options.now());
            if (file) logger.log(`first start: API keys for the four offices and an administrator written to ${file} (owner-only); hand them out, then delete the file`);
            return keys;
          },
          inject: [SECURITY_DB],
        },
        { provide: KEY_VAULT, useFactory: (db: Database.Database, key: Buffer) => new SqliteKeyVault(db, key), inject: [SECURITY_DB, MASTER_KEY] },
        { provide: PERSONAL_DATA, useFactory: (vault: KeyVault) => new PersonalDataCipher(vault, options.now), inject: [KEY_VAULT] },
        { provide: ACCESS_LOG, useFactory: (db: Database.Database) => new SqliteAccessLog(db), inject: [SECURITY_DB] },
        {
          provide: PERSONAL_DATA_READER,
          useFactory: (cipher: PersonalDataCipher, log: AccessLog) => new PersonalDataReader(cipher, log, options.now),
          inject: [PERSONAL_DATA, ACCESS_LOG],
        },
        ThrottlerGuard,
        AccessGuard,
        { provide: APP_GUARD, useExisting: AccessGuard },
        SecurityLifecycle,
      ],
      exports: [SECURITY_OPTIONS, SECURITY_DB, API_KEYS, KEY_VAULT, PERSONAL_DATA, ACCESS_LOG, PERSONAL_DATA_READER],
    };
  }
}
