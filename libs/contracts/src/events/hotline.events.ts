// Events the 12345 hotline office publishes: work orders (工单), their deadlines, reminders
// (催办), supervision (督办), the reply to the citizen and the citizen's rating (好差评).
import type { Category, IsoDateTime, Occurred, Office, Person, Place, Satisfaction } from '../common';

export const HOTLINE_CHANNELS = ['phone', 'web', 'app', 'wechat'] as const;
export type HotlineChannel = (typeof HOTLINE_CHANNELS)[number];

/** The kind of matter fixes the deadline: emergency same day, enquiry and help 3, complaint 13 working days. */
export const MATTER_KINDS = ['emergency', 'enquiry', 'help', 'complaint'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

export const REPLY_OUTCOMES = ['resolved', 'explained', 'unresolved'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

export interface ComplaintReceivedData extends Occurred {
  ticketNo: string;
  receivedAt: IsoDateTime;
  channel: HotlineChannel;
  kind: MatterKind;
  category: Category;
  place: Place;
  summary: string;
  details?: string;
  /** Deadline: `workingDays` working days after receipt, end of that day (China time). */
  workingDays: number;
  dueBy: IsoDateTime;
  personal: { caller: Person; address?: string };
}

export interface DeadlineExtendedData extends Occurred {
  extraWorkingDays: number;
  dueBy: IsoDateTime;
  reason: string;
  approvedBy: string;
}

export interface DeadlinePausedData extends Occurred {
  reason: string;
}

export interface DeadlineResumedData extends Occurred {
  /** The deadline moved on by the working days spent paused. */
  dueBy: IsoDateTime;
}

export interface ReminderIssuedData extends Occurred {
  to: Office;
  note: string;
}

export interface SupervisionOrderedData extends Occurred {
  to: Office;
  note: string;
  /** Answer expected by this time. */
  respondBy?: IsoDateTime;
}

export interface CitizenRepliedData extends Occurred {
  outcome: ReplyOutcome;
  content: string;
}

export interface CitizenRatedData extends Occurred {
  satisfaction: Satisfaction;
  comment?: string;
}

export type HotlineEvent =
  | { type: 'hub.hotline.ComplaintReceived.v1'; data: ComplaintReceivedData }
  | { type: 'hub.hotline.DeadlineExtended.v1'; data: DeadlineExtendedData }
  | { type: 'hub.hotline.DeadlinePaused.v1'; data: DeadlinePausedData }
  | { type: 'hub.hotline.DeadlineResumed.v1'; data: DeadlineResumedData }
  | { type: 'hub.hotline.ReminderIssued.v1'; data: ReminderIssuedData }
  | { type: 'hub.hotline.SupervisionOrdered.v1'; data: SupervisionOrderedData }
  | { type: 'hub.hotline.CitizenReplied.v1'; data: CitizenRepliedData }
  | { type: 'hub.hotline.CitizenRated.v1'; data: CitizenRatedData };
