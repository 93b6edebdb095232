// The judicial office's rules (司法所, 人民调解): walk-ins, interim measures, mediation attempts
// counted per tier ("331"), agreements with fulfilment deadlines, fulfilment and breach,
// follow-up visits (回访) and referral to court.
import type {
  AgreementBreachedData,
  AgreementFulfilledData,
  AgreementRecordedData,
  FollowUpVisitedData,
  FulfilmentUrgedData,
  InterimMeasureTakenData,
  JudicialEvent,
  MediationFailedData,
  MediationStartedData,
  ReferredToCourtData,
  WalkInRegisteredData,
} from '@hub/contracts';
import {
  ATTEMPT_LIMITS,
  reportFingerprint,
  refuse,
  requireDispute,
  requireOccurredAt,
  requireOpen,
  type DisputeState,
  type When,
} from '@hub/dispute';

type Input<T> = Omit<T, 'occurredAt'>;

export type JudicialCommand =
  | { type: 'RegisterWalkIn'; data: Input<WalkInRegisteredData> }
  | { type: 'TakeInterimMeasure'; data: Input<InterimMeasureTakenData> }
  | { type: 'StartMediation'; data: Omit<MediationStartedData, 'occurredAt' | 'tier' | 'attempt'> }
  | { type: 'RecordMediationFailure'; data: Omit<MediationFailedData, 'occurredAt' | 'tier' | 'attempt'> }
  | { type: 'RecordAgreement'; data: Input<AgreementRecordedData> }
  | { type: 'UrgeFulfilment'; data: Input<FulfilmentUrgedData> }
  | { type: 'RecordFulfilment'; data: Input<AgreementFulfilledData> }
  | { type: 'RecordBreach'; data: Input<AgreementBreachedData> }
  | { type: 'RecordFollowUp'; data: Input<FollowUpVisitedData> }
  | { type: 'ReferToCourt'; data: Input<ReferredToCourtData> };

export function decideJudicial(command: JudicialCommand, state: DisputeState, when: When): JudicialEvent[] {
  const occurredAt = when.at;
  switch (command.type) {
    case 'RegisterWalkIn': {
      const data = { ...command.data, occurredAt };
      if (state.status !== 'none') {
        const same = state.sources.find((s) => s.kind === 'walk_in' && s.number === data.registrationNo);
        if (same?.fingerprint === reportFingerprint(data)) return [];
        refuse('WALK_IN_CONFLICT', `walk-in ${data.registrationNo} was already registered with different content`);
      }
      requireOccurredAt(state, when);
      return [{ type: 'hub.judicial.WalkInRegistered.v1', data }];
    }
    case 'TakeInterimMeasure':
      requireOpen(state, when);
      return [{ type: 'hub.judicial.InterimMeasureTaken.v2', data: { ...command.data, occurredAt } }];
    case 'StartMediation': {
      const dispute = requireOpen(state, when);
      if (dispute.status === 'in_mediation') refuse('MEDIATION_IN_PROGRESS', 'a mediation attempt is already running');
      if (dispute.agreement?.state === 'pending') refuse('AGREEMENT_PENDING', 'an agreement awaits fulfilment');
      if (dispute.status === 'fulfilled') refuse('AGREEMENT_ALREADY_FULFILLED', 'the agreement is fulfilled');
      const tier = dispute.tier ?? 1;
      const attempt = dispute.attempts[tier] + 1;
      if (attempt > ATTEMPT_LIMITS[tier]) {
        refuse('ATTEMPTS_EXHAUSTED', `tier ${tier} allows ${ATTEMPT_LIMITS[tier]} attempts: escalate or refer to court`);
      }
      return [{ type: 'hub.judicial.MediationStarted.v1', data: { ...command.data, tier, attempt, occurredAt } }];
    }
    case 'RecordMediationFailure': {
      const dispute = requireOpen(state, when);
      if (dispute.status !== 'in_mediation') refuse('NOT_IN_MEDIATION', 'no mediation attempt is running');
      const tier = dispute.tier ?? 1;
      return [
        { type: 'hub.judicial.MediationFailed.v1', data: { ...command.data, tier, attempt: dispute.attempts[tier], occurredAt } },
      ];
    }
    case 'RecordAgreement': {
      const dispute = requireOpen(state, when);
      if (dispute.status !== 'in_mediation') refuse('NOT_IN_MEDIATION', 'an agreement comes out of a running mediation');
      if (Date.parse(command.data.fulfilBy) < Date.parse(occurredAt)) {
        refuse('INVALID_DEADLINE', 'fulfilBy is before the agreement was signed');
      }
      return [{ type: 'hub.judicial.AgreementRecorded.v1', data: { ...command.data, occurredAt } }];
    }
    case 'UrgeFulfilment': {
      const dispute = requireOpen(state, when);
      if (dispute.agreement?.state !== 'pending' && dispute.agreement?.state !== 'breached') {
        refuse('AGREEMENT_NOT_PENDING', 'there is no agreement awaiting fulfilment');
      }
      return [{ type: 'hub.judicial.FulfilmentUrged.v1', data: { ...command.data, occurredAt } }];
    }
    case 'RecordFulfilment': {
      const dispute = requireOpen(state, when);
      if (!dispute.agreement) refuse('NO_AGREEMENT', 'no agreement was recorded');
      if (dispute.agreement.state === 'fulfilled') refuse('AGREEMENT_ALREADY_FULFILLED', 'the agreement is already fulfilled');
      return [{ type: 'hub.judicial.AgreementFulfilled.v1', data: { ...command.data, occurredAt } }];
    }
    case 'RecordBreach': {
      const dispute = requireOpen(state, when);
      if (dispute.agreement?.state !== 'pending') refuse('AGREEMENT_NOT_PENDING', 'only a pending agreement can be breached');
      return [{ type: 'hub.judicial.AgreementBreached.v1', data: { ...command.data, occurredAt } }];
    }
    case 'RecordFollowUp': {
      // Follow-up visits come after fulfilment, often after closure: that is how rebounds are found.
      const dispute = requireDispute(state);
      if (dispute.status === 'linked') refuse('DISPUTE_LINKED', `this report is linked to dispute ${dispute.linkedTo}: act there`);
      if (dispute.agreement?.state !== 'fulfilled' && dispute.status !== 'closed') {
        refuse('NOT_FULFILLED', 'follow-up visits come after the agreement is fulfilled');
      }
      requireOccurredAt(dispute, when);
      return [{ type: 'hub.judicial.FollowUpVisited.v1', data: { ...command.data, occurredAt } }];
    }
    case 'ReferToCourt': {
      const dispute = requireOpen(state, when);
      if (dispute.status !== 'mediation_failed' && dispute.status !== 'breached') {
        refuse('MEDIATION_NOT_FAILED', 'a dispute goes to court after mediation failed or the agreement was breached');
      }
      return [{ type: 'hub.judicial.ReferredToCourt.v1', data: { ...command.data, occurredAt } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
