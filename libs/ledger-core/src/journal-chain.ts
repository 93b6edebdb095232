// The ledger journal's hash chain: entry n stores sha256(hash of entry n-1 || canonical JSON of
// its event), so altering, removing or inserting an entry breaks the chain where it happened.
// Every ledger store computes the chain with these functions; the verifier walks a journal page
// by page in append order and names each entry that does not fit. (The ledger applies events in
// any order; the chain is over the order they were appended to the journal, which is fixed.)
import { createHash } from 'node:crypto';
import { canonicalJson } from '@hub/dispute';

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, event: unknown): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}

/** One journal entry as a store keeps it: `event` is the stored JSON text. */
export interface JournalEntry {
  seq: number;
  eventId: string;
  event: string;
  prevHash: string;
  hash: string;
}

export type ChainProblemKind = 'altered' | 'removed' | 'inserted' | 'relinked';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The entry named: the altered or inserted one, or the first one after a removal. */
  seq: number;
  eventId: string;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  problems: ChainProblem[];
}

function recompute(entry: JournalEntry): string | undefined {
  try {
    return chainHash(entry.prevHash, JSON.parse(entry.event));
  } catch {
    return undefined; // not even JSON any more
  }
}

/** Walks a journal in `seq` order, one page at a time. */
export class JournalVerifier {
  private entries = 0;
  private last: JournalEntry | null = null;
  private beforeLast: JournalEntry | null = null;
  private readonly problems: ChainProblem[] = [];

  add(page: readonly JournalEntry[]): void {
    for (const entry of page) this.check(entry);
  }

  private check(e: JournalEntry): void {
    this.entries += 1;
    const name = `entry ${e.seq} (event ${e.eventId})`;
    if (recompute(e) !== e.hash) {
      this.problems.push({ kind: 'altered', seq: e.seq, eventId: e.eventId, message: `${name} was altered: its content does not match its hash` });
    }
    const expectedPrev = this.last?.hash ?? GENESIS_HASH;
    if (e.prevHash !== expectedPrev) {
      const previous = this.last;
      if (previous && e.prevHash === (this.beforeLast?.hash ?? GENESIS_HASH)) {
        this.problems.push({ kind: 'inserted', seq: previous.seq, eventId: previous.eventId, message: `entry ${previous.seq} (event ${previous.eventId}) was inserted: the entry after it commits to the one before it` });
      } else if (previous === null || e.seq !== previous.seq + 1) {
        const gap = previous === null ? `before it (the journal starts at ${e.seq})` : `between entries ${previous.seq} and ${e.seq}`;
        this.problems.push({ kind: 'removed', seq: e.seq, eventId: e.eventId, message: `entries were removed ${gap}: ${name} commits to an entry that is not there` });
      } else {
        this.problems.push({ kind: 'relinked', seq: e.seq, eventId: e.eventId, message: `${name} commits to another entry than ${previous.seq}: that entry was altered and re-hashed, or entries were replaced` });
      }
    }
    this.beforeLast = this.last;
    this.last = e;
  }

  report(): ChainReport {
    return {
      ok: this.problems.length === 0,
      entries: this.entries,
      head: this.last ? { seq: this.last.seq, hash: this.last.hash } : null,
      problems: [...this.problems],
    };
  }
}
