// The ledger's record of one dispute (台账): a deterministic function of the SET of its events
// (and of the reports linked to it), whatever order they arrived in from the offices.
import { upcast, type DisputeEvent, type HubCloudEvent, type Office, type Place, type RiskLevel, type Satisfaction, type Team, type Tier } from '@hub/contracts';
import { evolve, NO_DISPUTE, type DisputeSource, type DisputeState, type DisputeStatus } from '@hub/dispute';

export type LedgerEvent = Pick<HubCloudEvent, 'id' | 'type' | 'subject' | 'source' | 'time' | 'data'>;

export interface TimelineEntry {
  eventId: string;
  disputeId: string;
  office: Office;
  type: string;
  occurredAt: string;
  recordedAt: string;
}

export interface DisputeRecord {
  id: string;
  /** 台账编号: date of the first report and the start of the id. */
  ledgerNo: string;
  status: DisputeStatus;
  category: string;
  place: Place;
  summary: string;
  riskLevel: RiskLevel | null;
  tier: Tier | null;
  attempts: Record<Tier, number>;
  team: Team | null;
  leadOffice: Office | null;
  offices: Office[];
  sources: Omit<DisputeSource, 'fingerprint'>[];
  linkedTo: string | null;
  linkedReports: string[];
  // No parties here: the record is stored, and personal data is shown only from the encrypted
  // journal at query time (see parties.ts), so that an erasure leaves nothing behind.
  reportedAt: string;
  firstActionAt: string | null;
  agreementAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  closeOutcome: 'resolved' | 'withdrawn' | 'referred' | null;
  reopenedAt: string | null;
  reopenCount: number;
  /** The first closure, and the first reopening after it: what the rebound rate counts. */
  firstClosedAt: string | null;
  firstReopenedAt: string | null;
  deadlines: { workOrderDueBy: string | null; petitionDueBy: string | null; fulfilBy: string | null };
  agreement: { agreementNo: string; terms: string; fulfilBy: string; state: 'pending' | 'fulfilled' | 'breached' } | null;
  interimMeasures: number;
  reminders: number;
  supervisions: number;
  fulfilmentUrges: number;
  followUps: { at: string; satisfaction: Satisfaction; rebound: boolean }[];
  ratings: { at: string; satisfaction: Satisfaction }[];
  /** The latest rating or follow-up satisfaction. */
  satisfaction: Satisfaction | null;
  /** First reported by a grid check, before any complaint or petition (发现在萌芽). */
  foundEarly: boolean;
  /** The citizen went on to the petitions office after a hotline work order. */
  hotlineToPetition: boolean;
  lastEventAt: string;
  timeline: TimelineEntry[];
}

const SOURCE_TYPES = new Set([
  'hub.hotline.ComplaintReceived.v1',
  'hub.petition.PetitionRegistered.v1',
  'hub.governance.GridCheckReported.v1',
  'hub.judicial.WalkInRegistered.v1',
]);

/** Canonical order: when it happened, then when it was recorded, then the event id. */
export function compareEvents(a: LedgerEvent, b: LedgerEvent): number {
  const byOccurred = Date.parse(occurredAt(a)) - Date.parse(occurredAt(b));
  if (byOccurred !== 0) return byOccurred;
  const byTime = Date.parse(a.time) - Date.parse(b.time);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function occurredAt(e: LedgerEvent): string {
  return (e.data as { occurredAt: string }).occurredAt;
}

function officeOf(e: LedgerEvent): Office {
  return e.source.slice('/offices/'.length) as Office;
}

/**
 * Builds the record of dispute `id` from its own events and those of the reports linked to it.
 * Sorting first makes the result independent of arrival order; events seen twice count once.
 */
export function buildRecord(id: string, events: readonly LedgerEvent[], linkedReports: readonly string[] = []): DisputeRecord | null {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()].sort(compareEvents);
  // A linked report's own "I am linked" event belongs to its record, not to the dispute it joined.
  const relevant = unique.filter((e) => e.subject === id || e.type !== 'hub.governance.ReportLinked.v1');
  const first = relevant.find((e) => SOURCE_TYPES.has(e.type));
  if (!first) return null;

  let state: DisputeState = NO_DISPUTE;
  const r = emptyRecord(id, first);
  for (const e of relevant) {
    // Earlier versions are read as their current version.
    const event = upcast({ type: e.type, data: e.data }) as DisputeEvent;
    const before = state;
    state = evolve(state, event);
    apply(r, event, e, before, state);
  }
  if (state.status === 'none') return null;
  r.status = state.status;
  r.category = state.category;
  r.place = state.place;
  r.riskLevel = state.riskLevel;
  r.tier = state.tier;
  r.attempts = state.attempts;
  r.team = state.team;
  r.leadOffice = state.leadOffice;
  r.linkedTo = state.linkedTo;
  r.sources = state.sources.map(({ fingerprint: _f, ...s }) => s);
  r.linkedReports = [...linkedReports].sort();
  r.offices = [...new Set(relevant.map(officeOf))].sort();
  r.foundEarly = state.sources[0]?.kind === 'grid_check';
  r.hotlineToPetition = hotlineThenPetition(state.sources);
  r.lastEventAt = occurredAt(relevant[relevant.length - 1]);
  return r;
}

function hotlineThenPetition(sources: readonly DisputeSource[]): boolean {
  const firstTicket = sources.filter((s) => s.kind === 'ticket').map((s) => Date.parse(s.at)).sort()[0];
  return firstTicket !== undefined && sources.some((s) => s.kind === 'petition' && Date.parse(s.at) >= firstTicket);
}

