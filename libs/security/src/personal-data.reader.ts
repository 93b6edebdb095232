// How every reader of the hub shows citizens' personal data (ledger queries now; feeds and
// exports use the same): opened from the encrypted events, masked unless the caller holds
// `pii:read` AND gives a reason, and every reading in the clear written to the access record.
import { BadRequestException, createParamDecorator, ForbiddenException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { partiesView, type PartyView, type PersonalSource } from '@hub/ledger-core';
import type { AccessLog } from './access-log';
import type { PersonalDataCipher } from './personal-data';
import type { Principal } from './scopes';

export const PERSONAL_DATA_READER = Symbol('PERSONAL_DATA_READER');
export const ACCESS_REASON_HEADER = 'x-access-reason';

/** Who reads, why (absent: masked), and through which route. */
export interface PersonalAccess {
  principal: Principal;
  reason?: string;
  route: string;
}

interface EventLike {
  id: string;
  data: unknown;
}

const REASON = /^[^\p{Cc}]{4,200}$/u;

function checkedReason(value: string | undefined, from: string): string | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (from === 'header') {
    try {
      text = decodeURIComponent(value);
    } catch {
      text = '';
    }
  }
  text = text.trim();
  if (!REASON.test(text)) {
    throw new BadRequestException({ statusCode: 400, code: 'BAD_ACCESS_REASON', message: 'reason must be 4-200 characters of text (in the X-Access-Reason header, percent-encoded UTF-8)' });
  }
  return text;
}

/** Who is reading, and why: from `?reason=` or the `X-Access-Reason` header (percent-encoded). */
export const ReadAccess = createParamDecorator((_: unknown, ctx: ExecutionContext): PersonalAccess => {
  const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
  if (!req.principal) throw new Error('ReadAccess on a route the access guard did not authenticate');
  const query = typeof req.query.reason === 'string' ? req.query.reason : undefined;
  const header = req.header(ACCESS_REASON_HEADER);
  const reason = checkedReason(query, 'query') ?? checkedReason(header, 'header');
  const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
  return { principal: req.principal, route, ...(reason ? { reason } : {}) };
});

export class PersonalDataReader {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly log: AccessLog,
    private readonly now: () => string,
  ) {}

  /** In the clear only with `pii:read` and a reason; a reason without the scope is refused. */
  reveals(access: PersonalAccess): boolean {
    if (access.reason === undefined) return false;
    if (!access.principal.scopes.includes('pii:read')) {
      throw new ForbiddenException({ statusCode: 403, code: 'MISSING_SCOPE', message: 'reading personal data in the clear needs the scope pii:read' });
    }
    return true;
  }

  /**
   * The parties of one dispute from its reports' events (in the ledger's canonical order). A
   * reading in the clear is recorded before it is answered: no record, no answer.
   */
  async parties(disputeId: string, events: readonly EventLike[], access: PersonalAccess): Promise<PartyView[]> {
    const reveal = this.reveals(access);
    const sources: PersonalSource[] = [];
    const subjects = new Set<string>();
    for (const event of events) {
      const parts = await this.cipher.openParts(event);
      if (!parts) continue;
      sources.push({ eventId: event.id, parts });
      for (const p of parts) if (p.subjectId && !p.erased) subjects.add(p.subjectId);
    }
    const view = partiesView(sources, reveal);
    if (reveal && view.fields.length > 0) {
      await this.log.record({
        at: this.now(),
        principal: access.principal.id,
        keyId: access.principal.keyId,
        action: 'read',
        disputeId,
        subjectIds: [...subjects].sort(),
        fields: view.fields,
        reason: access.reason!,
        route: access.route,
      });
    }
    return view.parties;
  }
}

/**
 * The event as it may leave the hub (feeds, exports): its personal part replaced by the masked
 * parties it names. Without a key store (`cipher` absent) nothing of it can be shown: no parties.
 */
export async function maskedEvent<E extends EventLike>(cipher: PersonalDataCipher | undefined, event: E): Promise<E> {
  const data = event.data as { personal?: unknown } | null;
  if (!data || typeof data !== 'object' || data.personal === undefined) return event;
  const parts = cipher ? await cipher.openParts(event) : undefined;
  const parties = parts ? partiesView([{ eventId: event.id, parts }], false).parties : [];
  return { ...event, data: { ...data, personal: { parties } } };
}
