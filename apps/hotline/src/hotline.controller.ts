// The 12345 hotline office's HTTP API: work-order intake and the steps of a work order.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DisputeIdParam, Metadata, OfficeCommand, StepDto, defined, disputeIdFor, intakeAnswer, personOf, splitPlace, type CommandMetadata, type WriteResult } from '@hub/office-kit';
import { decideHotline, type HotlineCommand } from './hotline.decider';
import { ComplaintDto, ExtendDeadlineDto, OfficeNoticeDto, PauseDeadlineDto, RatingDto, ReplyDto, SupervisionDto } from './hotline.dto';

@ApiTags('hotline')
@Controller('v1/hotline')
export class HotlineController {
  constructor(private readonly commands: CommandBus) {}

  private run(disputeId: string, command: HotlineCommand, meta: CommandMetadata, at?: string): Promise<WriteResult> {
    return this.commands.execute(new OfficeCommand('hotline', disputeId, (s, w) => decideHotline(command, s, w), meta, at));
  }

  /** Receives a work order; the same ticket pushed again changes nothing and answers the same dispute. */
  @Post('complaints')
  @HttpCode(202)
  async receive(@Body() dto: ComplaintDto, @Metadata('hotline') meta: CommandMetadata) {
    const { place, address } = splitPlace(dto.place);
    const data = defined({
      ticketNo: dto.ticketNo,
      receivedAt: dto.receivedAt,
      channel: dto.channel,
      kind: dto.kind ?? 'complaint',
      category: dto.category,
      place,
      summary: dto.summary,
      details: dto.details,
      personal: defined({ caller: personOf(dto.caller), address }),
    });
    const result = await this.run(disputeIdFor('ticket', dto.ticketNo), { type: 'ReceiveComplaint', data }, meta);
    return intakeAnswer(result);
  }

  @Post('disputes/:id/deadline-extensions')
  @HttpCode(202)
  extend(@DisputeIdParam() id: string, @Body() { at, ...data }: ExtendDeadlineDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'ExtendDeadline', data }, meta, at);
  }

  @Post('disputes/:id/deadline-pauses')
  @HttpCode(202)
  pause(@DisputeIdParam() id: string, @Body() { at, ...data }: PauseDeadlineDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'PauseDeadline', data }, meta, at);
  }

  @Post('disputes/:id/deadline-resumptions')
  @HttpCode(202)
  resume(@DisputeIdParam() id: string, @Body() { at }: StepDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'ResumeDeadline', data: {} }, meta, at);
  }

  /** 催办: remind the handling office. */
  @Post('disputes/:id/reminders')
  @HttpCode(202)
  remind(@DisputeIdParam() id: string, @Body() { at, ...data }: OfficeNoticeDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'IssueReminder', data }, meta, at);
  }

  /** 督办: put the matter under supervision. */
  @Post('disputes/:id/supervisions')
  @HttpCode(202)
  supervise(@DisputeIdParam() id: string, @Body() { at, ...data }: SupervisionDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'OrderSupervision', data: defined(data) }, meta, at);
  }

  @Post('disputes/:id/replies')
  @HttpCode(202)
  reply(@DisputeIdParam() id: string, @Body() { at, ...data }: ReplyDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'ReplyToCitizen', data }, meta, at);
  }

  /** 好差评: the citizen's rating; dissatisfied reopens a closed dispute. */
  @Post('disputes/:id/ratings')
  @HttpCode(202)
  rate(@DisputeIdParam() id: string, @Body() { at, ...data }: RatingDto, @Metadata('hotline') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordRating', data: defined(data) }, meta, at);
  }
}
