// Every published event type, with its one-line meaning. A Record over EventType: adding a type
// to a union without describing it here does not compile.
import type { EventType } from './envelope';
import type { LegacyEventType } from './events/legacy.events';

export const EVENT_CATALOG: Record<EventType, string> = {
  'hub.hotline.ComplaintReceived.v1': 'A 12345 work order (工单) was received from a citizen.',
  'hub.hotline.DeadlineExtended.v1': 'An extension of the work order deadline was approved.',
  'hub.hotline.DeadlinePaused.v1': 'The work order deadline clock was paused.',
  'hub.hotline.DeadlineResumed.v1': 'The work order deadline clock runs again.',
  'hub.hotline.ReminderIssued.v1': 'The hotline office reminded a handling office (催办).',
  'hub.hotline.SupervisionOrdered.v1': 'The hotline office put the matter under supervision (督办).',
  'hub.hotline.CitizenReplied.v1': 'The citizen was told the outcome.',
  'hub.hotline.CitizenRated.v1': 'The citizen rated the handling (好差评); dissatisfied reopens a closed dispute.',
  'hub.petition.PetitionRegistered.v1': 'A petition (来信、来访、网上信访) was registered.',
  'hub.petition.PetitionAnswered.v1': 'The petitions office answered a petition.',
  'hub.governance.GridCheckReported.v1': 'A grid worker found a dispute in a check (排查).',
  'hub.governance.DisputeTriaged.v1': 'The governance centre triaged the dispute: risk and category.',
  'hub.governance.LeadOfficeDesignated.v1': 'One office was made the lead office (牵头单位).',
  'hub.governance.TeamAssigned.v1': 'A "1+3" team was assigned; the dispute is at tier 1.',
  'hub.governance.DisputeEscalated.v1': 'The dispute went up one tier.',
  'hub.governance.JointMediationConvened.v1': 'Joint mediation (联动调解) was convened at tier 3.',
  'hub.governance.ReportLinked.v1': 'This report was confirmed to be the same dispute as another and now points to it.',
  'hub.governance.DisputeClosed.v1': 'The dispute was closed.',
  'hub.governance.DisputeReopened.v1': 'A closed dispute flared up again (矛盾反弹) and was reopened.',
  'hub.judicial.WalkInRegistered.v1': 'A citizen brought a dispute to the mediation centre in person.',
  'hub.judicial.InterimMeasureTaken.v2': 'An interim measure of a given kind stopped the dispute from growing.',
  'hub.judicial.MediationStarted.v1': 'A mediation attempt started at the current tier.',
  'hub.judicial.MediationFailed.v1': 'A mediation attempt failed.',
  'hub.judicial.AgreementRecorded.v1': 'The parties signed a mediation agreement (调解协议).',
  'hub.judicial.FulfilmentUrged.v1': 'A party was urged to fulfil the agreement.',
  'hub.judicial.AgreementFulfilled.v1': 'The agreement was fulfilled: the dispute is resolved (化解).',
  'hub.judicial.AgreementBreached.v1': 'A party breached the agreement.',
  'hub.judicial.FollowUpVisited.v1': 'A follow-up visit (回访) recorded satisfaction; rebound or dissatisfaction reopens.',
  'hub.judicial.ReferredToCourt.v1': 'Mediation could not resolve it: referred to court, the dispute leaves mediation.',
};

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

/** Earlier versions the hub still reads (and upcasts), never writes. */
export const LEGACY_CATALOG: Record<LegacyEventType, string> = {
  'hub.judicial.InterimMeasureTaken.v1': 'An interim measure stopped the dispute from growing (read as v2 with kind "other").',
};

export type KnownEventType = EventType | LegacyEventType;

export const KNOWN_EVENT_TYPES = [...EVENT_TYPES, ...(Object.keys(LEGACY_CATALOG) as LegacyEventType[])] as KnownEventType[];

/** A type the hub can read: a current one or an earlier version it upcasts. */
export function isKnownEventType(type: string): type is KnownEventType {
  return isEventType(type) || Object.prototype.hasOwnProperty.call(LEGACY_CATALOG, type);
}
