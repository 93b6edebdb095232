// The one error convention of the hub: a rule that refuses a command fails with a stable code.
// The edges map codes to HTTP statuses (409, 404) and to dead-letter reasons.

export type DomainErrorCode =
  | 'DISPUTE_NOT_FOUND'
  | 'TICKET_CONFLICT'
  | 'PETITION_CONFLICT'
  | 'CHECK_CONFLICT'
  | 'WALK_IN_CONFLICT'
  | 'DISPUTE_NOT_OPEN'
  | 'DISPUTE_LINKED'
  | 'DISPUTE_NOT_CLOSED'
  | 'ALREADY_TRIAGED'
  | 'NOT_TRIAGED'
  | 'TEAM_NOT_ASSIGNED'
  | 'ALREADY_AT_TOP_TIER'
  | 'NOT_AT_TIER_3'
  | 'CANNOT_LINK_TO_ITSELF'
  | 'PRIMARY_IS_LINKED'
  | 'MEDIATION_IN_PROGRESS'
  | 'NOT_IN_MEDIATION'
  | 'ATTEMPTS_EXHAUSTED'
  | 'AGREEMENT_PENDING'
  | 'NO_AGREEMENT'
  | 'AGREEMENT_ALREADY_FULFILLED'
  | 'AGREEMENT_NOT_PENDING'
  | 'NOT_RESOLVED'
  | 'NOT_FULFILLED'
  | 'MEDIATION_NOT_FAILED'
  | 'NOT_A_WORK_ORDER'
  | 'DEADLINE_PAUSED'
  | 'DEADLINE_NOT_PAUSED'
  | 'NOT_REPLIED'
  | 'PETITION_NOT_FOUND'
  | 'PETITION_ALREADY_ANSWERED'
  | 'OCCURRED_BEFORE_LAST_EVENT'
  | 'OCCURRED_IN_FUTURE'
  | 'INVALID_DEADLINE';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(code: DomainErrorCode, message: string): never {
  throw new DomainError(code, message);
}