function emptyRecord(id: string, first: LedgerEvent): DisputeRecord {
  const day = occurredAt(first).slice(0, 10).replace(/-/g, '');
  return {
    id,
    ledgerNo: `TZ${day}-${id.slice(0, 8).toUpperCase()}`,
    status: 'reported',
    category: 'other',
    place: { district: '', street: '', community: '' },
    summary: (first.data as { summary?: string }).summary ?? '',
    riskLevel: null,
    tier: null,
    attempts: { 1: 0, 2: 0, 3: 0 },
    team: null,
    leadOffice: null,
    offices: [],
    sources: [],
    linkedTo: null,
    linkedReports: [],
    reportedAt: occurredAt(first),
    firstActionAt: null,
    agreementAt: null,
    resolvedAt: null,
    closedAt: null,
    closeOutcome: null,
    reopenedAt: null,
    reopenCount: 0,
    firstClosedAt: null,
    firstReopenedAt: null,
    deadlines: { workOrderDueBy: null, petitionDueBy: null, fulfilBy: null },
    agreement: null,
    interimMeasures: 0,
    reminders: 0,
    supervisions: 0,
    fulfilmentUrges: 0,
    followUps: [],
    ratings: [],
    satisfaction: null,
    foundEarly: false,
    hotlineToPetition: false,
    lastEventAt: occurredAt(first),
    timeline: [],
  };
}

/** The record-only facts of one event; the lifecycle itself comes from `evolve`. */
function apply(r: DisputeRecord, event: DisputeEvent, e: LedgerEvent, before: DisputeState, after: DisputeState): void {
  const at = event.data.occurredAt;
  r.timeline.push({ eventId: e.id, disputeId: e.subject, office: officeOf(e), type: e.type, occurredAt: at, recordedAt: e.time });
  if (!SOURCE_TYPES.has(event.type) && r.firstActionAt === null) r.firstActionAt = at;
  if (before.status === 'closed' && after.status === 'reopened') {
    r.reopenCount += 1;
    r.reopenedAt = at;
    r.firstReopenedAt ??= at;
    r.closedAt = null;
    r.closeOutcome = null;
  }
  switch (event.type) {
    case 'hub.hotline.ComplaintReceived.v1':
      r.deadlines.workOrderDueBy = event.data.dueBy;
      return;
    case 'hub.hotline.DeadlineExtended.v1':
    case 'hub.hotline.DeadlineResumed.v1':
      r.deadlines.workOrderDueBy = event.data.dueBy;
      return;
    case 'hub.petition.PetitionRegistered.v1':
      r.deadlines.petitionDueBy ??= event.data.dueBy;
      return;
    case 'hub.hotline.ReminderIssued.v1':
      r.reminders += 1;
      return;
    case 'hub.hotline.SupervisionOrdered.v1':
      r.supervisions += 1;
      return;
    case 'hub.hotline.CitizenReplied.v1':
      if (event.data.outcome === 'resolved' && r.resolvedAt === null) r.resolvedAt = at;
      return;
    case 'hub.hotline.CitizenRated.v1':
      r.ratings.push({ at, satisfaction: event.data.satisfaction });
      r.satisfaction = event.data.satisfaction;
      return;
    case 'hub.judicial.InterimMeasureTaken.v2':
      r.interimMeasures += 1;
      return;
    case 'hub.judicial.AgreementRecorded.v1':
      r.agreementAt ??= at;
      r.agreement = { agreementNo: event.data.agreementNo, terms: event.data.terms, fulfilBy: event.data.fulfilBy, state: 'pending' };
      r.deadlines.fulfilBy = event.data.fulfilBy;
      return;
    case 'hub.judicial.FulfilmentUrged.v1':
      r.fulfilmentUrges += 1;
      return;
    case 'hub.judicial.AgreementFulfilled.v1':
      if (r.agreement) r.agreement.state = 'fulfilled';
      r.resolvedAt = at;
      return;
    case 'hub.judicial.AgreementBreached.v1':
      if (r.agreement) r.agreement.state = 'breached';
      return;
    case 'hub.judicial.FollowUpVisited.v1':
      r.followUps.push({ at, satisfaction: event.data.satisfaction, rebound: event.data.rebound });
      r.satisfaction = event.data.satisfaction;
      return;
    case 'hub.governance.DisputeClosed.v1':
      r.closedAt = at;
      r.firstClosedAt ??= at;
      r.closeOutcome = event.data.outcome;
      return;
    case 'hub.judicial.ReferredToCourt.v1':
      r.closedAt = at;
      r.firstClosedAt ??= at;
      r.closeOutcome = 'referred';
      return;
    case 'hub.governance.DisputeReopened.v1':
      return; // counted above, from the state change
    default:
      return;
  }
}

export interface RecordFlags {
  /** The work order or petition is past its deadline and the dispute is still open. */
  overdue: boolean;
  /** An agreement is past its fulfilment deadline and not fulfilled. */
  fulfilmentOverdue: boolean;
}

const OPEN_ENDS: readonly DisputeStatus[] = ['closed', 'referred', 'linked'];

/** Flags that depend on the moment of the question, not only on the events. */
export function flagsAt(r: DisputeRecord, now: string): RecordFlags {
  const t = Date.parse(now);
  const open = !OPEN_ENDS.includes(r.status);
  const unresolved = open && r.resolvedAt === null;
  const past = (due: string | null) => due !== null && Date.parse(due) < t;
  return {
    overdue: unresolved && (past(r.deadlines.workOrderDueBy) || past(r.deadlines.petitionDueBy)),
    fulfilmentOverdue: open && r.agreement?.state !== 'fulfilled' && r.agreement !== null && past(r.agreement.fulfilBy),
  };
}
