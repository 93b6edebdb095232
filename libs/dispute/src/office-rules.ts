// Guards every office's decider shares: a command must concern an open dispute, and what it
// records cannot have happened before what is already known, nor in the future.
import { refuse } from './domain-error';
import { isOpen, type Dispute, type DisputeState } from './dispute.state';
import type { WorkCalendar } from './working-days';

/** Commands carry when the thing happened (`at`) and when the hub received them (`now`). */
export interface When {
  at: string;
  now: string;
  /** Which days are working days; China's calendar unless the deployment adds days. */
  calendar?: WorkCalendar;
}

const CLOCK_SKEW_MS = 5 * 60_000;

export function requireOccurredAt(state: DisputeState, when: When): void {
  if (Date.parse(when.at) > Date.parse(when.now) + CLOCK_SKEW_MS) {
    refuse('OCCURRED_IN_FUTURE', `at ${when.at} is in the future`);
  }
  if (state.status !== 'none' && Date.parse(when.at) < Date.parse(state.lastOccurredAt)) {
    refuse('OCCURRED_BEFORE_LAST_EVENT', `at ${when.at} is before the dispute's last event (${state.lastOccurredAt})`);
  }
}

export function requireDispute(state: DisputeState): Dispute {
  if (state.status === 'none') refuse('DISPUTE_NOT_FOUND', 'no such dispute');
  return state;
}

export function requireOpen(state: DisputeState, when: When): Dispute {
  const dispute = requireDispute(state);
  if (dispute.status === 'linked') refuse('DISPUTE_LINKED', `this report is linked to dispute ${dispute.linkedTo}: act there`);
  if (!isOpen(dispute)) refuse('DISPUTE_NOT_OPEN', `the dispute is ${dispute.status}`);
  requireOccurredAt(dispute, when);
  return dispute;
}
