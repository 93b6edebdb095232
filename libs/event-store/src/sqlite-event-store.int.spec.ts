import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '@hub/testing';
import { SqliteEventStore } from './sqlite-event-store';

let dir = '';
eventStoreContract('SQLite', {
  async create() {
    dir = mkdtempSync(join(tmpdir(), 'hub-store-'));
    return SqliteEventStore.open(join(dir, 'hub.db'));
  },
  async connectAgain() {
    return SqliteEventStore.open(join(dir, 'hub.db'));
  },
  async destroy() {
    rmSync(dir, { recursive: true, force: true });
  },
});
