import {
  agreementBreached,
  agreementFulfilled,
  agreementRecorded,
  citizenRated,
  citizenReplied,
  complaintReceived,
  deadlineExtended,
  deadlinePaused,
  deadlineResumed,
  disputeClosed,
  disputeReopened,
  escalated,
  failedAttempts,
  followUpVisited,
  fulfilmentUrged,
  gridCheckReported,
  interimMeasureTaken,
  jointMediationConvened,
  mediationFailed,
  mediationStarted,
  petitionAnswered,
  petitionRegistered,
  referredToCourt,
  reminderIssued,
  reportLinked,
  supervisionOrdered,
  teamAssigned,
  triaged,
  walkInRegistered,
  waterCardAgreed,
  waterCardAssigned,
  waterCardClosed,
  waterCardFulfilled,
  waterCardHistory,
  waterCardInMediation,
  waterCardReported,
  WATER_CARD_AT,
  WATER_CARD_DUE_BY,
  WATER_CARD_PETITION,
  WATER_CARD_TICKET,
  WENYUAN,
  WENYUAN_TEAM,
} from '@hub/testing';
import { EVENT_TYPES, eventDataErrors, type DisputeEvent } from '@hub/contracts';
import { evolve, foldDispute, isOpen, NO_DISPUTE, type Dispute, type DisputeState } from './dispute.state';

function dispute(...events: DisputeEvent[]): Dispute {
  const state: DisputeState = foldDispute(events);
  if (state.status === 'none') throw new Error('the history reports no dispute');
  return state;
}

