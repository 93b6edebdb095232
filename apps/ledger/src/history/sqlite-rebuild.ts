// Rebuilding the SQLite ledger from its journal, beside the live one: the records are built into
// a file of their own (resumable: its checkpoint is the last journal position applied), and once
// it has caught up they replace the live records in one transaction, so a query sees the old
// ledger or the new one, never a half-built one. The journal itself is the history: it stays.
import type Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { openSqlite } from '@hub/event-store';
import type { LedgerEvent } from '@hub/ledger-core';
import { SqliteLedgerStore } from '../sqlite-ledger.store';

const CHECKPOINT = 'rebuild';
/** Journal entries applied per transaction; small pages make progress visible (and the tests' kill land mid-way). */
const PAGE = Number(process.env.HUB_REBUILD_PAGE ?? 2000);
/** The derived tables: everything of the ledger but its journal and the consumers' checkpoints. */
const DERIVED = ['ledger_disputes', 'ledger_sources', 'ledger_links'];

export interface RebuildProgress {
  applied: number;
  head: number;
}

export async function rebuildSqliteLedger(live: Database.Database, rebuildFile: string, progress: (p: RebuildProgress) => void = () => undefined): Promise<{ events: number; resumedFrom: number }> {
  const source = new SqliteLedgerStore(live);
  const target = new SqliteLedgerStore(openSqlite(rebuildFile));
  try {
    const resumedFrom = Number((await target.checkpoint(CHECKPOINT)) ?? 0);
    let applied = resumedFrom;
    const catchUp = async () => {
      for (;;) {
        const page = await source.journal(applied, PAGE);
        if (page.length === 0) return;
        applied = page[page.length - 1].seq;
        await target.apply(page.map((e) => JSON.parse(e.event) as LedgerEvent), { [CHECKPOINT]: String(applied) });
        progress({ applied, head: await source.journalHead() });
      }
    };
    await catchUp();
    await target.close();
    // The switch: hold the write lock, apply what arrived meanwhile, swap the derived tables.
    live.exec(`ATTACH DATABASE '${rebuildFile.replace(/'/g, "''")}' AS rebuilt`);
    try {
      live.exec('BEGIN IMMEDIATE');
      try {
        const late = live.prepare<[number], { event: string }>('SELECT event FROM main.ledger_journal WHERE seq > ? ORDER BY seq').all(applied);
        if (late.length > 0) {
          // Rare: events that landed between the catch-up and the lock; rebuilt from the journal below.
          live.exec('ROLLBACK');
          live.exec('DETACH DATABASE rebuilt');
          return rebuildSqliteLedger(live, rebuildFile, progress);
        }
        for (const table of DERIVED) live.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM rebuilt.${table};`);
        live.exec('COMMIT');
      } catch (error) {
        if (live.inTransaction) live.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (live.prepare<[], { name: string }>('PRAGMA database_list').all().some((d) => d.name === 'rebuilt')) live.exec('DETACH DATABASE rebuilt');
    }
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(rebuildFile + suffix)) rmSync(rebuildFile + suffix);
    return { events: applied, resumedFrom };
  } finally {
    await target.close();
  }
}
