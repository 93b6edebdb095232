import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ACCESS_ACTIONS, type AccessAction } from '@hub/security';
import { IsInstant } from '@hub/office-kit';

export const SUBJECT_ID = /^sub_[0-9a-f]{32}$/;

/** Find a citizen's data subjects by exactly one of: phone, ID number, or a dispute they are party to. */
export class SubjectLookupQuery {
  @IsOptional() @Matches(/^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone must be a Chinese mobile or landline number' })
  phone?: string;
  @IsOptional() @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber?: string;
  @IsOptional() @IsUUID() disputeId?: string;
  /** Why (recorded); also as the X-Access-Reason header. */
  @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class ErasureDto {
  /** Why the citizen's data is erased, e.g. the request's reference (recorded). */
  @IsString() @IsNotEmpty() @MinLength(4) @MaxLength(200) reason!: string;
}

export class AccessLogQuery {
  @IsOptional() @IsUUID() disputeId?: string;
  @IsOptional() @IsString() @MaxLength(100) principal?: string;
  @IsOptional() @Matches(SUBJECT_ID, { message: 'subjectId must be a subject id (sub_ and 32 hex digits)' }) subjectId?: string;
  @IsOptional() @IsIn(ACCESS_ACTIONS) action?: AccessAction;
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
