// One CQRS command for every office step: which office acts on which dispute, with the office's
// decision to take on the dispute's current state. Its handler is the office writer.
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DisputeEvent, Office } from '@hub/contracts';
import type { DisputeState, When, WorkCalendar } from '@hub/dispute';
import { calendarFromEnv } from './config';
import { OfficeWriter, type CommandMetadata, type WriteResult } from './office-writer';

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
  /** The working-day calendar deadlines are counted in: China's, with the deployment's additions. */
  private readonly calendar: WorkCalendar = calendarFromEnv(process.env);

  constructor(private readonly writer: OfficeWriter) {}

  execute({ office, disputeId, decide, meta, at }: OfficeCommand): Promise<WriteResult> {
    return this.writer.execute(office, disputeId, (state, now) => decide(state, { at: at ?? now, now, calendar: this.calendar }), meta);
  }
}
