// Replaying the ledger from events alone: the records of a group of linked reports (a dispute and
// the reports linked to it), optionally as they stood at a past moment. The live ledger stores
// what this computes; analysts' as-of and verification call it directly.
import { buildRecord, type DisputeRecord, type LedgerEvent } from './dispute-record';

const LINKED = 'hub.governance.ReportLinked.v1';

function occurredAt(e: LedgerEvent): number {
  return Date.parse((e.data as { occurredAt: string }).occurredAt);
}

/** Which report points to which dispute, among these events. */
export function linksOf(events: Iterable<LedgerEvent>): Map<string, string> {
  const links = new Map<string, string>();
  for (const e of events) if (e.type === LINKED) links.set(e.subject, (e.data as { primaryId: string }).primaryId);
  return links;
}

/**
 * The records of every dispute the events speak of, as they stood at `until` (events that
 * happened later are left out); without `until`, as they stand now. Disputes whose first report
 * is not among the events have no record.
 */
export function replayRecords(events: readonly LedgerEvent[], until?: string): DisputeRecord[] {
  const cut = until === undefined ? Infinity : Date.parse(until);
  const known = events.filter((e) => occurredAt(e) <= cut);
  const links = linksOf(known);
  const bySubject = new Map<string, LedgerEvent[]>();
  for (const e of known) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e]);
  const records: DisputeRecord[] = [];
  for (const [id, own] of bySubject) {
    const duplicates = [...links].filter(([, primary]) => primary === id).map(([dup]) => dup);
    const group = links.has(id) ? own : [...own, ...duplicates.flatMap((d) => bySubject.get(d) ?? [])];
    const record = buildRecord(id, group, links.has(id) ? [] : duplicates);
    if (record) records.push(record);
  }
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
