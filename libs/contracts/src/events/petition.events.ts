// Events the letters-and-visits (信访) office publishes: petitions and their answers.
import type { Category, IsoDateTime, Occurred, Person, Place } from '../common';

export const PETITION_FORMS = ['letter', 'visit', 'online'] as const;
/** 来信, 来访, 网上信访 */
export type PetitionForm = (typeof PETITION_FORMS)[number];

export interface PetitionRegisteredData extends Occurred {
  petitionNo: string;
  registeredAt: IsoDateTime;
  form: PetitionForm;
  category: Category;
  place: Place;
  summary: string;
  /** The hotline work order the petitioner already raised, when known: the petition joins that dispute. */
  relatedTicketNo?: string;
  /** Calendar days to answer (信访条例: 60 days from acceptance). */
  answerWithinDays: number;
  dueBy: IsoDateTime;
  personal: { petitioner: Person; address?: string };
}

export interface PetitionAnsweredData extends Occurred {
  petitionNo: string;
  answer: string;
}

export type PetitionEvent =
  | { type: 'hub.petition.PetitionRegistered.v1'; data: PetitionRegisteredData }
  | { type: 'hub.petition.PetitionAnswered.v1'; data: PetitionAnsweredData };
