// The comprehensive-governance centre's rules (综治中心): grid checks, triage, the lead office,
// the "1+3" team, escalation through three tiers, joint mediation, linking reports of one
// dispute, closure and reopening on rebound.
import type {
  DisputeClosedData,
  DisputeEscalatedData,
  DisputeReopenedData,
  DisputeTriagedData,
  GovernanceEvent,
  GridCheckReportedData,
  JointMediationConvenedData,
  LeadOfficeDesignatedData,
  ReportLinkedData,
  TeamAssignedData,
  Tier,
} from '@hub/contracts';
import {
  reportFingerprint,
  refuse,
  requireDispute,
  requireOccurredAt,
  requireOpen,
  type DisputeState,
  type When,
} from '@hub/dispute';

type Input<T> = Omit<T, 'occurredAt'>;

export type GovernanceCommand =
  | { type: 'ReportGridCheck'; data: Input<GridCheckReportedData> }
  | { type: 'TriageDispute'; data: Input<DisputeTriagedData> }
  | { type: 'DesignateLeadOffice'; data: Input<LeadOfficeDesignatedData> }
  | { type: 'AssignTeam'; data: Input<TeamAssignedData> }
  | { type: 'EscalateDispute'; data: Omit<DisputeEscalatedData, 'occurredAt' | 'fromTier' | 'toTier'> }
  | { type: 'ConveneJointMediation'; data: Input<JointMediationConvenedData> }
  /** Carries the state of the dispute the report is linked to. */
  | { type: 'LinkReport'; data: Input<ReportLinkedData>; self: string; primary: DisputeState }
  | { type: 'CloseDispute'; data: Input<DisputeClosedData> }
  | { type: 'ReopenDispute'; data: Omit<DisputeReopenedData, 'occurredAt' | 'reason'> };

export function decideGovernance(command: GovernanceCommand, state: DisputeState, when: When): GovernanceEvent[] {
  const occurredAt = when.at;
  switch (command.type) {
    case 'ReportGridCheck': {
      const data = { ...command.data, occurredAt };
      if (state.status !== 'none') {
        const same = state.sources.find((s) => s.kind === 'grid_check' && s.number === data.checkNo);
        if (same?.fingerprint === reportFingerprint(data)) return [];
        refuse('CHECK_CONFLICT', `grid check ${data.checkNo} was already reported with different content`);
      }
      requireOccurredAt(state, when);
      return [{ type: 'hub.governance.GridCheckReported.v1', data }];
    }
    case 'TriageDispute': {
      const dispute = requireOpen(state, when);
      if (dispute.triaged && dispute.status !== 'reopened') refuse('ALREADY_TRIAGED', 'the dispute is already triaged');
      return [{ type: 'hub.governance.DisputeTriaged.v1', data: { ...command.data, occurredAt } }];
    }
    case 'DesignateLeadOffice':
      requireOpen(state, when);
      return [{ type: 'hub.governance.LeadOfficeDesignated.v1', data: { ...command.data, occurredAt } }];
    case 'AssignTeam': {
      const dispute = requireOpen(state, when);
      if (!dispute.triaged) refuse('NOT_TRIAGED', 'a dispute is triaged before a team is assigned');
      if (dispute.status === 'in_mediation') refuse('MEDIATION_IN_PROGRESS', 'a mediation is in progress');
      return [{ type: 'hub.governance.TeamAssigned.v1', data: { ...command.data, occurredAt } }];
    }
    case 'EscalateDispute': {
      const dispute = requireOpen(state, when);
      if (dispute.tier === null) refuse('TEAM_NOT_ASSIGNED', 'a "1+3" team takes the dispute on before it can go up');
      if (dispute.tier === 3) refuse('ALREADY_AT_TOP_TIER', 'joint mediation is the last tier: refer to court instead');
      if (dispute.status === 'in_mediation') refuse('MEDIATION_IN_PROGRESS', 'close the running mediation attempt first');
      const toTier = (dispute.tier + 1) as Tier;
      return [{ type: 'hub.governance.DisputeEscalated.v1', data: { ...command.data, fromTier: dispute.tier, toTier, occurredAt } }];
    }
    case 'ConveneJointMediation': {
      const dispute = requireOpen(state, when);
      if (dispute.tier !== 3) refuse('NOT_AT_TIER_3', 'joint mediation is convened at tier 3');
      return [{ type: 'hub.governance.JointMediationConvened.v1', data: { ...command.data, occurredAt } }];
    }
    case 'LinkReport': {
      requireOpen(state, when);
      if (command.data.primaryId === command.self) refuse('CANNOT_LINK_TO_ITSELF', 'a report cannot be linked to itself');
      const primary = requireDispute(command.primary);
      if (primary.status === 'linked') refuse('PRIMARY_IS_LINKED', `link to dispute ${primary.linkedTo} instead`);
      return [{ type: 'hub.governance.ReportLinked.v1', data: { ...command.data, occurredAt } }];
    }
    case 'CloseDispute': {
      const dispute = requireOpen(state, when);
      if (dispute.status === 'in_mediation') refuse('MEDIATION_IN_PROGRESS', 'a mediation is in progress');
      const resolved = dispute.agreement?.state === 'fulfilled' || dispute.workOrder?.reply === 'resolved';
      if (command.data.outcome === 'resolved' && !resolved) {
        refuse('NOT_RESOLVED', 'closed as resolved once its agreement is fulfilled or the citizen was told it is resolved');
      }
      return [{ type: 'hub.governance.DisputeClosed.v1', data: { ...command.data, occurredAt } }];
    }
    case 'ReopenDispute': {
      const dispute = requireDispute(state);
      if (dispute.status !== 'closed') refuse('DISPUTE_NOT_CLOSED', `the dispute is ${dispute.status}, not closed`);
      requireOccurredAt(dispute, when);
      return [{ type: 'hub.governance.DisputeReopened.v1', data: { ...command.data, reason: 'rebound', occurredAt } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
