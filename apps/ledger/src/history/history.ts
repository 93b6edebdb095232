// The event history as analysts read it, from the ledger's journal (every office's events, in the
// order the ledger received them): filtered streams for export, and the ledger as it stood at a
// past moment, rebuilt from events alone. Everything is read page by page, in constant memory.
import type { Office } from '@hub/contracts';
import { replayRecords, type DisputeRecord, type LedgerEvent } from '@hub/ledger-core';
import type { LedgerStore } from '../ledger.port';

export interface HistoryFilter {
  offices?: Office[];
  types?: string[];
  disputeIds?: string[];
  streets?: string[];
  communities?: string[];
  /** When the events happened (their `occurredAt`): [from, to). */
  from?: string;
  to?: string;
}

export interface HistoryEntry {
  seq: number;
  event: LedgerEvent;
}

const PAGE = 1000;
const PLACES_REMEMBERED = 20_000;

const occurredAt = (e: LedgerEvent) => Date.parse((e.data as { occurredAt: string }).occurredAt);

/** The place of each dispute, remembered for the most recent ones only (bounded memory). */
class PlaceCache {
  private readonly places = new Map<string, { street: string; community: string } | null>();
  constructor(private readonly ledger: LedgerStore) {}

  async of(id: string) {
    if (this.places.has(id)) return this.places.get(id)!;
    const record = await this.ledger.get(id);
    const primary = record?.linkedTo ? await this.ledger.get(record.linkedTo) : undefined;
    const place = (primary ?? record)?.place ?? null;
    if (this.places.size >= PLACES_REMEMBERED) this.places.delete(this.places.keys().next().value!);
    this.places.set(id, place && { street: place.street, community: place.community });
    return place;
  }
}

/** Events of the journal after `afterSeq` that pass the filter, in journal order. */
export async function* historyEvents(ledger: LedgerStore, filter: HistoryFilter = {}, afterSeq = 0): AsyncGenerator<HistoryEntry> {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  const to = filter.to ? Date.parse(filter.to) : Infinity;
  const places = new PlaceCache(ledger);
  const wants = <T>(list: readonly T[] | undefined, value: T) => !list?.length || list.includes(value);
  for (let seq = afterSeq; ; ) {
    const page = await ledger.journal(seq, PAGE);
    if (page.length === 0) return;
    for (const entry of page) {
      seq = entry.seq;
      const event = JSON.parse(entry.event) as LedgerEvent;
      const office = event.source.slice('/offices/'.length) as Office;
      const t = occurredAt(event);
      if (t < from || t >= to || !wants(filter.offices, office) || !wants(filter.types, event.type) || !wants(filter.disputeIds, event.subject)) continue;
      if (filter.streets?.length || filter.communities?.length) {
        const place = await places.of(event.subject);
        if (!place || !wants(filter.streets, place.street) || !wants(filter.communities, place.community)) continue;
      }
      yield { seq: entry.seq, event };
    }
  }
}

/** Each group (a dispute and the reports linked to it) once, page by page of the ledger. */
async function* groups(ledger: LedgerStore, reportedBefore?: string): AsyncGenerator<string> {
  const seen = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await ledger.list({ limit: PAGE, offset, ...(reportedBefore ? { to: reportedBefore } : {}) });
    for (const r of page.items) {
      // A linked report stands for the group of the dispute it joined.
      const group = r.linkedTo ?? r.id;
      if (seen.has(group)) continue;
      seen.add(group);
      yield group;
    }
    if (page.items.length < PAGE) return;
  }
}

/**
 * The ledger as it stood at `at`: each dispute rebuilt from the events that had happened by then
 * (its own and those of the reports linked to it). One dispute, or all of them.
 */
export async function* ledgerAsOf(ledger: LedgerStore, at: string, disputeId?: string): AsyncGenerator<DisputeRecord> {
  if (disputeId) {
    const record = await ledger.get(disputeId);
    const group = record?.linkedTo ?? disputeId;
    for (const r of replayRecords(await ledger.eventsOf(group), at)) if (r.id === disputeId) yield r;
    return;
  }
  // Disputes linked away later were still on their own at `at`: they come out of their group's replay.
  for await (const id of groups(ledger, new Date(Date.parse(at) + 1).toISOString())) {
    yield* replayRecords(await ledger.eventsOf(id), at);
  }
}

export interface Difference {
  disputeId: string;
  problem: 'missing' | 'unexpected' | 'different';
  fields: string[];
}

/** Replays every dispute from the journal and compares it with the live ledger's record. */
export async function* compareWithReplay(ledger: LedgerStore): AsyncGenerator<Difference> {
  for await (const id of groups(ledger)) {
    for (const replayed of replayRecords(await ledger.eventsOf(id))) {
      const live = await ledger.get(replayed.id);
      if (!live) {
        yield { disputeId: replayed.id, problem: 'missing', fields: [] };
        continue;
      }
      const fields = (Object.keys(replayed) as (keyof DisputeRecord)[]).filter((k) => JSON.stringify(replayed[k]) !== JSON.stringify(live[k]));
      if (fields.length > 0) yield { disputeId: replayed.id, problem: 'different', fields };
    }
  }
}