describe('the state of a dispute, folded from every office’s events', () => {
  describe('a report starts it', () => {
    it('from a 12345 work order, with its deadline and no reply yet', () => {
      expect(dispute(complaintReceived())).toMatchObject({
        status: 'reported',
        category: 'property',
        place: WENYUAN,
        tier: null,
        attempts: { 1: 0, 2: 0, 3: 0 },
        triaged: false,
        sources: [{ office: 'hotline', kind: 'ticket', number: WATER_CARD_TICKET, at: WATER_CARD_AT.received }],
        workOrder: { ticketNo: WATER_CARD_TICKET, dueBy: WATER_CARD_DUE_BY, pausedAt: null, reply: null },
        lastOccurredAt: WATER_CARD_AT.received,
      });
    });

    it('from a petition, a grid check or a walk-in, each as its own kind of source', () => {
      expect(dispute(petitionRegistered()).sources[0]).toMatchObject({ office: 'petition', kind: 'petition', number: WATER_CARD_PETITION });
      expect(dispute(petitionRegistered()).petitions).toEqual([{ petitionNo: WATER_CARD_PETITION, answered: false }]);
      expect(dispute(gridCheckReported()).sources[0]).toMatchObject({ office: 'governance', kind: 'grid_check' });
      expect(dispute(walkInRegistered()).sources[0]).toMatchObject({ office: 'judicial', kind: 'walk_in' });
      expect(dispute(walkInRegistered()).workOrder).toBeNull();
    });

    it('and nothing before a report makes a dispute', () => {
      expect(evolve(NO_DISPUTE, triaged())).toEqual(NO_DISPUTE);
      expect(evolve(NO_DISPUTE, agreementFulfilled())).toEqual(NO_DISPUTE);
    });
  });

  describe('a second source', () => {
    it('joins an open dispute without changing where it stands', () => {
      const state = dispute(...waterCardAssigned(), petitionRegistered());
      expect(state.status).toBe('assigned');
      expect(state.sources.map((s) => s.kind)).toEqual(['ticket', 'petition']);
    });

    it('reopens a closed dispute: another channel reporting it means it is not over', () => {
      const state = dispute(...waterCardClosed(), petitionRegistered({ registeredAt: '2024-03-01T10:00:00+08:00' }));
      expect(state.status).toBe('reopened');
      expect(isOpen(state)).toBe(true);
    });

    it('dated before the last event does not move the last event back', () => {
      const state = dispute(...waterCardAgreed(), petitionRegistered({ registeredAt: '2024-01-03T10:00:00+08:00' }));
      expect(state.lastOccurredAt).toBe(WATER_CARD_AT.agreementRecorded);
    });
  });

  describe('triage, team and tiers', () => {
    it('triage records the risk and may correct the category', () => {
      expect(dispute(complaintReceived(), triaged({ riskLevel: 'high', category: 'neighbour' }))).toMatchObject({
        status: 'triaged',
        triaged: true,
        riskLevel: 'high',
        category: 'neighbour',
      });
    });

    it('a "1+3" team takes the dispute on at tier 1', () => {
      expect(dispute(...waterCardAssigned())).toMatchObject({ status: 'assigned', tier: 1, team: WENYUAN_TEAM, leadOffice: 'judicial' });
    });

    it('escalation moves the dispute to the next tier, ready for a new attempt', () => {
      const state = dispute(...waterCardAssigned(), ...failedAttempts(1, 3), escalated(1, 2));
      expect(state).toMatchObject({ status: 'assigned', tier: 2 });
    });

    it('a new team at a higher tier leaves the tier where it is', () => {
      const state = dispute(...waterCardAssigned(), escalated(1, 2), teamAssigned({ occurredAt: '2024-01-11T09:00:00+08:00' }));
      expect(state.tier).toBe(2);
    });

    it('mediation without a team starts at tier 1', () => {
      expect(dispute(walkInRegistered(), mediationStarted(1, 1)).tier).toBe(1);
    });
  });

  describe('mediation attempts are counted per tier ("331")', () => {
    it('counts the attempts at each tier apart', () => {
      const state = dispute(...waterCardAssigned(), ...failedAttempts(1, 3), escalated(1, 2), ...failedAttempts(2, 2));
      expect(state.attempts).toEqual({ 1: 3, 2: 2, 3: 0 });
      expect(state.status).toBe('mediation_failed');
    });

    it('a running attempt puts the dispute in mediation', () => {
      expect(dispute(...waterCardInMediation())).toMatchObject({ status: 'in_mediation', attempts: { 1: 1, 2: 0, 3: 0 } });
    });

    it('a failed attempt keeps its count', () => {
      expect(dispute(...waterCardAssigned(), mediationStarted(1, 1), mediationFailed(1, 1)).attempts[1]).toBe(1);
    });
  });

  describe('agreements', () => {
    it('a signed agreement awaits fulfilment by its deadline', () => {
      expect(dispute(...waterCardAgreed())).toMatchObject({
        status: 'agreement_reached',
        agreement: { fulfilBy: '2024-02-29T23:59:59+08:00', state: 'pending' },
      });
    });

    it('is fulfilled or breached', () => {
      expect(dispute(...waterCardFulfilled()).agreement?.state).toBe('fulfilled');
      expect(dispute(...waterCardFulfilled()).status).toBe('fulfilled');
      expect(dispute(...waterCardAgreed(), agreementBreached())).toMatchObject({ status: 'breached', agreement: { state: 'breached' } });
    });
  });

  describe('the 12345 work order', () => {
    it('an approved extension moves the deadline', () => {
      expect(dispute(complaintReceived(), deadlineExtended()).workOrder?.dueBy).toBe('2024-01-23T23:59:59+08:00');
    });

    it('a pause stops the clock and resuming sets the moved deadline', () => {
      const paused = dispute(complaintReceived(), deadlinePaused());
      expect(paused.workOrder?.pausedAt).toBe('2023-12-28T09:00:00+08:00');
      const resumed = dispute(complaintReceived(), deadlinePaused(), deadlineResumed());
      expect(resumed.workOrder).toMatchObject({ pausedAt: null, dueBy: '2024-01-19T23:59:59+08:00' });
    });

    it('keeps what the citizen was told', () => {
      expect(dispute(complaintReceived(), citizenReplied({ outcome: 'resolved' })).workOrder?.reply).toBe('resolved');
    });
  });

  describe('petitions', () => {
    it('an answer marks its petition answered', () => {
      const state = dispute(...waterCardReported(), petitionRegistered(), petitionAnswered());
      expect(state.petitions).toEqual([{ petitionNo: WATER_CARD_PETITION, answered: true }]);
    });
  });

  describe('the end of a dispute', () => {
    it('the whole water-card case ends closed, with its agreement fulfilled at tier 1', () => {
      const state = dispute(...waterCardHistory());
      expect(state).toMatchObject({ status: 'closed', tier: 1, attempts: { 1: 1, 2: 0, 3: 0 }, agreement: { state: 'fulfilled' } });
      expect(state.lastOccurredAt).toBe(WATER_CARD_AT.followUp);
      expect(isOpen(state)).toBe(false);
    });

    it('referral to court ends it', () => {
      const state = dispute(...waterCardAssigned(), ...failedAttempts(1, 1), referredToCourt());
      expect(state.status).toBe('referred');
      expect(isOpen(state)).toBe(false);
    });

    it('a report linked to another dispute points there and is no longer open', () => {
      const state = dispute(petitionRegistered({ relatedTicketNo: undefined }), reportLinked('dispute-water-card'));
      expect(state).toMatchObject({ status: 'linked', linkedTo: 'dispute-water-card' });
      expect(isOpen(state)).toBe(false);
    });
  });

  describe('rebound (矛盾反弹) reopens a closed dispute', () => {
    it('on a dissatisfied rating', () => {
      expect(dispute(...waterCardClosed(), citizenRated('dissatisfied', { occurredAt: '2024-02-22T10:00:00+08:00' })).status).toBe('reopened');
    });

    it('but not on a satisfied or basically satisfied rating', () => {
      expect(dispute(...waterCardClosed(), citizenRated('satisfied', { occurredAt: '2024-02-22T10:00:00+08:00' })).status).toBe('closed');
      expect(dispute(...waterCardClosed(), citizenRated('basically_satisfied', { occurredAt: '2024-02-22T10:00:00+08:00' })).status).toBe('closed');
    });

    it('a dissatisfied rating of an open dispute leaves it where it stands', () => {
      expect(dispute(...waterCardAssigned(), citizenReplied(), citizenRated('dissatisfied')).status).toBe('assigned');
    });

    it('on a follow-up visit that finds the dispute flared up again', () => {
      expect(dispute(...waterCardClosed(), followUpVisited('basically_satisfied', true)).status).toBe('reopened');
    });

    it('on a follow-up visit with a dissatisfied party', () => {
      expect(dispute(...waterCardClosed(), followUpVisited('dissatisfied', false)).status).toBe('reopened');
    });

    it('not on a satisfied follow-up without rebound', () => {
      expect(dispute(...waterCardClosed(), followUpVisited('satisfied', false)).status).toBe('closed');
    });

    it('a follow-up before closure does not reopen anything', () => {
      expect(dispute(...waterCardFulfilled(), followUpVisited('dissatisfied', true, { occurredAt: '2024-02-20T18:00:00+08:00' })).status).toBe('fulfilled');
    });

    it('when the governance centre reopens it', () => {
      expect(dispute(...waterCardHistory(), disputeReopened()).status).toBe('reopened');
    });

    it('and the agreement and reply that settled it no longer count as its resolution', () => {
      const history = [...waterCardInMediation(), agreementRecorded(), agreementFulfilled(), citizenReplied({ occurredAt: '2024-02-20T17:00:00+08:00', outcome: 'resolved' }), disputeClosed()];
      for (const state of [
        dispute(...history, followUpVisited('satisfied', true)),
        dispute(...history, citizenRated('dissatisfied', { occurredAt: '2024-02-22T10:00:00+08:00' })),
        dispute(...history, petitionRegistered({ registeredAt: '2024-03-01T10:00:00+08:00' })),
        dispute(...history, disputeReopened()),
      ]) {
        expect(state).toMatchObject({ status: 'reopened', agreement: null, workOrder: { reply: null } });
      }
    });
  });

  describe('the last event', () => {
    it('is the latest business time seen, whatever office published it', () => {
      const state = dispute(complaintReceived(), interimMeasureTaken(), triaged({ occurredAt: '2023-12-27T12:00:00+08:00' }));
      expect(state.lastOccurredAt).toBe(WATER_CARD_AT.interimMeasure);
    });
  });
});

describe('the test data of the water-card case', () => {
  it('has a builder for every published event type, each matching its schema', () => {
    const all: DisputeEvent[] = [
      ...waterCardHistory(),
      gridCheckReported(),
      walkInRegistered(),
      petitionRegistered(),
      petitionAnswered(),
      deadlineExtended(),
      deadlinePaused(),
      deadlineResumed(),
      escalated(1, 2),
      reportLinked('dispute-water-card'),
      disputeReopened(),
      mediationFailed(),
      agreementBreached(),
      referredToCourt(),
      reminderIssued(),
      supervisionOrdered(),
      jointMediationConvened(),
      fulfilmentUrged(),
    ];
    expect(new Set(all.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    for (const e of all) expect({ type: e.type, problems: eventDataErrors(e.type, e.data) }).toEqual({ type: e.type, problems: [] });
  });
});
