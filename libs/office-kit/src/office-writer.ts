// The one write path of every office: load the dispute's history, fold it, decide, and append
// to the office's own stream with the revision it read. A writer that lost a race decides again.
// Every event is built here, so here its `personal` part is encrypted before anything stores it.
import { Inject, Injectable } from '@nestjs/common';
import { dataSchemaUri, eventDataErrors, type DisputeEvent, type Office } from '@hub/contracts';
import { foldDispute, type DisputeState } from '@hub/dispute';
import { ConcurrencyConflictError, EVENT_STORE, type EventStore, type NewEvent } from '@hub/event-store';
import { PERSONAL_DATA, PersonalDataCipher } from '@hub/security';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from './clock';
import { DISPUTE_HISTORY, streamOf, type DisputeHistory } from './dispute-history';

export interface CommandMetadata {
  actor: string;
  correlationId?: string;
  causationId?: string;
}

export interface WriteResult {
  disputeId: string;
  eventIds: string[];
  /** Global position of the last event written (or 0 when nothing was written): a consistency token. */
  position: number;
}

export type Decision = (state: DisputeState, now: string) => DisputeEvent[] | Promise<DisputeEvent[]>;

const ATTEMPTS = 5;

@Injectable()
export class OfficeWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPUTE_HISTORY) private readonly history: DisputeHistory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalDataCipher,
  ) {}

  /** The dispute's current state, for commands that must consult another dispute. */
  async stateOf(disputeId: string): Promise<DisputeState> {
    return foldDispute((await this.history.load(disputeId)).map((s) => s.event));
  }

  async execute(office: Office, disputeId: string, decide: Decision, meta: CommandMetadata): Promise<WriteResult> {
    const stream = streamOf(office, disputeId);
    for (let attempt = 1; ; attempt++) {
      const history = await this.history.load(disputeId);
      const own = history.filter((s) => s.streamId === stream);
      const now = this.clock.now();
      const events = await decide(foldDispute(history.map((s) => s.event)), now);
      if (events.length === 0) return { disputeId, eventIds: [], position: 0 };
      const correlationId = meta.correlationId ?? this.ids.next();
      const toAppend = await Promise.all(
        events.map((e) => this.personal.sealEvent(this.envelope(office, disputeId, e, now, { ...meta, correlationId }))),
      );
      try {
        const expected = own.length === 0 ? 'no_stream' : own[own.length - 1].revision;
        const { position } = await this.store.append(stream, toAppend, expected);
        return { disputeId, eventIds: toAppend.map((e) => e.id), position };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private envelope(office: Office, disputeId: string, event: DisputeEvent, now: string, meta: CommandMetadata & { correlationId: string }): NewEvent {
    const problems = eventDataErrors(event.type, event.data);
    if (problems.length > 0) throw new Error(`${event.type} does not match its schema: ${problems.join('; ')}`);
    const id = this.ids.next();
    return {
      specversion: '1.0',
      id,
      source: `/offices/${office}`,
      type: event.type,
      subject: disputeId,
      time: now,
      datacontenttype: 'application/json',
      dataschema: dataSchemaUri(event.type),
      correlationid: meta.correlationId,
      causationid: meta.causationId ?? meta.correlationId,
      actor: meta.actor,
      data: event.data,
    } as NewEvent;
  }
}

/** What an intake answers: the dispute, whether the report was already known, and the consistency token. */
export function intakeAnswer(result: WriteResult): { disputeId: string; duplicate: boolean; position: number } {
  return { disputeId: result.disputeId, duplicate: result.eventIds.length === 0, position: result.position };
}
