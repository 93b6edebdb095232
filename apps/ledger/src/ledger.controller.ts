// The shared ledger's read API (台账): one record per dispute with its cross-office timeline,
// filtered lists, and the county's figures.
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { computeFigures, figuresBy, flagsAt, hotspots } from '@hub/ledger-core';
import { CLOCK, type Clock } from '@hub/office-kit';
import { ConsistencyQuery, DisputeListQuery, StatsQuery } from './ledger.dto';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';
import { StoreFeedProjector } from './store-feed.projector';

const WAIT_MS = 5000;

@ApiTags('ledger')
@Controller('v1/ledger')
export class LedgerController {
  constructor(
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: StoreFeedProjector,
  ) {}

  private async consistent(after?: number): Promise<void> {
    if (after === undefined) return;
    await Promise.race([this.projector.caughtUpTo(after), new Promise((r) => setTimeout(r, WAIT_MS).unref())]);
  }

  @Get('disputes')
  async list(@Query() { after, ...q }: DisputeListQuery) {
    await this.consistent(after);
    const page = await this.ledger.list({ ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    const now = this.clock.now();
    return { ...page, items: page.items.map(({ timeline: _t, ...r }) => ({ ...r, flags: flagsAt({ ...r, timeline: [] }, now) })) };
  }

  @Get('disputes/:id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Query() c: ConsistencyQuery) {
    await this.consistent(c.after);
    const record = await this.ledger.get(id);
    if (!record) throw new NotFoundException({ statusCode: 404, code: 'DISPUTE_NOT_FOUND', message: `no dispute ${id} in the ledger` });
    return { ...record, flags: flagsAt(record, this.clock.now()) };
  }

  /** The figures of docs/figures.md for [from, to), overall or grouped. */
  @Get('stats')
  async stats(@Query() q: StatsQuery) {
    await this.consistent(q.after);
    if (Date.parse(q.from) >= Date.parse(q.to)) {
      throw new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'from must be before to', errors: [{ field: 'from', rule: 'beforeTo', message: 'from must be before to' }] });
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
