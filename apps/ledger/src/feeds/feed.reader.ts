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

/**
 * Journal pages and dispute records read during one pass of the delivery loop, shared by every
 * subscription in it: a hundred subscriptions read the journal once, not a hundred times.
 */
interface PassCache {
  pages: Map<string, Promise<JournalEntry[]>>;
  events: Map<number, LedgerEvent>;
  records: Map<string, Promise<DisputeRecord | undefined>>;
  shown: Map<number, Promise<unknown>>;
  /** The journal after the slowest subscription's cursor, read once for the whole pass. */
  window?: { after: number; entries: JournalEntry[] };
}

export class FeedReader {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly cache?: PassCache,
  ) {}

  /** A reader that remembers what it read, for one pass over many subscriptions. */
  forPass(): FeedReader {
    return new FeedReader(this.ledger, { pages: new Map(), events: new Map(), records: new Map(), shown: new Map() });
  }

  /** How an entry is shown to subscribers, worked out once per pass. */
  shown(entry: FeedEntry, present: (event: LedgerEvent) => Promise<unknown>): Promise<unknown> {
    if (!this.cache) return present(entry.event);
    let shown = this.cache.shown.get(entry.seq);
    if (!shown) this.cache.shown.set(entry.seq, (shown = present(entry.event)));
    return shown;
  }

  /** Reads the journal once from the slowest cursor; subscriptions further on take their part of it. */
  async preload(after: number): Promise<void> {
    if (this.cache) this.cache.window = { after, entries: await this.ledger.journal(after, SCAN) };
  }

  private page(after: number, limit: number): Promise<JournalEntry[]> {
    if (!this.cache) return this.ledger.journal(after, limit);
    const window = this.cache.window;
    if (window && after >= window.after) {
      const last = window.entries[window.entries.length - 1]?.seq ?? window.after;
      // A full window may end before this cursor's next events: then it reads its own page.
      if (window.entries.length < SCAN || after < last) return Promise.resolve(window.entries.filter((e) => e.seq > after));
    }
    const key = `${after}:${limit}`;
    let page = this.cache.pages.get(key);
    if (!page) this.cache.pages.set(key, (page = this.ledger.journal(after, limit)));
    return page;
  }

  private eventOf(entry: JournalEntry): LedgerEvent {
    const cached = this.cache?.events.get(entry.seq);
    if (cached) return cached;
    const event = JSON.parse(entry.event) as LedgerEvent;
    this.cache?.events.set(entry.seq, event);
    return event;
  }

  /** Up to `limit` matching events after `after`, scanning at most `maxScan` journal entries. */
  async next(filter: FeedFilter, owner: Office | undefined, after: number, limit: number, maxScan = 5000): Promise<FeedPage> {
    const entries: FeedEntry[] = [];
    let upTo = after;
    const records = this.cache?.records ?? new Map<string, Promise<DisputeRecord | undefined>>();
    const recordOf = (id: string) => {
      let record = records.get(id);
      if (!record) records.set(id, (record = this.ledger.get(id)));
      return record;
    };
    for (let scanned = 0; scanned < maxScan && entries.length < limit; ) {
      const page = await this.page(upTo, SCAN);
      if (page.length === 0) break;
      for (const entry of page) {
        const event = this.eventOf(entry);
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

}
