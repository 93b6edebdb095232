import Database from 'better-sqlite3';
import { ledgerStoreContract } from '../../../test/support/ledger-store.contract';
import { SqliteLedgerStore } from './sqlite-ledger.store';

ledgerStoreContract('SQLite', {
  async create() {
    return new SqliteLedgerStore(new Database(':memory:'));
  },
  async destroy() {},
});
