import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, CLOSE_OUTCOMES, JOINT_PARTICIPANTS, OFFICES, RISK_LEVELS } from '@hub/contracts';
import type { Category, CloseOutcome, JointParticipant, Office, RiskLevel } from '@hub/contracts';
import { IsInstant, NoteDto, PersonDto, ReportedPlaceDto, StepDto, nested } from '@hub/office-kit';

const Name = () => (target: object, key: string | symbol) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(64)(target, key);
};

/** A dispute a grid worker (网格员) found in a door-to-door check (排查). */
export class GridCheckDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, { message: 'checkNo must be 3-64 letters, digits, "-" or "_"' })
  checkNo!: string;
  @IsInstant() foundAt!: string;
  @Name() gridWorker!: string;
  @IsIn(CATEGORIES) category!: Category;
  @IsIn(RISK_LEVELS) riskLevel!: RiskLevel;
  @nested(() => ReportedPlaceDto) place!: ReportedPlaceDto;
  @IsString() @IsNotEmpty() @MaxLength(500) summary!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @nested(() => PersonDto) parties!: PersonDto[];
}

export class TriageDto extends StepDto {
  @IsIn(RISK_LEVELS) riskLevel!: RiskLevel;
  @IsIn(CATEGORIES) category!: Category;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class LeadOfficeDto extends StepDto {
  @IsIn(OFFICES) office!: Office;
}

/** The "1+3" team: grid worker, legal adviser, rule-of-law leader, people's mediator. */
export class TeamDto {
  @Name() gridWorker!: string;
  @Name() legalAdviser!: string;
  @Name() ruleOfLawLeader!: string;
  @Name() mediator!: string;
}

export class AssignTeamDto extends StepDto {
  @nested(() => TeamDto) team!: TeamDto;
}

export class EscalateDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(100) handledBy!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class JointMediationDto extends StepDto {
  @IsArray() @ArrayMinSize(2) @ArrayUnique() @IsIn(JOINT_PARTICIPANTS, { each: true }) participants!: JointParticipant[];
  @IsString() @IsNotEmpty() @MaxLength(200) venue!: string;
}

export class LinkDto extends StepDto {
  /** The dispute this report is the same as. */
  @IsUUID() primaryId!: string;
  @Name() confirmedBy!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CloseDto extends StepDto {
  @IsIn(CLOSE_OUTCOMES) outcome!: CloseOutcome;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReopenDto extends NoteDto {}
