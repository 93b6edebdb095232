// Feeds: offices subscribe to what concerns them and read it over Server-Sent Events or receive
// it as signed webhooks; the AsyncAPI document describes the Kafka topics for their own consumers.
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { buildAsyncApi } from '@hub/contracts';
import { fieldErrors, invalidField, validationFailed } from '@hub/office-kit';
import { CurrentPrincipal, Public, RequireScopes, SEALED_PERSONAL_SCHEMA, type Principal } from '@hub/security';
import { AdHocFeedQuery, CreateSubscriptionDto, FeedFilterDto, SseQuery } from './feed.dto';
import { FeedService } from './feed.service';

function lastEventId(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,15}$/.test(header)) {
    throw invalidField('Last-Event-ID', 'isInt', 'Last-Event-ID must be a journal sequence number');
  }
  return Number(header);
}

@ApiTags('feeds')
@Controller()
export class FeedController {
  constructor(private readonly feeds: FeedService) {}

  @Post('v1/feeds/subscriptions')
  @RequireScopes('subscriptions:write')
  @HttpCode(201)
  create(@Body() dto: CreateSubscriptionDto, @CurrentPrincipal() principal: Principal) {
    return this.feeds.create(principal, dto);
  }

  @Get('v1/feeds/subscriptions')
  @RequireScopes('subscriptions:write')
  list(@CurrentPrincipal() principal: Principal) {
    return this.feeds.list(principal);
  }

  @Get('v1/feeds/subscriptions/:id')
  @RequireScopes('subscriptions:write')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feeds.status(principal, id);
  }

  @Post('v1/feeds/subscriptions/:id/pause')
  @RequireScopes('subscriptions:write')
  pause(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feeds.setState(principal, id, 'paused');
  }

  @Post('v1/feeds/subscriptions/:id/resume')
  @RequireScopes('subscriptions:write')
  resume(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feeds.setState(principal, id, 'active');
  }

  /** Tries a parked webhook batch again from its first attempt. */
  @Post('v1/feeds/subscriptions/:id/redeliver')
  @RequireScopes('subscriptions:write')
  redeliver(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feeds.redeliver(principal, id);
  }

  @Delete('v1/feeds/subscriptions/:id')
  @RequireScopes('subscriptions:write')
  @HttpCode(204)
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.feeds.remove(principal, id);
  }

  /** The subscription's events as Server-Sent Events; reconnect with Last-Event-ID to resume exactly. */
  @Get('v1/feeds/subscriptions/:id/events')
  @RequireScopes('subscriptions:write')
  async stream(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: SseQuery,
    @Headers('last-event-id') lastId: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    const sub = this.feeds.owned(principal, id);
    await this.feeds.stream(res, sub.filter, sub.office, lastEventId(lastId) ?? q.after ?? sub.cursor, sub.id);
  }

  /** An ad-hoc filtered stream, without a stored subscription. */
  @Get('v1/feeds/events')
  @RequireScopes('ledger:read')
  async adHoc(@Query() q: AdHocFeedQuery, @Headers('last-event-id') lastId: string | undefined, @CurrentPrincipal() principal: Principal, @Res() res: Response) {
    const list = (v?: string) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));
    const filter = plainToInstance(FeedFilterDto, {
      offices: list(q.offices),
      types: list(q.types),
      categories: list(q.categories),
      streets: list(q.streets),
      communities: list(q.communities),
      statuses: list(q.statuses),
      disputeIds: list(q.disputeIds),
      mine: q.mine === undefined ? undefined : q.mine === 'true',
    });
    const errors = fieldErrors(validateSync(filter, { whitelist: true }));
    if (errors.length > 0) {
      throw validationFailed(errors);
    }
    if (filter.mine && !principal.office) {
      throw invalidField('mine', 'officeKey', 'only an office key has disputes of its own');
    }
    await this.feeds.stream(res, { ...filter }, principal.office, lastEventId(lastId) ?? q.after ?? (await this.feeds.head()));
  }

  /** The Kafka topics and message format, for offices that run their own consumers. */
  @Get('asyncapi')
  @Public()
  asyncapi() {
    return buildAsyncApi({ personalSchema: SEALED_PERSONAL_SCHEMA });
  }
}
