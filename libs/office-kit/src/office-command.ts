// One CQRS command for every office step: which office acts on which dispute, with the office's
// decision to take on the dispute's current state. Its handler is the office writer.
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DisputeEvent, Office } from '@hub/contracts';
import type { DisputeState, When, WorkCalendar } from '@hub/dispute';
import { calendarFromEnv } from './config';
import { OfficeWriter, type CommandMetadata, type WriteResult } from './office-writer';

/** The working-day calendar the offices count deadlines in; China's unless overridden. */
export const WORK_CALENDAR = Symbol('WORK_CALENDAR');

export class OfficeCommand {
  constructor(
    readonly office: Office,
    readonly disputeId: string,
    readonly decide: (state: DisputeState, when: When) => DisputeEvent[],
    readonly meta: CommandMetadata,
    /** When it happened, if the caller said; else when the hub received it. */
    readonly at?: string,
  ) {}
}

@CommandHandler(OfficeCommand)
export class OfficeCommandHandler implements ICommandHandler<OfficeCommand, WriteResult> {
  private readonly calendar: WorkCalendar;

  constructor(
    private readonly writer: OfficeWriter,
    @Optional() @Inject(WORK_CALENDAR) calendar?: WorkCalendar,
  ) {
    this.calendar = calendar ?? calendarFromEnv(process.env);
  }

  execute({ office, disputeId, decide, meta, at }: OfficeCommand): Promise<WriteResult> {
    return this.writer.execute(office, disputeId, (state, now) => decide(state, { at: at ?? now, now, calendar: this.calendar }), meta);
  }
}
