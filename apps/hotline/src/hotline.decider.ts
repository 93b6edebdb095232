// The 12345 hotline office's rules: work orders (工单) with deadlines in working days, pauses,
// approved extensions, reminders (催办), supervision (督办), the reply and the citizen's rating.
import type {
  CitizenRatedData,
  CitizenRepliedData,
  ComplaintReceivedData,
  DeadlineExtendedData,
  DeadlinePausedData,
  HotlineEvent,
  MatterKind,
  ReminderIssuedData,
  SupervisionOrderedData,
} from '@hub/contracts';
import {
  CHINA_WORK_CALENDAR,
  addWorkingDays,
  reportFingerprint,
  refuse,
  requireOccurredAt,
  requireOpen,
  workingDaysBetween,
  type Dispute,
  type DisputeState,
  type When,
} from '@hub/dispute';

/** One 12345 rule: emergencies the same day, enquiries and help 3 working days, complaints 13. */
export const WORKING_DAYS: Record<MatterKind, number> = { emergency: 0, enquiry: 3, help: 3, complaint: 13 };

type Input<T> = Omit<T, 'occurredAt'>;

export type HotlineCommand =
  | { type: 'ReceiveComplaint'; data: Omit<ComplaintReceivedData, 'occurredAt' | 'workingDays' | 'dueBy'> }
  | { type: 'ExtendDeadline'; data: Omit<DeadlineExtendedData, 'occurredAt' | 'dueBy'> }
  | { type: 'PauseDeadline'; data: Input<DeadlinePausedData> }
  | { type: 'ResumeDeadline'; data: Record<string, never> }
  | { type: 'IssueReminder'; data: Input<ReminderIssuedData> }
  | { type: 'OrderSupervision'; data: Input<SupervisionOrderedData> }
  | { type: 'ReplyToCitizen'; data: Input<CitizenRepliedData> }
  | { type: 'RecordRating'; data: Input<CitizenRatedData> };

function requireWorkOrder(state: DisputeState, when: When) {
  const dispute = requireOpen(state, when);
  if (!dispute.workOrder) refuse('NOT_A_WORK_ORDER', 'the dispute has no 12345 work order');
  return { dispute, workOrder: dispute.workOrder };
}

function receive(command: Extract<HotlineCommand, { type: 'ReceiveComplaint' }>, state: DisputeState, when: When): HotlineEvent[] {
  const workingDays = WORKING_DAYS[command.data.kind];
  const data: ComplaintReceivedData = {
    ...command.data,
    occurredAt: command.data.receivedAt,
    workingDays,
    dueBy: addWorkingDays(command.data.receivedAt, workingDays, when.calendar ?? CHINA_WORK_CALENDAR),
  };
  // A petition that named this ticket may have opened the dispute first: the work order joins it.
  const same = state.status === 'none' ? undefined : state.sources.find((s) => s.kind === 'ticket' && s.number === data.ticketNo);
  if (same) {
    if (same.fingerprint === reportFingerprint(data)) return [];
    refuse('TICKET_CONFLICT', `work order ${data.ticketNo} was already received with different content`);
  }
  requireOccurredAt({ status: 'none' }, { ...when, at: data.receivedAt });
  return [{ type: 'hub.hotline.ComplaintReceived.v1', data }];
}

/** Ratings and replies may come after closure: a dissatisfied rating is what reopens it. */
function requireReported(state: DisputeState, when: When): Dispute {
  if (state.status === 'none') refuse('DISPUTE_NOT_FOUND', 'no such dispute');
  if (state.status === 'linked') refuse('DISPUTE_LINKED', `this report is linked to dispute ${state.linkedTo}: act there`);
  if (!state.workOrder) refuse('NOT_A_WORK_ORDER', 'the dispute has no 12345 work order');
  requireOccurredAt(state, when);
  return state;
}

export function decideHotline(command: HotlineCommand, state: DisputeState, when: When): HotlineEvent[] {
  const occurredAt = when.at;
  switch (command.type) {
    case 'ReceiveComplaint':
      return receive(command, state, when);
    case 'ExtendDeadline': {
      const { workOrder } = requireWorkOrder(state, when);
      if (workOrder.pausedAt) refuse('DEADLINE_PAUSED', 'resume the deadline before extending it');
      const dueBy = addWorkingDays(workOrder.dueBy, command.data.extraWorkingDays, when.calendar ?? CHINA_WORK_CALENDAR);
      return [{ type: 'hub.hotline.DeadlineExtended.v1', data: { ...command.data, dueBy, occurredAt } }];
    }
    case 'PauseDeadline': {
      const { workOrder } = requireWorkOrder(state, when);
      if (workOrder.pausedAt) refuse('DEADLINE_PAUSED', 'the deadline is already paused');
      return [{ type: 'hub.hotline.DeadlinePaused.v1', data: { ...command.data, occurredAt } }];
    }
    case 'ResumeDeadline': {
      const { workOrder } = requireWorkOrder(state, when);
      if (!workOrder.pausedAt) refuse('DEADLINE_NOT_PAUSED', 'the deadline is not paused');
      const calendar = when.calendar ?? CHINA_WORK_CALENDAR;
      const dueBy = addWorkingDays(workOrder.dueBy, workingDaysBetween(workOrder.pausedAt, occurredAt, calendar), calendar);
      return [{ type: 'hub.hotline.DeadlineResumed.v1', data: { dueBy, occurredAt } }];
    }
    case 'IssueReminder':
      requireWorkOrder(state, when);
      return [{ type: 'hub.hotline.ReminderIssued.v1', data: { ...command.data, occurredAt } }];
    case 'OrderSupervision':
      requireWorkOrder(state, when);
      return [{ type: 'hub.hotline.SupervisionOrdered.v1', data: { ...command.data, occurredAt } }];
    case 'ReplyToCitizen':
      requireReported(state, when);
      return [{ type: 'hub.hotline.CitizenReplied.v1', data: { ...command.data, occurredAt } }];
    case 'RecordRating': {
      const dispute = requireReported(state, when);
      if (!dispute.workOrder?.reply) refuse('NOT_REPLIED', 'the citizen is rated after being told the outcome');
      return [{ type: 'hub.hotline.CitizenRated.v1', data: { ...command.data, occurredAt } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
