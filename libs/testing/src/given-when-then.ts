// Decider specifications in the domain's own words, with no mocks:
//   given(...history).when(decide, command, moment(at)).then(expectedEvents)
//   given(...history).when(decide, command, moment(at)).thenRefuses('CODE')
// The history is folded with the real `evolve`, the real decider runs, and a refusal is
// recognised by its stable code, never by its message.
import type { DisputeEvent } from '@hub/contracts';
import { DomainError, foldDispute, type DisputeState, type DomainErrorCode, type When } from '@hub/dispute';

export type Decide<C, E extends DisputeEvent> = (command: C, state: DisputeState, when: When) => E[];

export interface Outcome<E extends DisputeEvent> {
  /** The decider published exactly these events (`[]`: nothing to do, e.g. a repeated push). */
  then(expected: readonly DisputeEvent[]): E[];
  /** The decider refused with this code. */
  thenRefuses(code: DomainErrorCode): DomainError;
}

export interface Given {
  readonly state: DisputeState;
  when<C, E extends DisputeEvent>(decide: Decide<C, E>, command: C, when: When): Outcome<E>;
}

export function given(...history: readonly DisputeEvent[]): Given {
  const state = foldDispute(history);
  return {
    state,
    when: (decide, command, when) => ({
      then(expected) {
        const events = decide(command, state, when);
        expect(events).toEqual(expected);
        return events;
      },
      thenRefuses(code) {
        let outcome: unknown;
        try {
          outcome = decide(command, state, when);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          expect(error.code).toBe(code);
          return error;
        }
        throw new Error(`expected a refusal with ${code}, but the decider published ${JSON.stringify(outcome)}`);
      },
    }),
  };
}
