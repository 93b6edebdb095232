import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { GROUPINGS, type Grouping } from '@hub/ledger-core';
import { IsInstant } from '@hub/office-kit';

/** Lists are comma-separated. */
export class HistoryQuery {
  @IsOptional() @IsString() @MaxLength(200) offices?: string;
  @IsOptional() @IsString() @MaxLength(4000) types?: string;
  @IsOptional() @IsString() @MaxLength(40000) disputeIds?: string;
  @IsOptional() @IsString() @MaxLength(2000) streets?: string;
  @IsOptional() @IsString() @MaxLength(8000) communities?: string;
  /** Events that happened at or after. */
  @IsOptional() @IsInstant() from?: string;
  /** Events that happened before. */
  @IsOptional() @IsInstant() to?: string;
  /** Resume after this journal position (the `seq` of the last line received). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
}

export class AsOfQuery {
  @IsInstant() at!: string;
  @IsOptional() @IsUUID() disputeId?: string;
}

export class FiguresQuery {
  @IsInstant() from!: string;
  @IsInstant() to!: string;
  @IsOptional() @IsIn(GROUPINGS) groupBy?: Grouping;
}
