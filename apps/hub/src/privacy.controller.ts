// Citizens' rights over their personal data (PIPL): an administrator (`pii:admin`) finds a
// citizen's data subjects and erases them by deleting their keys (crypto-shredding); the record
// of reads, look-ups and erasures is open to `audit:read`. Every look-up and erasure is recorded.
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { compareEvents, maskName, roleOf } from '@hub/ledger-core';
import { CLOCK, invalidField, type Clock } from '@hub/office-kit';
import {
  ACCESS_LOG,
  KEY_VAULT,
  PERSONAL_DATA,
  PersonalDataCipher,
  ReadAccess,
  RequireScopes,
  lookupOf,
  type AccessEntry,
  type AccessLog,
  type KeyVault,
  type PersonalAccess,
} from '@hub/security';
import { LEDGER_STORE, type LedgerStore } from '../../ledger/src/ledger.port';
import { AccessLogQuery, ErasureDto, SUBJECT_ID, SubjectLookupQuery } from './privacy.dto';

const badRequest = (field: string, message: string) => invalidField(field, 'privacy', message);

@ApiTags('privacy')
@Controller('v1/privacy')
export class PrivacyController {
  constructor(
    @Inject(KEY_VAULT) private readonly vault: KeyVault,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalDataCipher,
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private record(access: PersonalAccess, entry: Pick<AccessEntry, 'action' | 'disputeId' | 'subjectIds' | 'fields'> & { reason: string }) {
    return this.log.record({ at: this.clock.now(), principal: access.principal.id, keyId: access.principal.keyId, route: access.route, ...entry });
  }

  /**
   * A citizen's subject ids, by exactly one of `phone`, `idNumber` or `disputeId` (then with each
   * party's role and masked name, to tell them apart). Needs a reason; recorded.
   */
  @Get('subjects')
  @RequireScopes('pii:admin')
  async subjects(@Query() q: SubjectLookupQuery, @ReadAccess() access: PersonalAccess) {
    const given = (['phone', 'idNumber', 'disputeId'] as const).filter((k) => q[k] !== undefined);
    if (given.length !== 1) throw badRequest('phone', 'give exactly one of phone, idNumber or disputeId');
    if (!access.reason) throw badRequest('reason', 'a look-up of a citizen needs a reason (reason or X-Access-Reason)');
    const by = given[0];
    if (by === 'disputeId') {
      const subjects = await this.subjectsOfDispute(q.disputeId!);
      await this.record(access, { action: 'lookup', disputeId: q.disputeId!, subjectIds: [...new Set(subjects.map((s) => s.subjectId))].sort(), fields: ['disputeId'], reason: access.reason });
      return { items: subjects };
    }
    const index = await this.vault.indexKey();
    const ids = await this.vault.subjectsByLookup(lookupOf(index, by, q[by]!));
    await this.record(access, { action: 'lookup', disputeId: null, subjectIds: ids, fields: [by], reason: access.reason });
    return { items: ids.map((subjectId) => ({ subjectId })) };
  }

  private async subjectsOfDispute(disputeId: string) {
    const events = [...(await this.ledger.eventsOf(disputeId))].sort(compareEvents);
    const items: { subjectId: string; eventId: string; role: string; name?: string; erased: boolean }[] = [];
    for (const event of events) {
      for (const part of (await this.personal.openParts(event)) ?? []) {
        const role = roleOf(part.path);
        if (!role || !part.subjectId) continue;
        const name = (part.value as { name?: unknown } | undefined)?.name;
        items.push({ subjectId: part.subjectId, eventId: event.id, role, erased: part.erased, ...(typeof name === 'string' ? { name: maskName(name) } : {}) });
      }
    }
    return items;
  }

  /** Erases a data subject: their key is deleted, and with it every copy of their data everywhere. */
  @Post('subjects/:id/erase')
  @HttpCode(200)
  @RequireScopes('pii:admin')
  async erase(@Param('id') id: string, @Body() dto: ErasureDto, @ReadAccess() access: PersonalAccess) {
    if (!SUBJECT_ID.test(id)) throw badRequest('id', 'a subject id is sub_ and 32 hex digits');
    const erasure = await this.vault.erase(id, access.principal.id, dto.reason, this.clock.now());
    if (!erasure) throw new NotFoundException({ statusCode: 404, code: 'SUBJECT_NOT_FOUND', message: `no data subject ${id}` });
    await this.record(access, { action: 'erase', disputeId: null, subjectIds: [id], fields: ['*'], reason: dto.reason });
    return erasure;
  }

  /** The record of reads in the clear, look-ups and erasures, newest first. */
  @Get('access-log')
  @RequireScopes('audit:read')
  accessLog(@Query() q: AccessLogQuery) {
    return this.log.query({ ...q, limit: q.limit ?? 100, offset: q.offset ?? 0 });
  }
}
