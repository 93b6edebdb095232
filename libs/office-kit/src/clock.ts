// Time and identity come in from outside the domain; tests pin both.
import { randomUUID } from 'node:crypto';

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

export { disputeIdFor } from '@hub/contracts';
