import type { CloseOutcome, EventOf } from '@hub/contracts';
import { foldDispute, NO_DISPUTE, type DisputeState } from '@hub/dispute';
import {
  citizenRated,
  citizenReplied,
  complaintReceived,
  disputeClosed,
  disputeReopened,
  escalated,
  failedAttempts,
  followUpVisited,
  given,
  gridCheckReported,
  jointMediationConvened,
  leadOfficeDesignated,
  moment,
  petitionRegistered,
  reportLinked,
  teamAssigned,
  triaged,
  waterCardAgreed,
  waterCardAssigned,
  waterCardClosed,
  waterCardFulfilled,
  waterCardHistory,
  waterCardInMediation,
  waterCardReported,
  waterCardTriaged,
  WATER_CARD_AT,
  WENYUAN_TEAM,
} from '@hub/testing';
import { decideGovernance, type GovernanceCommand } from './governance.decider';

const WATER_CARD_ID = 'd-water-card';
const PETITION_REPORT_ID = 'd-petition-0103';

function checkOf(reported: EventOf<'hub.governance.GridCheckReported.v1'>): GovernanceCommand {
  const { checkNo, gridWorker, category, place, summary, riskLevel, personal } = reported.data;
  return { type: 'ReportGridCheck', data: { checkNo, gridWorker, category, place, summary, riskLevel, personal } };
}
const triage = (): GovernanceCommand => ({ type: 'TriageDispute', data: { riskLevel: 'medium', category: 'property', note: '涉及生活用水，需先行处置' } });
const designateJudicial = (): GovernanceCommand => ({ type: 'DesignateLeadOffice', data: { office: 'judicial' } });
const assignTeam = (): GovernanceCommand => ({ type: 'AssignTeam', data: { team: WENYUAN_TEAM } });
const escalate = (handledBy: string): GovernanceCommand => ({ type: 'EscalateDispute', data: { handledBy, reason: '本级调解未果' } });
const convene = (): GovernanceCommand => ({
  type: 'ConveneJointMediation',
  data: { participants: ['police', 'judicial', 'governance', 'court'], venue: '冠县矛盾调解中心' },
});
const link = (self: string, primaryId: string, primary: DisputeState): GovernanceCommand => ({
  type: 'LinkReport',
  data: { primaryId, confirmedBy: '综治中心 孙伟', reason: '同一业主、同一小区、同一物业费纠纷' },
  self,
  primary,
});
const close = (outcome: CloseOutcome = 'resolved', note = '调解协议已履行'): GovernanceCommand => ({ type: 'CloseDispute', data: { outcome, note } });
const reopen = (): GovernanceCommand => ({ type: 'ReopenDispute', data: { note: '物业公司再次停止水卡充值' } });

/** The petition 李龙 filed on his own, before anyone tied it to his work order. */
const petitionReport = () => petitionRegistered({ relatedTicketNo: undefined });

