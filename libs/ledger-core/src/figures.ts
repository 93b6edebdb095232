// The figures the offices report, each defined exactly here (and in docs/figures.md), computed
// from ledger records. A period is [from, to); a linked report is never counted on its own.
import type { DisputeRecord } from './dispute-record';

export const REBOUND_WINDOW_DAYS = 90;

export type FigureRecord = Pick<
  DisputeRecord,
  | 'id'
  | 'status'
  | 'category'
  | 'place'
  | 'tier'
  | 'reportedAt'
  | 'firstActionAt'
  | 'agreementAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'closeOutcome'
  | 'firstClosedAt'
  | 'firstReopenedAt'
  | 'followUps'
  | 'satisfaction'
  | 'foundEarly'
>;

export interface Period {
  from: string;
  to: string;
}

export interface Figures {
  /** Disputes first reported in the period. */
  registered: number;
  /** 化解: disputes resolved in the period (agreement fulfilled, or the citizen told it is resolved). */
  resolved: number;
  /** Disputes closed in the period, whatever the outcome (resolved, withdrawn, referred to court). */
  closed: number;
  /** 化解成功率: of the disputes closed in the period, the share closed as resolved. */
  successRate: number | null;
  /** 回访率: of the disputes resolved in the period, the share with at least one follow-up visit. */
  followUpCoverage: number | null;
  /** 满意率: of the disputes resolved in the period with a rating or follow-up, the share whose latest is satisfied or basically satisfied. */
  satisfactionRate: number | null;
  /** 矛盾反弹率: of the disputes first closed in the period, the share reopened within 90 days of that closure. */
  reboundRate: number | null;
  /** 发现在萌芽: of the disputes registered in the period, the share first reported by a grid check. */
  foundEarlyShare: number | null;
  /** 化解在当地: of the disputes closed in the period, the share not referred to court. */
  resolvedLocallyShare: number | null;
  /** Medians in hours, over the disputes registered in the period that reached each step. */
  medianHoursToFirstAction: number | null;
  medianHoursToAgreement: number | null;
  medianHoursToClosure: number | null;
}

const within = (iso: string | null, p: Period) => iso !== null && iso >= p.from && iso < p.to;
const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);
const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3600_000;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 100) / 100;
}

/** Times are compared as instants: normalise to UTC ISO first. */
function utc(iso: string | null): string | null {
  return iso === null ? null : new Date(iso).toISOString();
}

export function computeFigures(records: readonly FigureRecord[], period: Period): Figures {
  const p = { from: utc(period.from)!, to: utc(period.to)! };
  const live = records.filter((r) => r.status !== 'linked');
  const registered = live.filter((r) => within(utc(r.reportedAt), p));
  const resolved = live.filter((r) => within(utc(r.resolvedAt), p));
  const closed = live.filter((r) => within(utc(r.closedAt), p));
  const firstClosed = live.filter((r) => within(utc(r.firstClosedAt), p));
  const rated = resolved.filter((r) => r.satisfaction !== null);
  const rebounded = firstClosed.filter(
    (r) => r.firstReopenedAt !== null && hours(r.firstClosedAt!, r.firstReopenedAt) <= REBOUND_WINDOW_DAYS * 24,
  );
  const span = (pick: (r: FigureRecord) => string | null) =>
    median(registered.filter((r) => pick(r) !== null).map((r) => hours(r.reportedAt, pick(r)!)));
  return {
    registered: registered.length,
    resolved: resolved.length,
    closed: closed.length,
    successRate: ratio(closed.filter((r) => r.closeOutcome === 'resolved').length, closed.length),
    followUpCoverage: ratio(resolved.filter((r) => r.followUps.length > 0).length, resolved.length),
    satisfactionRate: ratio(rated.filter((r) => r.satisfaction !== 'dissatisfied').length, rated.length),
    reboundRate: ratio(rebounded.length, firstClosed.length),
    foundEarlyShare: ratio(registered.filter((r) => r.foundEarly).length, registered.length),
    resolvedLocallyShare: ratio(closed.filter((r) => r.closeOutcome !== 'referred').length, closed.length),
    medianHoursToFirstAction: span((r) => r.firstActionAt),
    medianHoursToAgreement: span((r) => r.agreementAt),
    medianHoursToClosure: span((r) => r.closedAt),
  };
}

export const GROUPINGS = ['month', 'category', 'street', 'community', 'tier'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The key a record falls under; by month means the month (UTC+8) it was reported in. */
export function groupKey(r: FigureRecord, by: Grouping): string {
  switch (by) {
    case 'month':
      return new Date(Date.parse(r.reportedAt) + 8 * 3600_000).toISOString().slice(0, 7);
    case 'category':
      return r.category;
    case 'street':
      return r.place.street;
    case 'community':
      return `${r.place.street}/${r.place.community}`;
    case 'tier':
      return r.tier === null ? 'none' : String(r.tier);
    default: {
      const unknown: never = by;
      return unknown;
    }
  }
}

export function figuresBy(records: readonly FigureRecord[], period: Period, by: Grouping): { key: string; figures: Figures }[] {
  const groups = new Map<string, FigureRecord[]>();
  for (const r of records) {
    const key = groupKey(r, by);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, rs]) => ({ key, figures: computeFigures(rs, period) }));
}

export interface Hotspot {
  street: string;
  community: string;
  category: string;
  registered: number;
}

/** 源头预防: places and categories where disputes registered in the period cluster, most first. */
export function hotspots(records: readonly FigureRecord[], period: Period, limit = 10): Hotspot[] {
  const p = { from: utc(period.from)!, to: utc(period.to)! };
  const counts = new Map<string, Hotspot>();
  for (const r of records) {
    if (r.status === 'linked' || !within(utc(r.reportedAt), p)) continue;
    const key = `${r.place.street}\u0000${r.place.community}\u0000${r.category}`;
    const h = counts.get(key) ?? { street: r.place.street, community: r.place.community, category: r.category, registered: 0 };
    h.registered += 1;
    counts.set(key, h);
  }
  return [...counts.values()]
    .sort((a, b) => b.registered - a.registered || (a.street + a.community + a.category < b.street + b.community + b.category ? -1 : 1))
    .slice(0, limit);
}
