// The petitions office's (信访) rules: registering a petition, on the dispute of the hotline
// work order it names when there is one, and answering it.
import type { PetitionAnsweredData, PetitionEvent, PetitionRegisteredData } from '@hub/contracts';
import { reportFingerprint, refuse, requireDispute, requireOccurredAt, type DisputeState, type When } from '@hub/dispute';

/** 信访条例: a petition is answered within 60 days of its acceptance. */
export const ANSWER_WITHIN_DAYS = 60;

export type PetitionCommand =
  | { type: 'RegisterPetition'; data: Omit<PetitionRegisteredData, 'occurredAt' | 'answerWithinDays' | 'dueBy'> }
  | { type: 'AnswerPetition'; data: Omit<PetitionAnsweredData, 'occurredAt'> };

function endOfDayPlus(iso: string, days: number): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);
  return `${local}T23:59:59+08:00`;
}

export function decidePetition(command: PetitionCommand, state: DisputeState, when: When): PetitionEvent[] {
  switch (command.type) {
    case 'RegisterPetition': {
      const data: PetitionRegisteredData = {
        ...command.data,
        occurredAt: command.data.registeredAt,
        answerWithinDays: ANSWER_WITHIN_DAYS,
        dueBy: endOfDayPlus(command.data.registeredAt, ANSWER_WITHIN_DAYS),
      };
      if (state.status !== 'none') {
        const same = state.sources.find((s) => s.kind === 'petition' && s.number === data.petitionNo);
        if (same) {
          if (same.fingerprint === reportFingerprint(data)) return [];
          refuse('PETITION_CONFLICT', `petition ${data.petitionNo} was already registered with different content`);
        }
        if (state.status === 'linked') refuse('DISPUTE_LINKED', `the related report is linked to dispute ${state.linkedTo}`);
      }
      // A petition that joins an earlier dispute is a new source: its own date need not follow the others.
      requireOccurredAt({ status: 'none' }, { ...when, at: data.registeredAt });
      return [{ type: 'hub.petition.PetitionRegistered.v1', data }];
    }
    case 'AnswerPetition': {
      const dispute = requireDispute(state);
      requireOccurredAt(dispute, when);
      const petition = dispute.petitions.find((p) => p.petitionNo === command.data.petitionNo);
      if (!petition) refuse('PETITION_NOT_FOUND', `petition ${command.data.petitionNo} is not part of this dispute`);
      if (petition.answered) refuse('PETITION_ALREADY_ANSWERED', `petition ${command.data.petitionNo} is already answered`);
      return [{ type: 'hub.petition.PetitionAnswered.v1', data: { ...command.data, occurredAt: when.at } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
