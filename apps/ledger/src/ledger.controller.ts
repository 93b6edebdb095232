// The shared ledger's read API (台账): one record per dispute with its cross-office timeline,
// filtered lists, and the county's figures. Parties are shown from the encrypted journal at query
// time: masked, or in the clear for `pii:read` with a reason (recorded).
import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { compareEvents, computeFigures, figuresBy, flagsAt, hotspots, JournalVerifier, type PartyView } from '@hub/ledger-core';
import { PERSONAL_DATA_READER, PersonalDataReader, ReadAccess, RequireScopes, type PersonalAccess } from '@hub/security';
import { CLOCK, invalidField, type Clock } from '@hub/office-kit';
import { ConsistencyQuery, DisputeListQuery, StatsQuery } from './ledger.dto';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';
import { LEDGER_FEED, type LedgerFeed } from './ledger-feed';

const WAIT_MS = 5000;

const VERIFY_PAGE = 1000;

@ApiTags('ledger')
@Controller('v1/ledger')
@RequireScopes('ledger:read')
export class LedgerController {
  constructor(
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_FEED) private readonly feed: LedgerFeed,
    @Inject(PERSONAL_DATA_READER) private readonly personal: PersonalDataReader,
  ) {}

  private async partiesOf(id: string, access: PersonalAccess): Promise<PartyView[]> {
    const events = [...(await this.ledger.eventsOf(id))].sort(compareEvents);
    return this.personal.parties(id, events, access);
  }

  private async consistent(after?: number): Promise<void> {
    if (after === undefined) return;
    await Promise.race([this.feed.caughtUpTo(after), new Promise((r) => setTimeout(r, WAIT_MS).unref())]);
  }

  @Get('disputes')
  async list(@Query() { after, reason: _r, ...q }: DisputeListQuery, @ReadAccess() access: PersonalAccess) {
    await this.consistent(after);
    const page = await this.ledger.list({ ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    const now = this.clock.now();
    const items = [];
    for (const { timeline: _t, ...r } of page.items) {
      items.push({ ...r, parties: await this.partiesOf(r.id, access), flags: flagsAt({ ...r, timeline: [] }, now) });
    }
    return { ...page, items };
  }

  @Get('disputes/:id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Query() c: ConsistencyQuery, @ReadAccess() access: PersonalAccess) {
    await this.consistent(c.after);
    const record = await this.ledger.get(id);
    if (!record) throw new NotFoundException({ statusCode: 404, code: 'DISPUTE_NOT_FOUND', message: `no dispute ${id} in the ledger` });
    return { ...record, parties: await this.partiesOf(id, access), flags: flagsAt(record, this.clock.now()) };
  }

  /** Walks the journal's hash chain and names every altered, removed or inserted entry. */
  @Get('verify')
  @RequireScopes('ledger:verify')
  async verify() {
    const verifier = new JournalVerifier();
    for (let after = 0; ; ) {
      const page = await this.ledger.journal(after, VERIFY_PAGE);
      if (page.length === 0) break;
      verifier.add(page);
      after = page[page.length - 1].seq;
    }
    return verifier.report();
  }

  /** The figures of docs/figures.md for [from, to), overall or grouped. */
  @Get('stats')
  async stats(@Query() q: StatsQuery) {
    await this.consistent(q.after);
    if (Date.parse(q.from) >= Date.parse(q.to)) {
      throw invalidField('from', 'beforeTo', 'from must be before to');
    }
    const records = await this.ledger.figureRecords(q.from, q.to);
    const period = { from: q.from, to: q.to };
    return {
      period,
      figures: computeFigures(records, period),
      ...(q.groupBy ? { groupBy: q.groupBy, groups: figuresBy(records, period, q.groupBy) } : {}),
      hotspots: hotspots(records, period),
    };
  }
}