describe('comprehensive-governance centre (综治中心)', () => {
  describe('a grid check (排查) finds a dispute', () => {
    it('starts a dispute', () => {
      given().when(decideGovernance, checkOf(gridCheckReported()), moment('2023-12-26T15:00:00+08:00')).then([gridCheckReported()]);
    });

    it('changes nothing when the same check is reported again', () => {
      given(gridCheckReported()).when(decideGovernance, checkOf(gridCheckReported()), moment('2023-12-26T15:00:00+08:00')).then([]);
    });

    it('refuses the same check number with other content', () => {
      given(gridCheckReported())
        .when(decideGovernance, checkOf(gridCheckReported({ riskLevel: 'high' })), moment('2023-12-26T15:00:00+08:00'))
        .thenRefuses('CHECK_CONFLICT');
    });

    it('refuses a check dated in the future', () => {
      given()
        .when(decideGovernance, checkOf(gridCheckReported()), moment('2023-12-26T15:00:00+08:00', '2023-12-26T14:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('triage', () => {
    it('records risk and category of a reported dispute', () => {
      given(...waterCardReported()).when(decideGovernance, triage(), moment(WATER_CARD_AT.triaged)).then([triaged()]);
    });

    it('is refused for a dispute already triaged', () => {
      given(...waterCardAssigned()).when(decideGovernance, triage(), moment('2023-12-28T10:00:00+08:00')).thenRefuses('ALREADY_TRIAGED');
    });

    it('is done again when the dispute comes back after a rebound', () => {
      given(...waterCardHistory(), disputeReopened())
        .when(decideGovernance, triage(), moment('2024-04-02T10:00:00+08:00'))
        .then([triaged({ occurredAt: '2024-04-02T10:00:00+08:00' })]);
    });

    it('is refused for an unknown dispute', () => {
      given().when(decideGovernance, triage(), moment(WATER_CARD_AT.triaged)).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('is refused when dated before the report', () => {
      given(...waterCardReported()).when(decideGovernance, triage(), moment('2023-12-27T09:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });

    it('is refused when dated in the future', () => {
      given(...waterCardReported())
        .when(decideGovernance, triage(), moment(WATER_CARD_AT.triaged, '2023-12-27T09:50:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('the lead office (牵头单位)', () => {
    it('is designated', () => {
      given(...waterCardTriaged()).when(decideGovernance, designateJudicial(), moment(WATER_CARD_AT.leadDesignated)).then([leadOfficeDesignated()]);
    });

    it('is not designated for a closed dispute', () => {
      given(...waterCardClosed()).when(decideGovernance, designateJudicial(), moment('2024-02-22T10:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });
  });

  describe('the "1+3" team', () => {
    it('is assigned to a triaged dispute', () => {
      given(...waterCardTriaged(), leadOfficeDesignated()).when(decideGovernance, assignTeam(), moment(WATER_CARD_AT.teamAssigned)).then([teamAssigned()]);
    });

    it('is not assigned before triage', () => {
      given(...waterCardReported()).when(decideGovernance, assignTeam(), moment(WATER_CARD_AT.teamAssigned)).thenRefuses('NOT_TRIAGED');
    });

    it('is not changed while a mediation attempt runs', () => {
      given(...waterCardInMediation()).when(decideGovernance, assignTeam(), moment('2023-12-29T10:00:00+08:00')).thenRefuses('MEDIATION_IN_PROGRESS');
    });
  });

  describe('escalation through the three tiers', () => {
    it('takes a dispute from the grid team to the specialist team', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 3))
        .when(decideGovernance, escalate('崇文街道物业纠纷调解队'), moment('2024-01-10T09:00:00+08:00'))
        .then([escalated(1, 2)]);
    });

    it('takes it from the specialist team to joint mediation at the centre', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 3), escalated(1, 2), ...failedAttempts(2, 3))
        .when(decideGovernance, escalate('冠县矛盾调解中心'), moment('2024-01-20T09:00:00+08:00'))
        .then([escalated(2, 3)]);
    });

    it('needs a team to have taken the dispute on', () => {
      given(...waterCardTriaged()).when(decideGovernance, escalate('崇文街道物业纠纷调解队'), moment('2024-01-10T09:00:00+08:00')).thenRefuses('TEAM_NOT_ASSIGNED');
    });

    it('stops at tier 3: after joint mediation comes the court', () => {
      given(...waterCardAssigned(), escalated(1, 2), escalated(2, 3), ...failedAttempts(3, 1))
        .when(decideGovernance, escalate('冠县人民法院'), moment('2024-01-24T09:00:00+08:00'))
        .thenRefuses('ALREADY_AT_TOP_TIER');
    });

    it('waits for the running attempt to end', () => {
      given(...waterCardInMediation()).when(decideGovernance, escalate('崇文街道物业纠纷调解队'), moment('2024-01-10T09:00:00+08:00')).thenRefuses('MEDIATION_IN_PROGRESS');
    });
  });

  describe('joint mediation (联动调解)', () => {
    it('is convened at tier 3 with the police station, the judicial office, the centre and the court', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 3), escalated(1, 2), ...failedAttempts(2, 3), escalated(2, 3))
        .when(decideGovernance, convene(), moment('2024-01-22T09:00:00+08:00'))
        .then([jointMediationConvened()]);
    });

    it('is not convened at tier 1', () => {
      given(...waterCardAssigned()).when(decideGovernance, convene(), moment('2024-01-22T09:00:00+08:00')).thenRefuses('NOT_AT_TIER_3');
    });

    it('is not convened at tier 2', () => {
      given(...waterCardAssigned(), escalated(1, 2)).when(decideGovernance, convene(), moment('2024-01-22T09:00:00+08:00')).thenRefuses('NOT_AT_TIER_3');
    });
  });

  describe('linking two reports of one dispute', () => {
    const primary = foldDispute(waterCardAssigned());

    it('points the petition report to the work order’s dispute', () => {
      given(petitionReport())
        .when(decideGovernance, link(PETITION_REPORT_ID, WATER_CARD_ID, primary), moment('2024-01-03T11:00:00+08:00'))
        .then([reportLinked(WATER_CARD_ID)]);
    });

    it('refuses to link a report to itself', () => {
      given(petitionReport())
        .when(decideGovernance, link(PETITION_REPORT_ID, PETITION_REPORT_ID, foldDispute([petitionReport()])), moment('2024-01-03T11:00:00+08:00'))
        .thenRefuses('CANNOT_LINK_TO_ITSELF');
    });

    it('refuses to link to a report that is itself linked elsewhere', () => {
      const linkedElsewhere = foldDispute([complaintReceived(), reportLinked('d-grid-check-1226')]);
      given(petitionReport())
        .when(decideGovernance, link(PETITION_REPORT_ID, WATER_CARD_ID, linkedElsewhere), moment('2024-01-03T11:00:00+08:00'))
        .thenRefuses('PRIMARY_IS_LINKED');
    });

    it('refuses to link to a dispute that does not exist', () => {
      given(petitionReport())
        .when(decideGovernance, link(PETITION_REPORT_ID, 'd-unknown', NO_DISPUTE), moment('2024-01-03T11:00:00+08:00'))
        .thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('refuses to link a report twice', () => {
      given(petitionReport(), reportLinked(WATER_CARD_ID))
        .when(decideGovernance, link(PETITION_REPORT_ID, WATER_CARD_ID, primary), moment('2024-01-03T12:00:00+08:00'))
        .thenRefuses('DISPUTE_LINKED');
    });

    it('leaves the linked report refusing further work: it is done on the dispute it points to', () => {
      given(petitionReport(), reportLinked(WATER_CARD_ID)).when(decideGovernance, triage(), moment('2024-01-03T12:00:00+08:00')).thenRefuses('DISPUTE_LINKED');
      given(petitionReport(), reportLinked(WATER_CARD_ID)).when(decideGovernance, close('withdrawn'), moment('2024-01-03T12:00:00+08:00')).thenRefuses('DISPUTE_LINKED');
    });
  });

  describe('closing a dispute', () => {
    it('as resolved once its agreement is fulfilled', () => {
      given(...waterCardFulfilled()).when(decideGovernance, close(), moment(WATER_CARD_AT.closed)).then([disputeClosed()]);
    });

    it('as resolved once the citizen was told it is resolved', () => {
      given(...waterCardAssigned(), citizenReplied({ outcome: 'resolved', content: '物业公司已为您的水卡充值，物业费已协商分期缴纳。' }))
        .when(decideGovernance, close('resolved', '热线答复已解决'), moment('2023-12-28T10:00:00+08:00'))
        .then([disputeClosed({ occurredAt: '2023-12-28T10:00:00+08:00', note: '热线答复已解决' })]);
    });

    it('not as resolved while the agreement is still to be fulfilled', () => {
      given(...waterCardAgreed()).when(decideGovernance, close(), moment(WATER_CARD_AT.closed)).thenRefuses('NOT_RESOLVED');
    });

    it('not as resolved when the citizen was only given an explanation', () => {
      given(...waterCardAssigned(), citizenReplied({ outcome: 'explained' }))
        .when(decideGovernance, close(), moment('2023-12-28T10:00:00+08:00'))
        .thenRefuses('NOT_RESOLVED');
    });

    it('not as resolved again right after a rebound reopened it: the old agreement settled nothing', () => {
      given(...waterCardHistory(), disputeReopened()).when(decideGovernance, close(), moment('2024-04-03T10:00:00+08:00')).thenRefuses('NOT_RESOLVED');
      given(...waterCardClosed(), followUpVisited('dissatisfied', true))
        .when(decideGovernance, close(), moment('2024-03-21T10:00:00+08:00'))
        .thenRefuses('NOT_RESOLVED');
    });

    it('not as resolved on a reply that a dissatisfied rating reopened', () => {
      const history = [...waterCardAssigned(), citizenReplied({ outcome: 'resolved' }), disputeClosed({ occurredAt: '2023-12-28T08:00:00+08:00' })];
      given(...history, citizenRated('dissatisfied'))
        .when(decideGovernance, close(), moment('2023-12-28T10:00:00+08:00'))
        .thenRefuses('NOT_RESOLVED');
    });

    it('as withdrawn at any point outside a mediation attempt', () => {
      given(...waterCardTriaged())
        .when(decideGovernance, close('withdrawn', '业主撤回投诉'), moment('2023-12-27T11:00:00+08:00'))
        .then([disputeClosed({ occurredAt: '2023-12-27T11:00:00+08:00', outcome: 'withdrawn', note: '业主撤回投诉' })]);
    });

    it('not while a mediation attempt runs', () => {
      given(...waterCardInMediation()).when(decideGovernance, close('withdrawn'), moment('2023-12-29T10:00:00+08:00')).thenRefuses('MEDIATION_IN_PROGRESS');
    });

    it('not twice', () => {
      given(...waterCardClosed()).when(decideGovernance, close(), moment('2024-02-22T10:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });
  });

  describe('reopening on rebound (矛盾反弹)', () => {
    it('reopens a closed dispute', () => {
      given(...waterCardHistory()).when(decideGovernance, reopen(), moment('2024-04-02T09:00:00+08:00')).then([disputeReopened()]);
    });

    it('is refused for an open dispute', () => {
      given(...waterCardAgreed())
        .when(decideGovernance, reopen(), moment('2024-04-02T09:00:00+08:00'))
        .thenRefuses('DISPUTE_NOT_CLOSED');
    });

    it('is refused for an unknown dispute', () => {
      given().when(decideGovernance, reopen(), moment('2024-04-02T09:00:00+08:00')).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('is refused when dated before the closure', () => {
      given(...waterCardClosed()).when(decideGovernance, reopen(), moment('2024-02-20T09:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });
  });
});
