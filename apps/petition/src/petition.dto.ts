import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, PETITION_FORMS, type Category, type PetitionForm } from '@hub/contracts';
import { IsInstant, PersonDto, ReportedPlaceDto, StepDto, nested } from '@hub/office-kit';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;

/** A petition (信访事项) as the petitions office registers it. */
export class PetitionDto {
  @Matches(NUMBER, { message: 'petitionNo must be 3-64 letters, digits, "-" or "_"' })
  petitionNo!: string;
  @IsInstant() registeredAt!: string;
  @IsIn(PETITION_FORMS) form!: PetitionForm;
  @IsIn(CATEGORIES) category!: Category;
  @nested(() => PersonDto) petitioner!: PersonDto;
  @nested(() => ReportedPlaceDto) place!: ReportedPlaceDto;
  @IsString() @IsNotEmpty() @MaxLength(500) summary!: string;
  /** The 12345 work order the petitioner raised before, when known: the petition joins that dispute. */
  @IsOptional() @Matches(NUMBER, { message: 'relatedTicketNo must be 3-64 letters, digits, "-" or "_"' })
  relatedTicketNo?: string;
}

export class AnswerDto extends StepDto {
  @Matches(NUMBER, { message: 'petitionNo must be 3-64 letters, digits, "-" or "_"' })
  petitionNo!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) answer!: string;
}
