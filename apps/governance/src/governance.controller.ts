// The governance centre's HTTP API (综治中心): grid checks, triage, teams, tiers, joint mediation,
// linking reports of one dispute, closure and reopening.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  DisputeIdParam,
  Metadata,
  OfficeCommand,
  OfficeWriter,
  defined,
  disputeIdFor,
  intakeAnswer,
  personOf,
  splitPlace,
  type CommandMetadata,
  type WriteResult,
} from '@hub/office-kit';
import { decideGovernance, type GovernanceCommand } from './governance.decider';
import {
  AssignTeamDto,
  CloseDto,
  EscalateDto,
  GridCheckDto,
  JointMediationDto,
  LeadOfficeDto,
  LinkDto,
  ReopenDto,
  TriageDto,
} from './governance.dto';

@ApiTags('governance')
@Controller('v1/governance')
export class GovernanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly writer: OfficeWriter,
  ) {}

  private run(disputeId: string, command: GovernanceCommand, meta: CommandMetadata, at?: string): Promise<WriteResult> {
    return this.commands.execute(new OfficeCommand('governance', disputeId, (s, w) => decideGovernance(command, s, w), meta, at));
  }

  /** A dispute found early, before any complaint or petition (发现在萌芽). */
  @Post('grid-checks')
  @HttpCode(202)
  async report(@Body() dto: GridCheckDto, @Metadata('governance') meta: CommandMetadata) {
    const { place, address } = splitPlace(dto.place);
    const data = {
      checkNo: dto.checkNo,
      gridWorker: dto.gridWorker,
      category: dto.category,
      place,
      summary: dto.summary,
      riskLevel: dto.riskLevel,
      personal: defined({ parties: dto.parties.map(personOf), address }),
    };
    const result = await this.run(disputeIdFor('grid_check', dto.checkNo), { type: 'ReportGridCheck', data }, meta, dto.foundAt);
    return intakeAnswer(result);
  }

  @Post('disputes/:id/triage')
  @HttpCode(202)
  triage(@DisputeIdParam() id: string, @Body() { at, ...data }: TriageDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'TriageDispute', data: defined(data) }, meta, at);
  }

  /** 牵头单位: the one office that speaks to the citizen. */
  @Post('disputes/:id/lead-office')
  @HttpCode(202)
  lead(@DisputeIdParam() id: string, @Body() { at, ...data }: LeadOfficeDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'DesignateLeadOffice', data }, meta, at);
  }

  @Post('disputes/:id/team')
  @HttpCode(202)
  assign(@DisputeIdParam() id: string, @Body() { at, team }: AssignTeamDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'AssignTeam', data: { team: { ...team } } }, meta, at);
  }

  @Post('disputes/:id/escalations')
  @HttpCode(202)
  escalate(@DisputeIdParam() id: string, @Body() { at, ...data }: EscalateDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'EscalateDispute', data }, meta, at);
  }

  @Post('disputes/:id/joint-mediations')
  @HttpCode(202)
  convene(@DisputeIdParam() id: string, @Body() { at, ...data }: JointMediationDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'ConveneJointMediation', data }, meta, at);
  }

  /** Confirms that report `:id` is the same dispute as `primaryId`; `:id` then points there. */
  @Post('disputes/:id/links')
  @HttpCode(202)
  async link(@DisputeIdParam() id: string, @Body() { at, ...data }: LinkDto, @Metadata('governance') meta: CommandMetadata) {
    const primary = await this.writer.stateOf(data.primaryId);
    return this.run(id, { type: 'LinkReport', data, self: id, primary }, meta, at);
  }

  @Post('disputes/:id/closure')
  @HttpCode(202)
  close(@DisputeIdParam() id: string, @Body() { at, ...data }: CloseDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'CloseDispute', data: defined(data) }, meta, at);
  }

  /** 矛盾反弹: a closed dispute flared up again. */
  @Post('disputes/:id/reopenings')
  @HttpCode(202)
  reopen(@DisputeIdParam() id: string, @Body() { at, note }: ReopenDto, @Metadata('governance') meta: CommandMetadata) {
    return this.run(id, { type: 'ReopenDispute', data: { note } }, meta, at);
  }
}
