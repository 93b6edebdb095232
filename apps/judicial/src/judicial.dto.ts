import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, INTERIM_MEASURE_KINDS, SATISFACTIONS, type Category, type InterimMeasureKind, type Satisfaction } from '@hub/contracts';
import { IsInstant, NoteDto, PersonDto, ReportedPlaceDto, StepDto, nested } from '@hub/office-kit';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

/** A citizen who brings a dispute to the mediation centre in person. */
export class WalkInDto {
  @Matches(NUMBER, { message: 'registrationNo must be 3-64 letters, digits, "-" or "_"' })
  registrationNo!: string;
  @IsInstant() registeredAt!: string;
  @IsIn(CATEGORIES) category!: Category;
  @nested(() => ReportedPlaceDto) place!: ReportedPlaceDto;
  @IsString() @IsNotEmpty() @MaxLength(500) summary!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @nested(() => PersonDto) parties!: PersonDto[];
}

export class InterimMeasureDto extends StepDto {
  /** utility_restored, payment_deferred, safety, access_restored or other (default). */
  @IsOptional() @IsIn(INTERIM_MEASURE_KINDS) kind?: InterimMeasureKind;
  @IsString() @IsNotEmpty() @MaxLength(2000) measure!: string;
}

export class MediationDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(64) mediator!: string;
}

export class FailureDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class AgreementDto extends StepDto {
  @Matches(NUMBER, { message: 'agreementNo must be 3-64 letters, digits, "-" or "_"' })
  agreementNo!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) terms!: string;
  @IsInstant() fulfilBy!: string;
}

export class FulfilmentDto extends StepDto {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class FollowUpDto extends StepDto {
  @IsIn(SATISFACTIONS) satisfaction!: Satisfaction;
  @IsBoolean() rebound!: boolean;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CourtReferralDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(100) court!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export { NoteDto };
