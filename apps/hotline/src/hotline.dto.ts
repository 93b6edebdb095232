import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, HOTLINE_CHANNELS, MATTER_KINDS, OFFICES, REPLY_OUTCOMES, SATISFACTIONS } from '@hub/contracts';
import type { Category, HotlineChannel, MatterKind, Office, ReplyOutcome, Satisfaction } from '@hub/contracts';
import { IsInstant, PersonDto, ReportedPlaceDto, StepDto, nested } from '@hub/office-kit';

/** A 12345 work order (工单), as the hotline system pushes it: the published intake contract. */
export class ComplaintDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, { message: 'ticketNo must be 3-64 letters, digits, "-" or "_"' })
  ticketNo!: string;
  @IsInstant() receivedAt!: string;
  @IsIn(HOTLINE_CHANNELS) channel!: HotlineChannel;
  /** emergency, enquiry, help or complaint (default): fixes the deadline in working days. */
  @IsOptional() @IsIn(MATTER_KINDS) kind?: MatterKind;
  @IsIn(CATEGORIES) category!: Category;
  @nested(() => PersonDto) caller!: PersonDto;
  @nested(() => ReportedPlaceDto) place!: ReportedPlaceDto;
  @IsString() @IsNotEmpty() @MaxLength(500) summary!: string;
  @IsOptional() @IsString() @MaxLength(10000) details?: string;
}

export class ExtendDeadlineDto extends StepDto {
  @IsInt() @Min(1) @Max(60) extraWorkingDays!: number;
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) approvedBy!: string;
}

export class PauseDeadlineDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class OfficeNoticeDto extends StepDto {
  @IsIn(OFFICES) to!: Office;
  @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

export class SupervisionDto extends OfficeNoticeDto {
  @IsOptional() @IsInstant() respondBy?: string;
}

export class ReplyDto extends StepDto {
  @IsIn(REPLY_OUTCOMES) outcome!: ReplyOutcome;
  @IsString() @IsNotEmpty() @MaxLength(5000) content!: string;
}

export class RatingDto extends StepDto {
  @IsIn(SATISFACTIONS) satisfaction!: Satisfaction;
  @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
