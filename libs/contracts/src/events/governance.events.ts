// Events the comprehensive-governance centre (综治中心) and its grid workers publish: early
// finding in checks (排查), triage, the "1+3" team, escalation, joint mediation, linking of
// reports of one dispute, the lead office, closure and reopening on rebound.
import type { Category, JointParticipant, Occurred, Office, PartiesPersonal, Place, RiskLevel, Tier } from '../common';

export interface GridCheckReportedData extends Occurred {
  checkNo: string;
  gridWorker: string;
  category: Category;
  place: Place;
  summary: string;
  riskLevel: RiskLevel;
  personal: PartiesPersonal;
}

export interface DisputeTriagedData extends Occurred {
  riskLevel: RiskLevel;
  category: Category;
  note?: string;
}

export interface LeadOfficeDesignatedData extends Occurred {
  /** 牵头单位: the one office that speaks to the citizen. */
  office: Office;
}

/** The "1+3" team: 网格员 + 法律顾问 + 法治带头人 + 人民调解员 (officials, not citizens). */
export interface Team {
  gridWorker: string;
  legalAdviser: string;
  ruleOfLawLeader: string;
  mediator: string;
}

export interface TeamAssignedData extends Occurred {
  team: Team;
}

export interface DisputeEscalatedData extends Occurred {
  fromTier: Tier;
  toTier: Tier;
  /** The team taking over, e.g. 物业纠纷调解队 or 矛盾调解中心. */
  handledBy: string;
  reason: string;
}

export interface JointMediationConvenedData extends Occurred {
  participants: JointParticipant[];
  venue: string;
}

/** Published on the duplicate report: it is the same dispute as `primaryId` and now points there. */
export interface ReportLinkedData extends Occurred {
  primaryId: string;
  confirmedBy: string;
  reason: string;
}

export const CLOSE_OUTCOMES = ['resolved', 'withdrawn'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface DisputeClosedData extends Occurred {
  outcome: CloseOutcome;
  note?: string;
}

export interface DisputeReopenedData extends Occurred {
  reason: 'rebound';
  note: string;
}

export type GovernanceEvent =
  | { type: 'hub.governance.GridCheckReported.v1'; data: GridCheckReportedData }
  | { type: 'hub.governance.DisputeTriaged.v1'; data: DisputeTriagedData }
  | { type: 'hub.governance.LeadOfficeDesignated.v1'; data: LeadOfficeDesignatedData }
  | { type: 'hub.governance.TeamAssigned.v1'; data: TeamAssignedData }
  | { type: 'hub.governance.DisputeEscalated.v1'; data: DisputeEscalatedData }
  | { type: 'hub.governance.JointMediationConvened.v1'; data: JointMediationConvenedData }
  | { type: 'hub.governance.ReportLinked.v1'; data: ReportLinkedData }
  | { type: 'hub.governance.DisputeClosed.v1'; data: DisputeClosedData }
  | { type: 'hub.governance.DisputeReopened.v1'; data: DisputeReopenedData };
