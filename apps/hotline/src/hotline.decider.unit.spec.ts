import type { EventOf, MatterKind } from '@hub/contracts';
import {
  citizenRated,
  citizenReplied,
  complaintReceived,
  deadlineExtended,
  deadlinePaused,
  deadlineResumed,
  given,
  moment,
  reminderIssued,
  reportLinked,
  supervisionOrdered,
  walkInRegistered,
  waterCardAssigned,
  waterCardClosed,
  waterCardInMediation,
  WATER_CARD_AT,
  WATER_CARD_DUE_BY,
} from '@hub/testing';
import { CHINA_WORK_CALENDAR, withDays } from '@hub/dispute';
import { decideHotline, type HotlineCommand } from './hotline.decider';

type Intake = Extract<HotlineCommand, { type: 'ReceiveComplaint' }>['data'];

/** What the caller reported, as the intake pushes it: the hotline itself works out the deadline. */
function intakeOf(received: EventOf<'hub.hotline.ComplaintReceived.v1'>): Intake {
  const { ticketNo, receivedAt, channel, kind, category, place, summary, details, personal } = received.data;
  return { ticketNo, receivedAt, channel, kind, category, place, summary, details, personal };
}

const receive = (data: Intake = intakeOf(complaintReceived())): HotlineCommand => ({ type: 'ReceiveComplaint', data });
const extendBy5 = (): HotlineCommand => ({
  type: 'ExtendDeadline',
  data: { extraWorkingDays: 5, reason: '物业费分期方案需业主委员会讨论', approvedBy: '冠县12345热线办' },
});
const pause = (): HotlineCommand => ({ type: 'PauseDeadline', data: { reason: '已转人民调解，调解期间暂停计时' } });
const resume = (): HotlineCommand => ({ type: 'ResumeDeadline', data: {} });
const remind = (): HotlineCommand => ({ type: 'IssueReminder', data: { to: 'judicial', note: '工单临近办理时限，请加快调解进度' } });
const supervise = (): HotlineCommand => ({
  type: 'OrderSupervision',
  data: { to: 'governance', note: '业主多次来电，列入督办', respondBy: '2024-01-15T17:00:00+08:00' },
});
const reply = (data = citizenReplied().data): HotlineCommand => ({ type: 'ReplyToCitizen', data: { outcome: data.outcome, content: data.content } });
const rate = (satisfaction: 'satisfied' | 'dissatisfied' = 'satisfied'): HotlineCommand => ({ type: 'RecordRating', data: { satisfaction } });

