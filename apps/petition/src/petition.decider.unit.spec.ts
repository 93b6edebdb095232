import type { EventOf } from '@hub/contracts';
import {
  agreementFulfilled,
  agreementRecorded,
  complaintReceived,
  disputeClosed,
  given,
  moment,
  petitionAnswered,
  petitionRegistered,
  reportLinked,
  waterCardAgreed,
  waterCardAssigned,
  waterCardClosed,
  waterCardInMediation,
  WATER_CARD_AT,
  WATER_CARD_PETITION,
} from '@hub/testing';
import { decidePetition, type PetitionCommand } from './petition.decider';

type Registration = Extract<PetitionCommand, { type: 'RegisterPetition' }>['data'];

/** What the petitions office registers: the answer deadline it works out itself. */
function registrationOf(registered: EventOf<'hub.petition.PetitionRegistered.v1'>): Registration {
  const { petitionNo, registeredAt, form, category, place, summary, relatedTicketNo, personal } = registered.data;
  return { petitionNo, registeredAt, form, category, place, summary, relatedTicketNo, personal };
}

const register = (registered = petitionRegistered()): PetitionCommand => ({ type: 'RegisterPetition', data: registrationOf(registered) });
const answer = (petitionNo = WATER_CARD_PETITION): PetitionCommand => ({
  type: 'AnswerPetition',
  data: { petitionNo, answer: petitionAnswered().data.answer },
});

const ANSWERED_AT = '2024-02-22T10:00:00+08:00';

describe('letters-and-visits (信访) office', () => {
  describe('registering a petition', () => {
    it('starts a dispute of its own when it names no work order, to be answered within 60 days', () => {
      const registered = petitionRegistered({ relatedTicketNo: undefined });
      given().when(decidePetition, register(registered), moment(WATER_CARD_AT.petitionRegistered)).then([registered]);
    });

    it('counts the 60 days across February of a leap year: registered 3 January, due 3 March', () => {
      given().when(decidePetition, register(), moment(WATER_CARD_AT.petitionRegistered)).then([petitionRegistered()]);
    });

    it('counts the 60 days from the China-time day of registration', () => {
      const registered = petitionRegistered({ registeredAt: '2024-01-10T16:30:00Z', dueBy: '2024-03-11T23:59:59+08:00' });
      given().when(decidePetition, register(registered), moment('2024-01-10T16:31:00Z')).then([registered]);
    });

    it('joins the dispute of the 12345 work order the petitioner already raised', () => {
      given(...waterCardAssigned()).when(decidePetition, register(), moment(WATER_CARD_AT.petitionRegistered)).then([petitionRegistered()]);
    });

    it('joins that dispute even when registered before the dispute’s last event', () => {
      given(...waterCardAgreed()).when(decidePetition, register(), moment('2024-02-21T09:00:00+08:00')).then([petitionRegistered()]);
    });

    it('joins a closed dispute too: another channel reporting it means it is not over', () => {
      const registered = petitionRegistered({ registeredAt: '2024-03-01T10:00:00+08:00', dueBy: '2024-04-30T23:59:59+08:00' });
      given(...waterCardClosed()).when(decidePetition, register(registered), moment('2024-03-01T10:00:00+08:00')).then([registered]);
    });

    it('changes nothing when the same petition is registered again', () => {
      given(...waterCardAssigned(), petitionRegistered()).when(decidePetition, register(), moment('2024-01-04T10:00:00+08:00')).then([]);
    });

    it('refuses the same petition number with other content', () => {
      const changed = petitionRegistered({ form: 'visit' });
      given(...waterCardAssigned(), petitionRegistered())
        .when(decidePetition, register(changed), moment('2024-01-04T10:00:00+08:00'))
        .thenRefuses('PETITION_CONFLICT');
    });

    it('refuses to join a report that is linked to another dispute', () => {
      given(complaintReceived(), reportLinked('dispute-of-the-grid-check'))
        .when(decidePetition, register(), moment(WATER_CARD_AT.petitionRegistered))
        .thenRefuses('DISPUTE_LINKED');
    });

    it('refuses a petition registered in the future', () => {
      given().when(decidePetition, register(), moment(WATER_CARD_AT.petitionRegistered, '2024-01-03T09:00:00+08:00')).thenRefuses('OCCURRED_IN_FUTURE');
    });
  });

  describe('answering a petition', () => {
    it('records the answer', () => {
      given(...waterCardAssigned(), petitionRegistered()).when(decidePetition, answer(), moment(ANSWERED_AT)).then([petitionAnswered()]);
    });

    it('answers a petition also after its dispute was closed: the petitioner is owed an answer', () => {
      given(...waterCardInMediation(), petitionRegistered(), agreementRecorded(), agreementFulfilled(), disputeClosed())
        .when(decidePetition, answer(), moment(ANSWERED_AT))
        .then([petitionAnswered()]);
    });

    it('refuses a petition that is not part of the dispute', () => {
      given(...waterCardAssigned(), petitionRegistered()).when(decidePetition, answer('GXXF-2024-0999'), moment(ANSWERED_AT)).thenRefuses('PETITION_NOT_FOUND');
    });

    it('refuses to answer a petition twice', () => {
      given(...waterCardAssigned(), petitionRegistered(), petitionAnswered())
        .when(decidePetition, answer(), moment('2024-02-23T10:00:00+08:00'))
        .thenRefuses('PETITION_ALREADY_ANSWERED');
    });

    it('refuses an unknown dispute', () => {
      given().when(decidePetition, answer(), moment(ANSWERED_AT)).thenRefuses('DISPUTE_NOT_FOUND');
    });

    it('refuses an answer dated before the last thing known of the dispute', () => {
      given(...waterCardAgreed(), petitionRegistered()).when(decidePetition, answer(), moment('2024-02-01T10:00:00+08:00')).thenRefuses('OCCURRED_BEFORE_LAST_EVENT');
    });

    it('refuses an answer dated in the future', () => {
      given(...waterCardAssigned(), petitionRegistered())
        .when(decidePetition, answer(), moment(ANSWERED_AT, '2024-02-22T09:00:00+08:00'))
        .thenRefuses('OCCURRED_IN_FUTURE');
    });
  });
});
