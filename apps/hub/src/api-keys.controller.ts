// Administration of API keys (`keys:admin`): issue, list, rotate and revoke. A key is shown once,
// in the answer that issues it; the hub keeps only its hash. Revocation is immediate: the guard
// looks every key up on every request.
import { Body, Controller, Get, HttpCode, Inject, Logger, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CLOCK, invalidField, type Clock } from '@hub/office-kit';
import { API_KEYS, CurrentPrincipal, defaultScopes, grantableScopes, principalIdOf, RequireScopes, type ApiKeyStore, type Principal } from '@hub/security';
import { KEY_ID, NewKeyDto, RotationDto } from './api-keys.dto';

const notFound = (keyId: string) => new NotFoundException({ statusCode: 404, code: 'KEY_NOT_FOUND', message: `no valid key ${keyId}` });
const invalid = (field: string, message: string) => invalidField(field, 'keyPolicy', message);

function keyIdOf(value: string): string {
  if (!KEY_ID.test(value)) throw invalid('keyId', 'keyId must be 12 hex digits');
  return value;
}

@ApiTags('admin')
@Controller('v1/admin/keys')
@RequireScopes('keys:admin')
export class ApiKeysController {
  private readonly logger = new Logger('keys');

  constructor(
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async list() {
    return { items: await this.keys.list() };
  }

  /** Issues a key: for an office (`office`), or for a named analyst or administrator (`name`). */
  @Post()
  @HttpCode(201)
  async create(@Body() dto: NewKeyDto, @CurrentPrincipal() by: Principal) {
    if (dto.role === 'office' && (!dto.office || dto.name)) throw invalid('office', 'an office key names its office and no name');
    if (dto.role !== 'office' && (!dto.name || dto.office)) throw invalid('name', 'an analyst or administrator key names its holder and no office');
    const scopes = dto.scopes ?? defaultScopes(dto.role, dto.office);
    const allowed = grantableScopes(dto.role, dto.office);
    const refused = scopes.filter((s) => !allowed.includes(s));
    if (refused.length > 0) throw invalid('scopes', `a ${dto.role} key cannot hold ${refused.join(', ')}`);
    const principal = principalIdOf(dto.role, dto.role === 'office' ? dto.office! : dto.name!);
    const { record, token } = await this.keys.create({ principal, role: dto.role, ...(dto.office ? { office: dto.office } : {}), scopes, createdBy: by.id }, this.clock.now());
    this.logger.log(`${by.id} issued key ${record.keyId} for ${principal}`);
    return { key: token, ...record };
  }

  /** A new key for the same holder and scopes; the old one stops working after `overlapSeconds`. */
  @Post(':keyId/rotation')
  @HttpCode(201)
  async rotate(@Param('keyId') keyId: string, @Body() dto: RotationDto, @CurrentPrincipal() by: Principal) {
    const now = this.clock.now();
    const until = new Date(Date.parse(now) + (dto.overlapSeconds ?? 0) * 1000).toISOString();
    const rotated = await this.keys.rotate(keyIdOf(keyId), by.id, now, until);
    if (!rotated) throw notFound(keyId);
    this.logger.log(`${by.id} rotated key ${keyId} to ${rotated.record.keyId}; the old key ends at ${until}`);
    return { key: rotated.token, ...rotated.record, replaces: keyId, oldKeyValidUntil: until };
  }

  @Post(':keyId/revocation')
  @HttpCode(200)
  async revoke(@Param('keyId') keyId: string, @CurrentPrincipal() by: Principal) {
    const record = await this.keys.revoke(keyIdOf(keyId), this.clock.now());
    if (!record) throw notFound(keyId);
    this.logger.log(`${by.id} revoked key ${keyId}`);
    return record;
  }
}
