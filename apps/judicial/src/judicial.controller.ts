// The judicial office's HTTP API (司法所, 人民调解): walk-ins, interim measures, mediation,
// agreements and their fulfilment, follow-up visits and referral to court.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  DisputeIdParam,
  Metadata,
  OfficeCommand,
  defined,
  disputeIdFor,
  intakeAnswer,
  personOf,
  splitPlace,
  type CommandMetadata,
  type WriteResult,
} from '@hub/office-kit';
import { decideJudicial, type JudicialCommand } from './judicial.decider';
import {
  AgreementDto,
  CourtReferralDto,
  FailureDto,
  FollowUpDto,
  FulfilmentDto,
  InterimMeasureDto,
  MediationDto,
  NoteDto,
  WalkInDto,
} from './judicial.dto';

@ApiTags('judicial')
@Controller('v1/judicial')
export class JudicialController {
  constructor(private readonly commands: CommandBus) {}

  private run(disputeId: string, command: JudicialCommand, meta: CommandMetadata, at?: string): Promise<WriteResult> {
    return this.commands.execute(new OfficeCommand('judicial', disputeId, (s, w) => decideJudicial(command, s, w), meta, at));
  }

  @Post('walk-ins')
  @HttpCode(202)
  async walkIn(@Body() dto: WalkInDto, @Metadata('judicial') meta: CommandMetadata) {
    const { place, address } = splitPlace(dto.place);
    const data = {
      registrationNo: dto.registrationNo,
      category: dto.category,
      place,
      summary: dto.summary,
      personal: defined({ parties: dto.parties.map(personOf), address }),
    };
    const id = disputeIdFor('walk_in', dto.registrationNo);
    const result = await this.run(id, { type: 'RegisterWalkIn', data }, meta, dto.registeredAt);
    return intakeAnswer(result);
  }

  @Post('disputes/:id/interim-measures')
  @HttpCode(202)
  interim(@DisputeIdParam() id: string, @Body() { at, kind, measure }: InterimMeasureDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'TakeInterimMeasure', data: { kind: kind ?? 'other', measure } }, meta, at);
  }

  /** Starts a mediation attempt at the dispute's tier ("331": 3, 3, then 1 attempt). */
  @Post('disputes/:id/mediations')
  @HttpCode(202)
  mediate(@DisputeIdParam() id: string, @Body() { at, ...data }: MediationDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'StartMediation', data }, meta, at);
  }

  @Post('disputes/:id/mediation-failures')
  @HttpCode(202)
  fail(@DisputeIdParam() id: string, @Body() { at, ...data }: FailureDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordMediationFailure', data }, meta, at);
  }

  @Post('disputes/:id/agreements')
  @HttpCode(202)
  agree(@DisputeIdParam() id: string, @Body() { at, ...data }: AgreementDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordAgreement', data }, meta, at);
  }

  @Post('disputes/:id/fulfilment-urges')
  @HttpCode(202)
  urge(@DisputeIdParam() id: string, @Body() { at, ...data }: NoteDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'UrgeFulfilment', data }, meta, at);
  }

  @Post('disputes/:id/fulfilments')
  @HttpCode(202)
  fulfil(@DisputeIdParam() id: string, @Body() { at, ...data }: FulfilmentDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordFulfilment', data: defined(data) }, meta, at);
  }

  @Post('disputes/:id/breaches')
  @HttpCode(202)
  breach(@DisputeIdParam() id: string, @Body() { at, ...data }: NoteDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordBreach', data }, meta, at);
  }

  /** 回访: a rebound or a dissatisfied party reopens a closed dispute. */
  @Post('disputes/:id/follow-ups')
  @HttpCode(202)
  followUp(@DisputeIdParam() id: string, @Body() { at, ...data }: FollowUpDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'RecordFollowUp', data: defined(data) }, meta, at);
  }

  @Post('disputes/:id/court-referrals')
  @HttpCode(202)
  refer(@DisputeIdParam() id: string, @Body() { at, ...data }: CourtReferralDto, @Metadata('judicial') meta: CommandMetadata) {
    return this.run(id, { type: 'ReferToCourt', data }, meta, at);
  }
}
