// Events the judicial office, its mediation centre and people's mediators (司法所, 人民调解)
// publish: walk-ins, interim measures, mediation attempts, agreements and their fulfilment,
// follow-up visits (回访) and referral to court.
import type { Category, IsoDateTime, Occurred, PartiesPersonal, Place, Satisfaction, Tier } from '../common';

export interface WalkInRegisteredData extends Occurred {
  registrationNo: string;
  category: Category;
  place: Place;
  summary: string;
  personal: PartiesPersonal;
}

/** What kind of interim measure (临时措施): it says how the dispute was kept from growing. */
export const INTERIM_MEASURE_KINDS = ['utility_restored', 'payment_deferred', 'safety', 'access_restored', 'other'] as const;
export type InterimMeasureKind = (typeof INTERIM_MEASURE_KINDS)[number];

/** Version 2: the measure's kind; version 1 events read as kind `other` (see upcast.ts). */
export interface InterimMeasureTakenData extends Occurred {
  kind: InterimMeasureKind;
  measure: string;
}

export interface MediationStartedData extends Occurred {
  mediator: string;
  tier: Tier;
  /** The n-th attempt at this tier ("331": at most 3, 3 and 1). */
  attempt: number;
}

export interface MediationFailedData extends Occurred {
  tier: Tier;
  attempt: number;
  reason: string;
}

export interface AgreementRecordedData extends Occurred {
  agreementNo: string;
  terms: string;
  /** Fulfilment deadline; past it without fulfilment the ledger flags the dispute. */
  fulfilBy: IsoDateTime;
}

export interface FulfilmentUrgedData extends Occurred {
  note: string;
}

export interface AgreementFulfilledData extends Occurred {
  note?: string;
}

export interface AgreementBreachedData extends Occurred {
  note: string;
}

export interface FollowUpVisitedData extends Occurred {
  satisfaction: Satisfaction;
  /** The dispute has flared up again (矛盾反弹). */
  rebound: boolean;
  note?: string;
}

export interface ReferredToCourtData extends Occurred {
  court: string;
  reason: string;
}

export type JudicialEvent =
  | { type: 'hub.judicial.WalkInRegistered.v1'; data: WalkInRegisteredData }
  | { type: 'hub.judicial.InterimMeasureTaken.v2'; data: InterimMeasureTakenData }
  | { type: 'hub.judicial.MediationStarted.v1'; data: MediationStartedData }
  | { type: 'hub.judicial.MediationFailed.v1'; data: MediationFailedData }
  | { type: 'hub.judicial.AgreementRecorded.v1'; data: AgreementRecordedData }
  | { type: 'hub.judicial.FulfilmentUrged.v1'; data: FulfilmentUrgedData }
  | { type: 'hub.judicial.AgreementFulfilled.v1'; data: AgreementFulfilledData }
  | { type: 'hub.judicial.AgreementBreached.v1'; data: AgreementBreachedData }
  | { type: 'hub.judicial.FollowUpVisited.v1'; data: FollowUpVisitedData }
  | { type: 'hub.judicial.ReferredToCourt.v1'; data: ReferredToCourtData };
