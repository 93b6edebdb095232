// Rebuilding the SQLite ledger from its journal, beside the live one: every dispute's records are
// built once from its group of events (the dispute and the reports linked to it) into a file of
// their own, page by page of dispute ids, with a checkpoint, so a killed rebuild resumes where it
// stopped. Events that arrive meanwhile are folded in at the end, and the rebuilt records then
// replace the live ones in one transaction: a query sees the old ledger or the new one, never a
// half-built one. The journal itself is the history: it stays as it is.
import type Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { openSqlite } from '@hub/event-store';
import { linksOf, replayRecords, type LedgerEvent } from '@hub/ledger-core';
import { SqliteLedgerStore } from '../sqlite-ledger.store';

/** Dispute ids per page (each with its whole group); small pages make progress visible. */
const PAGE = Number(process.env.HUB_REBUILD_PAGE ?? 500);
const LINKED = 'hub.governance.ReportLinked.v1';
/** The derived tables: everything of the ledger but its journal and the consumers' checkpoints. */
const DERIVED = ['ledger_disputes', 'ledger_sources', 'ledger_links'];

export interface RebuildProgress {
  /** Journal events replayed so far. */
  applied: number;
  /** Events in the journal. */
  head: number;
}

interface Row {
  dispute_id: string;
  event: string;
}

class Journal {
  constructor(private readonly db: Database.Database) {}

  head(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM ledger_journal').get()?.seq ?? 0;
  }

  links(): Map<string, string> {
    const rows = this.db.prepare<[string], { event: string }>('SELECT event FROM ledger_journal WHERE type = ?').all(LINKED);
    return linksOf(rows.map((r) => JSON.parse(r.event) as LedgerEvent));
  }

  disputesAfter(after: string, limit: number): string[] {
    return this.db
      .prepare<[string, number], { dispute_id: string }>('SELECT DISTINCT dispute_id FROM ledger_journal WHERE dispute_id > ? ORDER BY dispute_id LIMIT ?')
      .all(after, limit)
      .map((r) => r.dispute_id);
  }

  eventsOf(ids: readonly string[]): LedgerEvent[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare<string[], Row>(`SELECT dispute_id, event FROM ledger_journal WHERE dispute_id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids)
      .map((r) => JSON.parse(r.event) as LedgerEvent);
  }

  subjectsAfter(seq: number): string[] {
    return this.db.prepare<[number], { dispute_id: string }>('SELECT DISTINCT dispute_id FROM ledger_journal WHERE seq > ?').all(seq).map((r) => r.dispute_id);
  }
}

/** Which report points to which dispute, and the reports each dispute gathers. */
interface Links {
  primaryOf: Map<string, string>;
  members: Map<string, string[]>;
}

function linksFrom(primaryOf: Map<string, string>): Links {
  const members = new Map<string, string[]>();
  for (const [duplicate, primary] of primaryOf) members.set(primary, [...(members.get(primary) ?? []), duplicate]);
  return { primaryOf, members };
}

/** The groups (a dispute and the reports linked to it) these disputes belong to. */
function groupsOf(ids: readonly string[], { primaryOf, members }: Links): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const primary = primaryOf.get(id) ?? id;
    groups.set(primary, [primary, ...(members.get(primary) ?? [])]);
  }
  return groups;
}

export async function rebuildSqliteLedger(
  live: Database.Database,
  rebuildFile: string,
  progress: (p: RebuildProgress) => void = () => undefined,
): Promise<{ events: number; resumedFrom: number }> {
  // The journal is read by dispute, across the whole file: let the reads map it rather than copy it page by page.
  live.pragma('mmap_size = 4294967296');
  live.pragma('cache_size = -262144');
  const journal = new Journal(live);
  const scratch = openSqlite(rebuildFile);
  // A scratch file: a commit need not reach the disk before the next page, since a rebuild that
  // loses its last pages in a power cut resumes from the checkpoint that survived with them.
  scratch.pragma('synchronous = NORMAL');
  const target = new SqliteLedgerStore(scratch);
  try {
    const resumedFrom = Number((await target.checkpoint('rebuild')) ?? 0);
    let applied = resumedFrom;
    let head = Number((await target.checkpoint('rebuild:head')) ?? journal.head());
    let after = (await target.checkpoint('rebuild:after')) ?? '';
    let links = linksFrom(journal.links());
    const rebuildGroups = (ids: readonly string[], checkpoints: (events: number) => Record<string, string>) => {
      const groups = groupsOf(ids, links);
      const events = journal.eventsOf([...groups.values()].flat());
      const bySubject = new Map<string, LedgerEvent[]>();
      for (const e of events) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e]);
      const records = [...groups.values()].flatMap((members) => replayRecords(members.flatMap((m) => bySubject.get(m) ?? [])));
      const groupLinks = [...groups.values()].flatMap((m) => m.slice(1).map((d) => [d, m[0]] as const));
      target.writeRecords(records, groupLinks, checkpoints(events.length));
      return events.length;
    };

    // Every dispute, a page of ids at a time, in id order: the checkpoint is the last id done.
    for (;;) {
      const ids = journal.disputesAfter(after, PAGE);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      // A linked report is built with the dispute it joined; that dispute may come in another page.
      const own = ids.filter((id) => !links.primaryOf.has(id));
      applied += rebuildGroups(own, (n) => ({ rebuild: String(applied + n), 'rebuild:after': after, 'rebuild:head': String(head) }));
      progress({ applied, head });
    }

    // Events that arrived meanwhile, then the switch under the write lock.
    for (;;) {
      links = linksFrom(journal.links());
      const late = journal.subjectsAfter(head);
      head = journal.head();
      if (late.length > 0) rebuildGroups(late, () => ({ 'rebuild:head': String(head) }));
      if (switchOver(live, rebuildFile, head)) break;
    }
    await target.close();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(rebuildFile + suffix)) rmSync(rebuildFile + suffix);
    return { events: applied, resumedFrom };
  } finally {
    await target.close();
  }
}

/** Swaps the rebuilt records in, unless more events arrived since `head`; then it changes nothing. */
function switchOver(live: Database.Database, rebuildFile: string, head: number): boolean {
  live.exec(`ATTACH DATABASE '${rebuildFile.replace(/'/g, "''")}' AS rebuilt`);
  try {
    live.exec('BEGIN IMMEDIATE');
    try {
      if (new Journal(live).head() !== head) {
        live.exec('ROLLBACK');
        return false;
      }
      for (const table of DERIVED) live.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM rebuilt.${table};`);
      live.exec('COMMIT');
      return true;
    } catch (error) {
      if (live.inTransaction) live.exec('ROLLBACK');
      throw error;
    }
  } finally {
    live.exec('DETACH DATABASE rebuilt');
  }
}
