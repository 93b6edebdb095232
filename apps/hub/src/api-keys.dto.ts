import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OFFICES, type Office } from '@hub/contracts';
import { ROLES, SCOPES, type Role, type Scope } from '@hub/security';

export class NewKeyDto {
  @IsIn(ROLES) role!: Role;
  /** For an office key: the one office it speaks for. */
  @IsOptional() @IsIn(OFFICES) office?: Office;
  /** For an analyst or administrator key: who holds it, e.g. `wang` (the principal is `analyst:wang`). */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9._-]{1,31}$/, { message: 'name must be 2-32 lower-case letters, digits, ".", "_" or "-"' })
  name?: string;
  /** Default: the role's scopes. At most what the role may be given (office keys: also pii:read). */
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(SCOPES, { each: true }) scopes?: Scope[];
}

export class RotationDto {
  /** How long the old key keeps working, so the holder can switch without a gap (default 0: at once). */
  @IsOptional() @IsInt() @Min(0) @Max(7 * 24 * 3600) overlapSeconds?: number;
}

export const KEY_ID = /^[0-9a-f]{12}$/;
