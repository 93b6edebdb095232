// The state of one dispute as every office sees it: a fold of the events all offices published
// about it. Each office's decider checks its commands against this state.
import { upcast, type Category, type DisputeEvent, type LegacyEvent, type Office, type Place, type ReplyOutcome, type RiskLevel, type Team, type Tier } from '@hub/contracts';
import { reportFingerprint } from './canonical-json';

export const DISPUTE_STATUSES = [
  'reported',
  'triaged',
  'assigned',
  'in_mediation',
  'mediation_failed',
  'agreement_reached',
  'fulfilled',
  'breached',
  'closed',
  'referred',
  'reopened',
  'linked',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export type SourceKind = 'ticket' | 'petition' | 'grid_check' | 'walk_in';

export interface DisputeSource {
  office: Office;
  kind: SourceKind;
  number: string;
  at: string;
  /** Canonical JSON of what the source reported: a re-push must match it to be the same. */
  fingerprint: string;
}

export interface Agreement {
  agreementNo: string;
  fulfilBy: string;
  state: 'pending' | 'fulfilled' | 'breached';
}

export interface WorkOrder {
  ticketNo: string;
  dueBy: string;
  pausedAt: string | null;
  /** What the citizen was told, once told. */
  reply: ReplyOutcome | null;
}

export interface Dispute {
  status: DisputeStatus;
  category: Category;
  place: Place;
  riskLevel: RiskLevel | null;
  triaged: boolean;
  /** null until a "1+3" team takes it on at tier 1. */
  tier: Tier | null;
  attempts: Record<Tier, number>;
  team: Team | null;
  leadOffice: Office | null;
  sources: DisputeSource[];
  workOrder: WorkOrder | null;
  petitions: { petitionNo: string; answered: boolean }[];
  agreement: Agreement | null;
  linkedTo: string | null;
  lastOccurredAt: string;
}

export type DisputeState = { status: 'none' } | Dispute;

export const NO_DISPUTE: DisputeState = { status: 'none' };

/** "331": mediation attempts allowed at tiers 1, 2 and 3 before escalation or referral to court. */
export const ATTEMPT_LIMITS: Record<Tier, number> = { 1: 3, 2: 3, 3: 1 };

const ENDED: readonly DisputeStatus[] = ['closed', 'referred', 'linked'];

export function isOpen(state: DisputeState): boolean {
  return state.status !== 'none' && !ENDED.includes(state.status);
}

export type DisputeEventInput = DisputeEvent;

function reported(
  state: DisputeState,
  source: DisputeSource,
  category: Category,
  place: Place,
  occurredAt: string,
): Dispute {
  if (state.status === 'none') {
    return {
      status: 'reported',
      category,
      place,
      riskLevel: null,
      triaged: false,
      tier: null,
      attempts: { 1: 0, 2: 0, 3: 0 },
      team: null,
      leadOffice: null,
      sources: [source],
      workOrder: null,
      petitions: [],
      agreement: null,
      linkedTo: null,
      lastOccurredAt: occurredAt,
    };
  }
  // Another channel reporting a closed dispute again means it is not over.
  const again = state.status === 'closed' ? reopened(state) : {};
  return { ...state, ...again, sources: [...state.sources, source], lastOccurredAt: latest(state.lastOccurredAt, occurredAt) };
}

function latest(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * A reopened dispute is unresolved again: the agreement and the reply that settled it no longer
 * count, so closing it as resolved takes a new fulfilled agreement or a new reply.
 */
function reopened(state: Dispute): Pick<Dispute, 'status' | 'agreement' | 'workOrder'> {
  return { status: 'reopened', agreement: null, workOrder: state.workOrder && { ...state.workOrder, reply: null } };
}

/** A closed dispute that a citizen or a follow-up finds unresolved comes back. */
function reopenedIfClosed(state: Dispute, unhappy: boolean): Partial<Dispute> {
  return state.status === 'closed' && unhappy ? reopened(state) : {};
}

export function evolve(state: DisputeState, event: DisputeEventInput): DisputeState {
  const { type, data } = event;
  if (state.status === 'none') {
    switch (type) {
      case 'hub.hotline.ComplaintReceived.v1':
      case 'hub.petition.PetitionRegistered.v1':
      case 'hub.governance.GridCheckReported.v1':
      case 'hub.judicial.WalkInRegistered.v1':
        break;
      default:
        return state;
    }
  }
  const s = state as Dispute;
  const at = { lastOccurredAt: s.lastOccurredAt ? latest(s.lastOccurredAt, data.occurredAt) : data.occurredAt };
  switch (type) {
    case 'hub.hotline.ComplaintReceived.v1': {
      const next = reported(state, { office: 'hotline', kind: 'ticket', number: data.ticketNo, at: data.receivedAt, fingerprint: reportFingerprint(data) }, data.category, data.place, data.occurredAt);
      return { ...next, workOrder: { ticketNo: data.ticketNo, dueBy: data.dueBy, pausedAt: null, reply: null } };
    }
    case 'hub.petition.PetitionRegistered.v1': {
      const next = reported(state, { office: 'petition', kind: 'petition', number: data.petitionNo, at: data.registeredAt, fingerprint: reportFingerprint(data) }, data.category, data.place, data.occurredAt);
      return { ...next, petitions: [...next.petitions, { petitionNo: data.petitionNo, answered: false }] };
    }
    case 'hub.governance.GridCheckReported.v1':
      return reported(state, { office: 'governance', kind: 'grid_check', number: data.checkNo, at: data.occurredAt, fingerprint: reportFingerprint(data) }, data.category, data.place, data.occurredAt);
    case 'hub.judicial.WalkInRegistered.v1':
      return reported(state, { office: 'judicial', kind: 'walk_in', number: data.registrationNo, at: data.occurredAt, fingerprint: reportFingerprint(data) }, data.category, data.place, data.occurredAt);
    case 'hub.hotline.DeadlineExtended.v1':
      return { ...s, ...at, workOrder: s.workOrder && { ...s.workOrder, dueBy: data.dueBy } };
    case 'hub.hotline.DeadlinePaused.v1':
      return { ...s, ...at, workOrder: s.workOrder && { ...s.workOrder, pausedAt: data.occurredAt } };
    case 'hub.hotline.DeadlineResumed.v1':
      return { ...s, ...at, workOrder: s.workOrder && { ...s.workOrder, pausedAt: null, dueBy: data.dueBy } };
    case 'hub.hotline.ReminderIssued.v1':
    case 'hub.hotline.SupervisionOrdered.v1':
    case 'hub.governance.JointMediationConvened.v1':
    case 'hub.judicial.InterimMeasureTaken.v2':
    case 'hub.judicial.FulfilmentUrged.v1':
      return { ...s, ...at };
    case 'hub.hotline.CitizenReplied.v1':
      return { ...s, ...at, workOrder: s.workOrder && { ...s.workOrder, reply: data.outcome } };
    case 'hub.hotline.CitizenRated.v1':
      return { ...s, ...at, ...reopenedIfClosed(s, data.satisfaction === 'dissatisfied') };
    case 'hub.petition.PetitionAnswered.v1':
      return {
        ...s,
        ...at,
        petitions: s.petitions.map((p) => (p.petitionNo === data.petitionNo ? { ...p, answered: true } : p)),
      };
    case 'hub.governance.DisputeTriaged.v1':
      return { ...s, ...at, status: 'triaged', triaged: true, riskLevel: data.riskLevel, category: data.category };
    case 'hub.governance.LeadOfficeDesignated.v1':
      return { ...s, ...at, leadOffice: data.office };
    case 'hub.governance.TeamAssigned.v1':
      return { ...s, ...at, status: 'assigned', team: data.team, tier: s.tier ?? 1 };
    case 'hub.governance.DisputeEscalated.v1':
      return { ...s, ...at, status: 'assigned', tier: data.toTier };
    case 'hub.governance.ReportLinked.v1':
      return { ...s, ...at, status: 'linked', linkedTo: data.primaryId };
    case 'hub.governance.DisputeClosed.v1':
      return { ...s, ...at, status: 'closed' };
    case 'hub.governance.DisputeReopened.v1':
      return { ...s, ...at, ...reopened(s) };
    case 'hub.judicial.MediationStarted.v1':
      return { ...s, ...at, status: 'in_mediation', tier: data.tier, attempts: { ...s.attempts, [data.tier]: data.attempt } };
    case 'hub.judicial.MediationFailed.v1':
      return { ...s, ...at, status: 'mediation_failed' };
    case 'hub.judicial.AgreementRecorded.v1':
      return {
        ...s,
        ...at,
        status: 'agreement_reached',
        agreement: { agreementNo: data.agreementNo, fulfilBy: data.fulfilBy, state: 'pending' },
      };
    case 'hub.judicial.AgreementFulfilled.v1':
      return { ...s, ...at, status: 'fulfilled', agreement: s.agreement && { ...s.agreement, state: 'fulfilled' } };
    case 'hub.judicial.AgreementBreached.v1':
      return { ...s, ...at, status: 'breached', agreement: s.agreement && { ...s.agreement, state: 'breached' } };
    case 'hub.judicial.FollowUpVisited.v1':
      return { ...s, ...at, ...reopenedIfClosed(s, data.rebound || data.satisfaction === 'dissatisfied') };
    case 'hub.judicial.ReferredToCourt.v1':
      return { ...s, ...at, status: 'referred' };
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

/** Folds a dispute's events as stored: earlier versions are upcast first. */
export function foldDispute(events: readonly (DisputeEventInput | LegacyEvent)[]): DisputeState {
  return events.reduce<DisputeState>((state, event) => evolve(state, upcast(event) as DisputeEvent), NO_DISPUTE);
}
