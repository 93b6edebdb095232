// Request pieces every office's API shares, with their validation rules.
import { Param, ParseUUIDPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** ISO-8601 with a time zone: a bare local time would be ambiguous between offices. */
export const ISO_WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
const ZONE_MESSAGE = '$property must be an ISO-8601 date-time with a time zone, e.g. 2023-12-27T09:30:00+08:00';

export function IsInstant(): PropertyDecorator {
  return (target, key) => {
    IsISO8601({ strict: true, strictSeparator: true }, { message: ZONE_MESSAGE })(target, key);
    Matches(ISO_WITH_ZONE, { message: ZONE_MESSAGE })(target, key);
  };
}

export class PlaceDto {
  @IsString() @IsNotEmpty() @MaxLength(64) district!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) street!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) community!: string;
}

/** A place as reported, with the street address that only the `personal` part may carry. */
export class ReportedPlaceDto extends PlaceDto {
  @IsOptional() @IsString() @MaxLength(200) address?: string;
}

export class PersonDto {
  @IsString() @IsNotEmpty() @MaxLength(64) name!: string;
  @IsOptional() @Matches(/^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'phone must be a Chinese mobile or landline number' })
  phone?: string;
  @IsOptional() @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber?: string;
}

/** Every step may say when it happened; it defaults to the moment the hub receives it. */
export class StepDto {
  @IsOptional() @IsInstant() at?: string;
}

export class NoteDto extends StepDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

/** A required nested object (or array of them) validated by its own class. */
export const nested = (cls: () => new () => object) => (target: object, key: string | symbol) => {
  IsDefined()(target, key);
  ValidateNested()(target, key);
  Type(cls)(target, key);
};

export function splitPlace(place: ReportedPlaceDto): { place: PlaceDto; address?: string } {
  const { address, district, street, community } = place;
  return { place: { district, street, community }, ...(address ? { address } : {}) };
}

export function personOf(p: PersonDto): PersonDto {
  return { name: p.name, ...(p.phone ? { phone: p.phone } : {}), ...(p.idNumber ? { idNumber: p.idNumber } : {}) };
}

/** Drops undefined members so that the same request always gives the same event data. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The id of a dispute in a route: ids are UUIDs derived from the first report. */
export const DisputeIdParam = () => Param('id', new ParseUUIDPipe({ version: '5' }));
