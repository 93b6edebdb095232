// Reads the ledger journal after a cursor and keeps the events a subscription's filter takes,
// judging each against its dispute as the ledger knows it now.
import type { Office } from '@hub/contracts';
import type { DisputeRecord, JournalEntry, LedgerEvent } from '@hub/ledger-core';
import type { LedgerStore } from '../ledger.port';
import { matches, type FeedDispute, type FeedFilter } from './feed-filter';

export interface FeedEntry {
  seq: number;
  event: LedgerEvent;
}

export interface FeedPage {
  entries: FeedEntry[];
  /** The last journal sequence looked at: the cursor may move here once `entries` are delivered. */
  upTo: number;
}

const SCAN = 500;

export class FeedReader {
  constructor(private readonly ledger: LedgerStore) {}

  /** Up to `limit` matching events after `after`, scanning at most `maxScan` journal entries. */
  async next(filter: FeedFilter, owner: Office, after: number, limit: number, maxScan = 5000): Promise<FeedPage> {
    const entries: FeedEntry[] = [];
    let upTo = after;
    const records = new Map<string, DisputeRecord | undefined>();
    const recordOf = async (id: string) => {
      if (!records.has(id)) records.set(id, await this.ledger.get(id));
      return records.get(id);
    };
    for (let scanned = 0; scanned < maxScan && entries.length < limit; ) {
      const page: JournalEntry[] = await this.ledger.journal(upTo, Math.min(SCAN, maxScan - scanned));
      if (page.length === 0) break;
      for (const entry of page) {
        const event = JSON.parse(entry.event) as LedgerEvent;
        const dispute: FeedDispute | undefined = await recordOf(event.subject);
        const primary = dispute?.linkedTo ? await recordOf(dispute.linkedTo) : undefined;
        upTo = entry.seq;
        if (matches(filter, owner, event, dispute, primary)) {
          entries.push({ seq: entry.seq, event });
          if (entries.length >= limit) break;
        }
      }
      scanned += page.length;
    }
    return { entries, upTo };
  }

  /** The events of the given journal sequences, for resending a stored batch as it was. */
  async bySeqs(seqs: readonly number[]): Promise<FeedEntry[]> {
    if (seqs.length === 0) return [];
    const page = await this.ledger.journal(seqs[0] - 1, seqs[seqs.length - 1] - seqs[0] + 1);
    const wanted = new Set(seqs);
    return page.filter((e) => wanted.has(e.seq)).map((e) => ({ seq: e.seq, event: JSON.parse(e.event) as LedgerEvent }));
  }

  async head(): Promise<number> {
    let seq = 0;
    for (;;) {
      const page = await this.ledger.journal(seq, 10_000);
      if (page.length === 0) return seq;
      seq = page[page.length - 1].seq;
    }
  }
}
