// History for analysts over HTTP: the event history as an NDJSON stream (resumable by journal
// position), the ledger as it stood at a past moment, and the county's figures.
import { Controller, Get, Inject, NotFoundException, Query, Res } from '@nestjs/common';
import { invalidField } from '@hub/office-kit';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OFFICES, isEventType, type Office } from '@hub/contracts';
import { computeFigures, figuresBy, hotspots } from '@hub/ledger-core';
import { RequireScopes } from '@hub/security';
import { FEED_PRESENTER, type FeedPresenter } from '../feeds/feed.service';
import { LEDGER_STORE, type LedgerStore } from '../ledger.port';
import { AsOfQuery, FiguresQuery, HistoryQuery } from './history.dto';
import { historyEvents, ledgerAsOf, type HistoryFilter } from './history';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, rule: string, message: string): never {
  throw invalidField(field, rule, message);
}

/** The query's comma-separated lists, each value checked. */
export function historyFilter(q: HistoryQuery): HistoryFilter {
  const list = (v?: string) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));
  const offices = list(q.offices);
  if (offices?.some((o) => !OFFICES.includes(o as Office))) invalid('offices', 'isIn', `offices must be among ${OFFICES.join(', ')}`);
  const types = list(q.types);
  if (types?.some((t) => !isEventType(t))) invalid('types', 'isIn', 'types must be published event types, e.g. hub.judicial.MediationFailed.v1');
  const disputeIds = list(q.disputeIds);
  if (disputeIds?.some((d) => !UUID.test(d))) invalid('disputeIds', 'isUuid', 'disputeIds must be UUIDs');
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) invalid('from', 'beforeTo', 'from must be before to');
  return { offices: offices as Office[] | undefined, types, disputeIds, streets: list(q.streets), communities: list(q.communities), from: q.from, to: q.to };
}

@ApiTags('history')
@Controller()
@RequireScopes('history:read')
export class HistoryController {
  constructor(
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
    @Inject(FEED_PRESENTER) private readonly present: FeedPresenter,
  ) {}

  /** One JSON line per event: `{"seq": …, "event": CloudEvent}`; personal data masked. */
  @Get('v1/history/events')
  async events(@Query() q: HistoryQuery, @Res() res: Response): Promise<void> {
    const filter = historyFilter(q);
    res.status(200).set({ 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    let open = true;
    res.on('close', () => (open = false));
    for await (const { seq, event } of historyEvents(this.ledger, filter, q.after ?? 0)) {
      if (!open) return;
      if (!res.write(`${JSON.stringify({ seq, event: await this.present(event) })}\n`)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  /** The ledger as it stood at `at`: one dispute as JSON, or all of them as NDJSON. */
  @Get('v1/ledger/as-of')
  async asOf(@Query() q: AsOfQuery, @Res() res: Response): Promise<void> {
    if (q.disputeId) {
      for await (const record of ledgerAsOf(this.ledger, q.at, q.disputeId)) {
        res.status(200).json(record);
        return;
      }
      throw new NotFoundException({ statusCode: 404, code: 'DISPUTE_NOT_FOUND', message: `dispute ${q.disputeId} had not been reported by ${q.at}` });
    }
    res.status(200).set({ 'content-type': 'application/x-ndjson; charset=utf-8' });
    for await (const record of ledgerAsOf(this.ledger, q.at)) {
      if (!res.write(`${JSON.stringify(record)}\n`)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  /** The figures of docs/figures.md for [from, to), overall and optionally grouped. */
  @Get('v1/analytics/figures')
  async figures(@Query() q: FiguresQuery) {
    if (Date.parse(q.from) >= Date.parse(q.to)) invalid('from', 'beforeTo', 'from must be before to');
    const records = await this.ledger.figureRecords(q.from, q.to);
    const period = { from: q.from, to: q.to };
    return { period, figures: computeFigures(records, period), ...(q.groupBy ? { groupBy: q.groupBy, groups: figuresBy(records, period, q.groupBy) } : {}) };
  }

  /** Places and categories where disputes cluster (源头预防). */
  @Get('v1/analytics/hotspots')
  async hotspots(@Query() q: FiguresQuery) {
    if (Date.parse(q.from) >= Date.parse(q.to)) invalid('from', 'beforeTo', 'from must be before to');
    return { period: { from: q.from, to: q.to }, hotspots: hotspots(await this.ledger.figureRecords(q.from, q.to), { from: q.from, to: q.to }, 20) };
  }
}
