import type { EventOf, Satisfaction } from '@hub/contracts';
import {
  agreementBreached,
  agreementFulfilled,
  agreementRecorded,
  complaintReceived,
  disputeClosed,
  escalated,
  failedAttempts,
  followUpVisited,
  fulfilmentUrged,
  given,
  interimMeasureTaken,
  mediationFailed,
  mediationStarted,
  moment,
  referredToCourt,
  reportLinked,
  walkInRegistered,
  waterCardAgreed,
  waterCardAssigned,
  waterCardClosed,
  waterCardFulfilled,
  waterCardHistory,
  waterCardInMediation,
  waterCardReported,
  WATER_CARD_AT,
  WENYUAN_TEAM,
} from '@hub/testing';
import { decideJudicial, type JudicialCommand } from './judicial.decider';

function walkInOf(registered: EventOf<'hub.judicial.WalkInRegistered.v1'>): JudicialCommand {
  const { registrationNo, category, place, summary, personal } = registered.data;
  return { type: 'RegisterWalkIn', data: { registrationNo, category, place, summary, personal } };
}
const topUpFirst = (): JudicialCommand => ({ type: 'TakeInterimMeasure', data: { kind: 'utility_restored', measure: interimMeasureTaken().data.measure } });
const startMediation = (mediator = WENYUAN_TEAM.mediator): JudicialCommand => ({ type: 'StartMediation', data: { mediator } });
const recordFailure = (): JudicialCommand => ({ type: 'RecordMediationFailure', data: { reason: mediationFailed().data.reason } });
const recordAgreement = (fulfilBy = agreementRecorded().data.fulfilBy): JudicialCommand => {
  const { agreementNo, terms } = agreementRecorded().data;
  return { type: 'RecordAgreement', data: { agreementNo, terms, fulfilBy } };
};
const urge = (): JudicialCommand => ({ type: 'UrgeFulfilment', data: { note: fulfilmentUrged().data.note } });
const recordFulfilment = (): JudicialCommand => ({ type: 'RecordFulfilment', data: { note: agreementFulfilled().data.note } });
const recordBreach = (): JudicialCommand => ({ type: 'RecordBreach', data: { note: agreementBreached().data.note } });
const followUp = (satisfaction: Satisfaction = 'satisfied', rebound = false): JudicialCommand => ({
  type: 'RecordFollowUp',
  data: { satisfaction, rebound, note: followUpVisited(satisfaction, rebound).data.note },
});
const referToCourt = (): JudicialCommand => {
  const { court, reason } = referredToCourt().data;
  return { type: 'ReferToCourt', data: { court, reason } };
};

/** 2024-01-DD at 09:00 China time. */
const jan = (day: number) => `2024-01-${String(day).padStart(2, '0')}T09:00:00+08:00`;

/** The "331" walk up to the start of the given tier, every earlier attempt failed. */
const atTier2 = () => [...waterCardAssigned(), ...failedAttempts(1, 3), escalated(1, 2)];
const atTier3 = () => [...atTier2(), ...failedAttempts(2, 3), escalated(2, 3)];

