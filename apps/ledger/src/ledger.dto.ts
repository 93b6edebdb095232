import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, OFFICES } from '@hub/contracts';
import { GROUPINGS, type Grouping } from '@hub/ledger-core';
import { DISPUTE_STATUSES } from '@hub/dispute';
import { IsInstant } from '@hub/office-kit';



export class ConsistencyQuery {
  /** Wait (up to 5 s) until the ledger has applied the write that answered with this position. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  /** Why personal data is read in the clear (needs pii:read; recorded). Also as the X-Access-Reason header. */
  @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class DisputeListQuery extends ConsistencyQuery {
  @IsOptional() @IsIn(DISPUTE_STATUSES) status?: string;
  @IsOptional() @IsIn(CATEGORIES) category?: string;
  /** Disputes any event of this office touched. */
  @IsOptional() @IsIn(OFFICES) office?: string;
  @IsOptional() @IsString() @MaxLength(64) street?: string;
  @IsOptional() @IsString() @MaxLength(64) community?: string;
  /** Reported at or after. */
  @IsOptional() @IsInstant() from?: string;
  /** Reported before. */
  @IsOptional() @IsInstant() to?: string;
  /** Words of the summary, a ledger number, or a ticket or petition number. */
  @IsOptional() @IsString() @MaxLength(100) text?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, { message: 'ticketNo must be 3-64 letters, digits, "-" or "_"' })
  ticketNo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class StatsQuery extends ConsistencyQuery {
  @IsInstant() from!: string;
  @IsInstant() to!: string;
  @IsOptional() @IsIn(GROUPINGS) groupBy?: Grouping;
}
