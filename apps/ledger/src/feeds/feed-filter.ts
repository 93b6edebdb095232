// Which events a subscription receives: a pure predicate over an event and its dispute as the
// ledger knows it when the event is delivered (so a dispute that later becomes an office's
// concern, e.g. by being linked to one of its petitions, is delivered from then on).
import type { Office } from '@hub/contracts';
import type { DisputeRecord, LedgerEvent } from '@hub/ledger-core';

export interface FeedFilter {
  offices?: Office[];
  types?: string[];
  categories?: string[];
  streets?: string[];
  communities?: string[];
  statuses?: string[];
  disputeIds?: string[];
  /**
   * Also the disputes that involve the subscribing office: one of its own reports (e.g. a petition)
   * is among their sources or those of the dispute they are linked to. Alone, only those.
   */
  mine?: boolean;
}

export type FeedDispute = Pick<DisputeRecord, 'id' | 'category' | 'place' | 'status' | 'sources' | 'linkedTo'>;

const within = <T>(allowed: readonly T[] | undefined, value: T) => allowed === undefined || allowed.length === 0 || allowed.includes(value);

/**
 * `dispute` is the record the event belongs to; for a report linked to another dispute, `primary`
 * is that dispute's record, whose place, category and sources count too.
 */
/** `owner`: the subscribing office; a reader without one has no disputes of its own (`mine` takes none). */
export function matches(filter: FeedFilter, owner: Office | undefined, event: LedgerEvent, dispute?: FeedDispute, primary?: FeedDispute): boolean {
  const office = event.source.slice('/offices/'.length) as Office;
  if (!within(filter.offices, office) || !within(filter.types, event.type)) return false;
  const subjects = [dispute, primary].filter((d): d is FeedDispute => d !== undefined);
  if (filter.disputeIds?.length && !subjects.some((d) => filter.disputeIds!.includes(d.id)) && !filter.disputeIds.includes(event.subject)) return false;
  const narrowed = [filter.categories, filter.streets, filter.communities, filter.statuses].some((f) => f !== undefined && f.length > 0);
  if (!narrowed && !filter.mine) return true;
  const inPlace = (d: FeedDispute) =>
    within(filter.categories, d.category) && within(filter.streets, d.place.street) && within(filter.communities, d.place.community) && within(filter.statuses, d.status);
  const involvesOwner = (d: FeedDispute) => owner !== undefined && d.sources.some((s) => s.office === owner);
  return subjects.some((d) => (narrowed && inPlace(d)) || (filter.mine === true && involvesOwner(d)));
}