describe('12345 hotline office', () => {
  describe('receiving a work order (工单)', () => {
    it('records a complaint due 13 working days later, at the end of that day in China time', () => {
      given().when(decideHotline, receive(), moment(WATER_CARD_AT.received)).then([complaintReceived()]);
    });

    it('dates the work order by its receipt, not by when the intake pushed it', () => {
      given().when(decideHotline, receive(), moment('2023-12-27T11:00:00+08:00')).then([complaintReceived()]);
    });

    it.each<[MatterKind, number, string]>([
      ['emergency', 0, '2024-03-04T23:59:59+08:00'],
      ['enquiry', 3, '2024-03-07T23:59:59+08:00'],
      ['help', 3, '2024-03-07T23:59:59+08:00'],
      ['complaint', 13, '2024-03-21T23:59:59+08:00'],
    ])('gives a matter of kind %s %i working days: received Monday 4 March 2024, due by %s', (kind, workingDays, dueBy) => {
      const received = complaintReceived({ ticketNo: 'GX12345-20240304-0007', receivedAt: '2024-03-04T09:00:00+08:00', kind, workingDays, dueBy });
      given().when(decideHotline, receive(intakeOf(received)), moment('2024-03-04T09:01:00+08:00')).then([received]);
    });

    it('counts the deadline from the China-time day of receipt', () => {
      const received = complaintReceived({ receivedAt: '2023-12-27T17:00:00Z', kind: 'enquiry', workingDays: 3, dueBy: '2024-01-03T23:59:59+08:00' });
      given().when(decideHotline, receive(intakeOf(received)), moment('2023-12-27T17:05:00Z')).then([received]);
    });

    it('changes nothing when the same work order is pushed again', () => {
      given(complaintReceived()).when(decideHotline, receive(), moment('2023-12-27T09:45:00+08:00')).then([]);
    });

    it('changes nothing when the same work order is pushed again after the calendar gained a holiday', () => {
      const calendar = withDays(CHINA_WORK_CALENDAR, ['2024-01-02'], []);
      given(complaintReceived()).when(decideHotline, receive(), { ...moment('2023-12-27T09:45:00+08:00'), calendar }).then([]);
    });

    it('changes nothing when the same work order comes again with its fields in another order, after the dispute moved on', () => {
      const { personal, summary, ...rest } = intakeOf(complaintReceived());
      const reordered = { summary, personal: { address: personal.address, caller: personal.caller }, ...rest };
      given(...waterCardInMediation()).when(decideHotline, receive(reordered), moment('2023-12-29T09:00:00+08:00')).then([]);
    });

    it('refuses the same ticket number with other content', () => {
      const changed = intakeOf(complaintReceived({ summary: '小区电梯长期停运' }));
      given(complaintReceived()).when(decideHotline, receive(changed), moment('2023-12-27T09:45:00+08:00')).thenRefuses('TICKET_CONFLICT');
    });

    it('refuses a work order received in the future', () => {
      given().when(decideHotline, receive(), moment(WATER_CARD_AT.received, '2023-12-27T09:00:00+08:00')).thenRefuses('OCCURRED_IN_FUTURE');
    });

    it('tolerates a receiving clock a few minutes ahead of the hub', () => {
      given().when(decideHotline, receive(), moment(WATER_CARD_AT.received, '2023-12-27T09:26:00+08:00')).then([complaintReceived()]);
    });
  });

  describe('extending the deadline', () => {
    it('moves it on by the approved working days', () => {
      given(complaintReceived()).when(decideHotline, extendBy5(), moment('2024-01-12T10:00:00+08:00')).then([deadlineExtended()]);
    });

    it('is refused while the deadline is paused', () => {
      given(complaintReceived(), deadlinePaused()).when(decideHotline, extendBy5(), moment('2024-01-12T10:00:00+08:00')).thenRefuses('DEADLINE_PAUSED');
    });

    it('is refused for a dispute that came in without a work order', () => {
      given(walkInRegistered()).when(decideHotline, extendBy5(), moment('2024-01-12T10:00:00+08:00')).thenRefuses('NOT_A_WORK_ORDER');
    });

    it('is refused for an unknown dispute', () => {
      given().when(decideHotline, extendBy5(), moment('2024-01-12T10:00:00+08:00')).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('is refused once the dispute is closed', () => {
      given(...waterCardClosed()).when(decideHotline, extendBy5(), moment('2024-02-22T10:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });

    it('is refused on a report linked to another dispute', () => {
      given(complaintReceived(), reportLinked('dispute-of-the-petition'))
        .when(decideHotline, extendBy5(), moment('2024-01-12T10:00:00+08:00'))
        .thenRefuses('DISPUTE_LINKED');
    });

    it('is refused when dated before the last thing known of the dispute', () => {
      given(...waterCardAssigned()).when(decideHotline, extendBy5(), moment('2023-12-27T10:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });
  });

  describe('pausing and resuming the deadline', () => {
    it('pauses the clock', () => {
      given(complaintReceived()).when(decideHotline, pause(), moment('2023-12-28T09:00:00+08:00')).then([deadlinePaused()]);
    });

    it('refuses to pause a paused clock', () => {
      given(complaintReceived(), deadlinePaused()).when(decideHotline, pause(), moment('2023-12-29T09:00:00+08:00')).thenRefuses('DEADLINE_PAUSED');
    });

    it('on resuming moves the deadline by the working days spent paused (Thursday to the next Wednesday: 3, New Year’s Day does not count)', () => {
      given(complaintReceived(), deadlinePaused()).when(decideHotline, resume(), moment('2024-01-03T09:00:00+08:00')).then([deadlineResumed()]);
    });

    it('on resuming the same day keeps the deadline', () => {
      given(complaintReceived(), deadlinePaused())
        .when(decideHotline, resume(), moment('2023-12-28T16:00:00+08:00'))
        .then([deadlineResumed({ occurredAt: '2023-12-28T16:00:00+08:00', dueBy: WATER_CARD_DUE_BY })]);
    });

    it('refuses to resume a clock that runs', () => {
      given(complaintReceived()).when(decideHotline, resume(), moment('2024-01-03T09:00:00+08:00')).thenRefuses('DEADLINE_NOT_PAUSED');
    });

    it('refuses to resume a clock already resumed', () => {
      given(complaintReceived(), deadlinePaused(), deadlineResumed())
        .when(decideHotline, resume(), moment('2024-01-04T09:00:00+08:00'))
        .thenRefuses('DEADLINE_NOT_PAUSED');
    });
  });

  describe('reminders (催办) and supervision (督办)', () => {
    it('reminds the handling office', () => {
      given(...waterCardInMediation()).when(decideHotline, remind(), moment('2024-01-10T09:00:00+08:00')).then([reminderIssued()]);
    });

    it('puts the matter under supervision', () => {
      given(...waterCardInMediation()).when(decideHotline, supervise(), moment('2024-01-11T09:00:00+08:00')).then([supervisionOrdered()]);
    });

    it('does not remind about a dispute without a work order', () => {
      given(walkInRegistered()).when(decideHotline, remind(), moment('2024-01-10T09:00:00+08:00')).thenRefuses('NOT_A_WORK_ORDER');
    });

    it('does not supervise a closed dispute', () => {
      given(...waterCardClosed()).when(decideHotline, supervise(), moment('2024-02-22T09:00:00+08:00')).thenRefuses('DISPUTE_NOT_OPEN');
    });
  });

  describe('replying to the citizen', () => {
    it('tells the citizen the outcome', () => {
      given(...waterCardAssigned()).when(decideHotline, reply(), moment(WATER_CARD_AT.replied)).then([citizenReplied()]);
    });

    it('may tell the citizen after the dispute is closed', () => {
      const resolved = citizenReplied({ occurredAt: '2024-02-21T10:00:00+08:00', outcome: 'resolved', content: '双方已签订调解协议并履行完毕。' });
      given(...waterCardClosed()).when(decideHotline, reply(resolved.data), moment('2024-02-21T10:00:00+08:00')).then([resolved]);
    });

    it('is refused for an unknown dispute', () => {
      given().when(decideHotline, reply(), moment(WATER_CARD_AT.replied)).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('is refused for a dispute that came in without a work order', () => {
      given(walkInRegistered()).when(decideHotline, reply(), moment(WATER_CARD_AT.replied)).thenRefuses('NOT_A_WORK_ORDER');
    });

    it('is refused on a report linked to another dispute', () => {
      given(complaintReceived(), reportLinked('dispute-of-the-petition'))
        .when(decideHotline, reply(), moment('2024-01-04T10:00:00+08:00'))
        .thenRefuses('DISPUTE_LINKED');
    });

    it('is refused when dated before the last thing known of the dispute', () => {
      given(...waterCardAssigned()).when(decideHotline, reply(), moment('2023-12-27T09:40:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });
  });

  describe('the citizen’s rating (好差评)', () => {
    it('needs the citizen to have been told the outcome first', () => {
      given(...waterCardAssigned()).when(decideHotline, rate(), moment(WATER_CARD_AT.rated)).thenRefuses('NOT_REPLIED');
    });

    it('is recorded once the citizen was told', () => {
      given(...waterCardAssigned(), citizenReplied()).when(decideHotline, rate(), moment(WATER_CARD_AT.rated)).then([citizenRated()]);
    });

    it('is recorded after closure, where a dissatisfied rating is what reopens the dispute', () => {
      given(...waterCardClosed())
        .when(decideHotline, rate('dissatisfied'), moment('2024-02-22T10:00:00+08:00'))
        .then([citizenRated('dissatisfied', { occurredAt: '2024-02-22T10:00:00+08:00' })]);
    });

    it('of a dispute reopened by a dissatisfied rating waits for a new reply', () => {
      given(...waterCardClosed(), citizenRated('dissatisfied', { occurredAt: '2024-02-22T10:00:00+08:00' }))
        .when(decideHotline, rate(), moment('2024-02-23T10:00:00+08:00'))
        .thenRefuses('NOT_REPLIED');
    });

    it('is refused when dated in the future', () => {
      given(...waterCardAssigned(), citizenReplied())
        .when(decideHotline, rate(), moment('2023-12-28T09:00:00+08:00', '2023-12-28T08:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });
});
