// Time and identity come in from outside the domain; tests pin both.
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

export interface Clock {
  now(): string;
}

export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date().toISOString() };

export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const randomIds: IdGenerator = { next: randomUUID };

const DISPUTE_NAMESPACE = '5b1c3a8e-6f0e-4f43-9d61-2f3e9a1c7d20';

/**
 * A dispute's id follows from the document that first reported it (a ticket, a petition, a check,
 * a walk-in), so the same push always lands on the same dispute, in any process.
 */
export function disputeIdFor(kind: 'ticket' | 'petition' | 'grid_check' | 'walk_in', number: string): string {
  return uuidv5(`${kind}:${number}`, DISPUTE_NAMESPACE);
}