describe('judicial office and people’s mediators (司法所, 人民调解)', () => {
  describe('a walk-in at the mediation centre', () => {
    it('starts a dispute', () => {
      given().when(decideJudicial, walkInOf(walkInRegistered()), moment('2023-12-27T09:00:00+08:00')).then([walkInRegistered()]);
    });

    it('changes nothing when registered again with the same content', () => {
      given(walkInRegistered()).when(decideJudicial, walkInOf(walkInRegistered()), moment('2023-12-27T09:00:00+08:00')).then([]);
    });

    it('refuses the same registration number with other content', () => {
      given(walkInRegistered())
        .when(decideJudicial, walkInOf(walkInRegistered({ category: 'neighbour' })), moment('2023-12-27T09:00:00+08:00'))
        .thenRefuses('WALK_IN_CONFLICT');
    });

    it('refuses a walk-in dated in the future', () => {
      given()
        .when(decideJudicial, walkInOf(walkInRegistered()), moment('2023-12-27T09:00:00+08:00', '2023-12-27T08:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('interim measures', () => {
    it('stop the dispute from growing: the water card is topped up first', () => {
      given(...waterCardAssigned()).when(decideJudicial, topUpFirst(), moment(WATER_CARD_AT.interimMeasure)).then([interimMeasureTaken()]);
    });

    it('are taken at any point while the dispute is open, even before triage', () => {
      given(...waterCardReported())
        .when(decideJudicial, topUpFirst(), moment('2023-12-27T09:40:00+08:00'))
        .then([interimMeasureTaken({ occurredAt: '2023-12-27T09:40:00+08:00' })]);
    });

    it('are not taken for a closed dispute', () => {
      given(...waterCardClosed()).when(decideJudicial, topUpFirst(), moment('2024-02-22T10:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });

    it('are not taken for a dispute referred to court', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 1), referredToCourt())
        .when(decideJudicial, topUpFirst(), moment('2024-03-06T10:00:00+08:00'))
        .thenRefuses('DISPUTE_NOT_OPEN');
    });

    it('are not taken on a report linked to another dispute', () => {
      given(complaintReceived(), reportLinked('d-walk-in-1227'))
        .when(decideJudicial, topUpFirst(), moment('2024-01-04T10:00:00+08:00'))
        .thenRefuses('DISPUTE_LINKED');
    });

    it('are not dated before the last thing known of the dispute', () => {
      given(...waterCardAssigned()).when(decideJudicial, topUpFirst(), moment('2023-12-27T10:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });

    it('are not dated in the future', () => {
      given(...waterCardAssigned())
        .when(decideJudicial, topUpFirst(), moment(WATER_CARD_AT.interimMeasure, '2023-12-27T14:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('mediation attempts and the "331" rule', () => {
    it('the first attempt is at tier 1', () => {
      given(...waterCardAssigned(), interimMeasureTaken())
        .when(decideJudicial, startMediation(), moment(WATER_CARD_AT.mediationStarted))
        .then([mediationStarted(1, 1)]);
    });

    it('a walk-in is mediated at tier 1 without a "1+3" team', () => {
      given(walkInRegistered())
        .when(decideJudicial, startMediation(), moment('2023-12-27T10:00:00+08:00'))
        .then([mediationStarted(1, 1, { occurredAt: '2023-12-27T10:00:00+08:00' })]);
    });

    it('allows a second and a third attempt at tier 1', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 1))
        .when(decideJudicial, startMediation(), moment(jan(5)))
        .then([mediationStarted(1, 2, { occurredAt: jan(5) })]);
      given(...waterCardAssigned(), ...failedAttempts(1, 2))
        .when(decideJudicial, startMediation(), moment(jan(7)))
        .then([mediationStarted(1, 3, { occurredAt: jan(7) })]);
    });

    it('refuses a fourth attempt at tier 1: escalate or refer to court', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 3)).when(decideJudicial, startMediation(), moment(jan(9))).thenRefuses('ATTEMPTS_EXHAUSTED');
    });

    it('after escalation allows three attempts at tier 2, counted afresh', () => {
      given(...atTier2())
        .when(decideJudicial, startMediation('物业纠纷调解队 周敏'), moment(jan(13)))
        .then([mediationStarted(2, 1, { occurredAt: jan(13), mediator: '物业纠纷调解队 周敏' })]);
      given(...atTier2(), ...failedAttempts(2, 2))
        .when(decideJudicial, startMediation(), moment(jan(17)))
        .then([mediationStarted(2, 3, { occurredAt: jan(17) })]);
    });

    it('refuses a fourth attempt at tier 2', () => {
      given(...atTier2(), ...failedAttempts(2, 3)).when(decideJudicial, startMediation(), moment(jan(19))).thenRefuses('ATTEMPTS_EXHAUSTED');
    });

    it('allows one attempt at tier 3', () => {
      given(...atTier3()).when(decideJudicial, startMediation(), moment(jan(23))).then([mediationStarted(3, 1, { occurredAt: jan(23) })]);
    });

    it('refuses a second attempt at tier 3', () => {
      given(...atTier3(), ...failedAttempts(3, 1)).when(decideJudicial, startMediation(), moment(jan(25))).thenRefuses('ATTEMPTS_EXHAUSTED');
    });

    it('runs one attempt at a time', () => {
      given(...waterCardInMediation()).when(decideJudicial, startMediation(), moment('2023-12-29T09:00:00+08:00')).thenRefuses('MEDIATION_IN_PROGRESS');
    });

    it('does not start while an agreement awaits fulfilment', () => {
      given(...waterCardAgreed()).when(decideJudicial, startMediation(), moment('2024-02-21T09:00:00+08:00')).thenRefuses('AGREEMENT_PENDING');
    });

    it('does not start once the agreement is fulfilled', () => {
      given(...waterCardFulfilled()).when(decideJudicial, startMediation(), moment('2024-02-21T09:00:00+08:00')).thenRefuses('AGREEMENT_ALREADY_FULFILLED');
    });

    it('starts again after the agreement was breached', () => {
      given(...waterCardAgreed(), agreementBreached())
        .when(decideJudicial, startMediation(), moment('2024-03-02T09:00:00+08:00'))
        .then([mediationStarted(1, 2, { occurredAt: '2024-03-02T09:00:00+08:00' })]);
    });

    it('does not start for a closed dispute', () => {
      given(...waterCardClosed()).when(decideJudicial, startMediation(), moment('2024-02-22T09:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });
  });

  describe('a failed attempt', () => {
    it('is recorded against the running attempt', () => {
      given(...waterCardInMediation()).when(decideJudicial, recordFailure(), moment(WATER_CARD_AT.mediationFailed)).then([mediationFailed(1, 1)]);
    });

    it('carries the tier and number of the running attempt', () => {
      given(...atTier2(), ...failedAttempts(2, 1), mediationStarted(2, 2, { occurredAt: jan(15) }))
        .when(decideJudicial, recordFailure(), moment(jan(16)))
        .then([mediationFailed(2, 2, { occurredAt: jan(16) })]);
    });

    it('is not dated before the attempt started', () => {
      given(...atTier2(), mediationStarted(2, 1, { occurredAt: jan(13) }))
        .when(decideJudicial, recordFailure(), moment(jan(12)))
        .thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });

    it('needs a running attempt', () => {
      given(...waterCardAssigned()).when(decideJudicial, recordFailure(), moment(jan(5))).thenRefuses('NOT_IN_MEDIATION');
    });
  });

  describe('a mediation agreement (调解协议)', () => {
    it('is signed at the end of a running attempt, with a deadline for fulfilment', () => {
      given(...waterCardInMediation()).when(decideJudicial, recordAgreement(), moment(WATER_CARD_AT.agreementRecorded)).then([agreementRecorded()]);
    });

    it('comes out of a running attempt only', () => {
      given(...waterCardAssigned()).when(decideJudicial, recordAgreement(), moment(WATER_CARD_AT.agreementRecorded)).thenRefuses('NOT_IN_MEDIATION');
    });

    it('cannot be due before it is signed', () => {
      given(...waterCardInMediation())
        .when(decideJudicial, recordAgreement('2024-02-19T23:59:59+08:00'), moment(WATER_CARD_AT.agreementRecorded))
        .thenRefuses('INVALID_DEADLINE');
    });

    it('may be due the moment it is signed', () => {
      given(...waterCardInMediation())
        .when(decideJudicial, recordAgreement(WATER_CARD_AT.agreementRecorded), moment(WATER_CARD_AT.agreementRecorded))
        .then([agreementRecorded({ fulfilBy: WATER_CARD_AT.agreementRecorded })]);
    });
  });

  describe('fulfilment', () => {
    it('a party is urged to fulfil a pending agreement', () => {
      given(...waterCardAgreed()).when(decideJudicial, urge(), moment('2024-02-26T10:00:00+08:00')).then([fulfilmentUrged()]);
    });

    it('a party is urged to fulfil a breached agreement', () => {
      given(...waterCardAgreed(), agreementBreached())
        .when(decideJudicial, urge(), moment('2024-03-02T10:00:00+08:00'))
        .then([fulfilmentUrged({ occurredAt: '2024-03-02T10:00:00+08:00' })]);
    });

    it('nobody is urged without an agreement', () => {
      given(...waterCardInMediation()).when(decideJudicial, urge(), moment('2024-02-26T10:00:00+08:00')).thenRefuses('AGREEMENT_NOT_PENDING');
    });

    it('nobody is urged once the agreement is fulfilled', () => {
      given(...waterCardFulfilled()).when(decideJudicial, urge(), moment('2024-02-26T10:00:00+08:00')).thenRefuses('AGREEMENT_NOT_PENDING');
    });

    it('is recorded: 李龙 pays the fee the day the agreement is signed', () => {
      given(...waterCardAgreed()).when(decideJudicial, recordFulfilment(), moment(WATER_CARD_AT.agreementFulfilled)).then([agreementFulfilled()]);
    });

    it('is recorded late, after a breach', () => {
      given(...waterCardAgreed(), agreementBreached())
        .when(decideJudicial, recordFulfilment(), moment('2024-03-04T10:00:00+08:00'))
        .then([agreementFulfilled({ occurredAt: '2024-03-04T10:00:00+08:00' })]);
    });

    it('needs an agreement', () => {
      given(...waterCardInMediation()).when(decideJudicial, recordFulfilment(), moment(WATER_CARD_AT.agreementFulfilled)).thenRefuses('NO_AGREEMENT');
    });

    it('is recorded once', () => {
      given(...waterCardFulfilled()).when(decideJudicial, recordFulfilment(), moment('2024-02-21T10:00:00+08:00')).thenRefuses('AGREEMENT_ALREADY_FULFILLED');
    });

    it('a breach is recorded against a pending agreement', () => {
      given(...waterCardAgreed()).when(decideJudicial, recordBreach(), moment('2024-03-01T10:00:00+08:00')).then([agreementBreached()]);
    });

    it('a fulfilled agreement cannot be breached', () => {
      given(...waterCardFulfilled()).when(decideJudicial, recordBreach(), moment('2024-03-01T10:00:00+08:00')).thenRefuses('AGREEMENT_NOT_PENDING');
    });

    it('a breach needs an agreement', () => {
      given(...waterCardInMediation()).when(decideJudicial, recordBreach(), moment('2024-03-01T10:00:00+08:00')).thenRefuses('AGREEMENT_NOT_PENDING');
    });
  });

  describe('follow-up visits (回访)', () => {
    it('are made once the agreement is fulfilled', () => {
      given(...waterCardFulfilled())
        .when(decideJudicial, followUp(), moment('2024-02-20T18:00:00+08:00'))
        .then([followUpVisited('satisfied', false, { occurredAt: '2024-02-20T18:00:00+08:00' })]);
    });

    it('are made after closure, where a rebound is found', () => {
      given(...waterCardClosed()).when(decideJudicial, followUp('dissatisfied', true), moment(WATER_CARD_AT.followUp)).then([followUpVisited('dissatisfied', true)]);
    });

    it('are made after a closure without agreement', () => {
      const withdrawn = [...waterCardAssigned(), disputeClosed({ occurredAt: '2023-12-28T10:00:00+08:00', outcome: 'withdrawn' })];
      given(...withdrawn).when(decideJudicial, followUp(), moment(WATER_CARD_AT.followUp)).then([followUpVisited()]);
    });

    it('are not made before the agreement is fulfilled', () => {
      given(...waterCardAgreed()).when(decideJudicial, followUp(), moment('2024-02-21T10:00:00+08:00')).thenRefuses('NOT_FULFILLED');
    });

    it('are not made on a report linked to another dispute', () => {
      given(complaintReceived(), reportLinked('d-walk-in-1227')).when(decideJudicial, followUp(), moment(WATER_CARD_AT.followUp)).thenRefuses('DISPUTE_LINKED');
    });

    it('are not made for an unknown dispute', () => {
      given().when(decideJudicial, followUp(), moment(WATER_CARD_AT.followUp)).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('are not dated before the last thing known of the dispute', () => {
      given(...waterCardHistory()).when(decideJudicial, followUp(), moment('2024-03-01T10:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });

    it('are not dated in the future', () => {
      given(...waterCardHistory())
        .when(decideJudicial, followUp(), moment('2024-04-20T10:00:00+08:00', '2024-04-20T09:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('referral to court', () => {
    it('follows a failed attempt', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 1)).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).then([referredToCourt()]);
    });

    it('follows the last failed attempt of joint mediation', () => {
      given(...atTier3(), ...failedAttempts(3, 1)).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).then([referredToCourt()]);
    });

    it('follows a breached agreement', () => {
      given(...waterCardAgreed(), agreementBreached()).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).then([referredToCourt()]);
    });

    it('is refused while mediation runs', () => {
      given(...waterCardInMediation()).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).thenRefuses('MEDIATION_NOT_FAILED');
    });

    it('is refused before any mediation', () => {
      given(...waterCardAssigned()).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).thenRefuses('MEDIATION_NOT_FAILED');
    });

    it('is refused while an agreement awaits fulfilment', () => {
      given(...waterCardAgreed()).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).thenRefuses('MEDIATION_NOT_FAILED');
    });

    it('is refused after escalation, until the new tier has tried', () => {
      given(...atTier2()).when(decideJudicial, referToCourt(), moment('2024-03-05T10:00:00+08:00')).thenRefuses('MEDIATION_NOT_FAILED');
    });

    it('happens once', () => {
      given(...waterCardAssigned(), ...failedAttempts(1, 1), referredToCourt())
        .when(decideJudicial, referToCourt(), moment('2024-03-06T10:00:00+08:00'))
        .thenRefuses('DISPUTE_NOT_OPEN');
    });
  });
});
