import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, EVENT_TYPES, OFFICES, type Office } from '@hub/contracts';
import { IsInstant } from '@hub/office-kit';
import { DISPUTE_STATUSES } from '@hub/dispute';

export class FeedFilterDto {
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(OFFICES, { each: true }) offices?: Office[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsIn(EVENT_TYPES, { each: true }) types?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @IsIn(CATEGORIES, { each: true }) categories?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(64, { each: true }) streets?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(64, { each: true }) communities?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(12) @IsIn(DISPUTE_STATUSES, { each: true }) statuses?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) disputeIds?: string[];
  /** Only disputes one of the subscribing office's own reports belongs to (e.g. its petitions). */
  @IsOptional() @IsBoolean() mine?: boolean;
}

export class StartDto {
  @IsIn(['now', 'beginning', 'position', 'time']) from!: 'now' | 'beginning' | 'position' | 'time';
  /** With `position`: the journal sequence to start after. */
  @IsOptional() @IsInt() @Min(0) position?: number;
  /** With `time`: events recorded at or after this moment. */
  @IsOptional() @IsInstant() time?: string;
}

export class WebhookDto {
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }) url!: string;
  @IsOptional() @IsInt() @Min(1) @Max(500) batchSize?: number;
  @IsOptional() @IsInt() @Min(1) @Max(50) maxAttempts?: number;
  @IsOptional() @IsInt() @Min(100) @Max(30_000) timeoutMs?: number;
}

export class CreateSubscriptionDto {
  @IsString() @MaxLength(100) name!: string;
  @IsOptional() @ValidateNested() @Type(() => FeedFilterDto) filter?: FeedFilterDto;
  @IsOptional() @ValidateNested() @Type(() => StartDto) start?: StartDto;
  /** Absent: read the feed over Server-Sent Events. */
  @IsOptional() @ValidateNested() @Type(() => WebhookDto) webhook?: WebhookDto;
}

/** The same filter as query parameters, comma-separated, for the ad-hoc stream. */
export class AdHocFeedQuery {
  @IsOptional() @IsString() @MaxLength(200) offices?: string;
  @IsOptional() @IsString() @MaxLength(4000) types?: string;
  @IsOptional() @IsString() @MaxLength(200) categories?: string;
  @IsOptional() @IsString() @MaxLength(2000) streets?: string;
  @IsOptional() @IsString() @MaxLength(8000) communities?: string;
  @IsOptional() @IsString() @MaxLength(400) statuses?: string;
  @IsOptional() @IsString() @MaxLength(40000) disputeIds?: string;
  @IsOptional() @IsIn(['true', 'false']) mine?: string;
  /** Journal sequence to start after (Last-Event-ID wins when sent). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
}

export class SseQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
}
