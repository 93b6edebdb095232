// The feed service: subscriptions as a resource owned by an office, Server-Sent Events streams
// that resume exactly after Last-Event-ID, and the webhook delivery loop.
import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { Office } from '@hub/contracts';
import type { LedgerEvent } from '@hub/ledger-core';
import { CLOCK, type Clock } from '@hub/office-kit';
import type { Principal } from '@hub/security';
import { LEDGER_STORE, type LedgerStore } from '../ledger.port';
import type { FeedFilter } from './feed-filter';
import type { CreateSubscriptionDto } from './feed.dto';
import { FeedReader } from './feed.reader';
import { FeedStore, type FeedSubscription, type SubscriptionState } from './feed.store';
import { newWebhookSecret } from './webhook-signature';
import { WebhookDeliverer } from './webhook-deliverer';

export const FEED_STORE = Symbol('FEED_STORE');
export const FEED_PRESENTER = Symbol('FEED_PRESENTER');

/** How an event is shown to a subscriber: personal data masked. */
export type FeedPresenter = (event: LedgerEvent) => Promise<unknown>;

export interface FeedOptions {
  /** How often the delivery loop and idle streams look for new events. */
  pollMs: number;
  heartbeatMs: number;
  retryBaseMs: number;
}

export const FEED_OPTIONS = Symbol('FEED_OPTIONS');

@Injectable()
export class FeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('feeds');
  private readonly reader: FeedReader;
  private readonly deliverer: WebhookDeliverer;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly streams = new Set<Response>();

  constructor(
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
    @Inject(FEED_STORE) private readonly store: FeedStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FEED_PRESENTER) private readonly present: FeedPresenter,
    @Inject(FEED_OPTIONS) private readonly options: FeedOptions,
  ) {
    this.reader = new FeedReader(ledger);
    this.deliverer = new WebhookDeliverer(store, this.reader, { now: () => clock.now(), random: Math.random, present, baseDelayMs: options.retryBaseMs });
  }

  onApplicationBootstrap(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.deliverer
        .tick()
        .catch((e: unknown) => this.logger.error(`webhook delivery pass failed: ${(e as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
        });
    };
    loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const res of this.streams) res.end();
    await this.running;
    this.store.close();
  }

  head(): Promise<number> {
    return this.ledger.journalHead();
  }

  async create(principal: Principal, dto: CreateSubscriptionDto) {
    const office = this.officeOf(principal);
    const start = dto.start ?? { from: 'now' };
    const cursor =
      start.from === 'beginning' ? 0 : start.from === 'position' ? (start.position ?? 0) : start.from === 'time' ? await this.ledger.journalSeqBefore(start.time ?? this.clock.now()) : await this.head();
    const sub: FeedSubscription = {
      id: randomUUID(),
      office,
      name: dto.name,
      filter: { ...dto.filter },
      delivery: dto.webhook
        ? { kind: 'webhook', url: dto.webhook.url, secret: newWebhookSecret(), batchSize: dto.webhook.batchSize ?? 50, maxAttempts: dto.webhook.maxAttempts ?? 8, timeoutMs: dto.webhook.timeoutMs ?? 5000 }
        : { kind: 'sse' },
      state: 'active',
      cursor,
      delivered: 0,
      failed: 0,
      lastError: null,
      lastDeliveredAt: null,
      createdAt: this.clock.now(),
    };
    this.store.create(sub);
    // The secret is shown once, at creation: the receiver needs it to verify signatures.
    return { ...(await this.status(principal, sub.id)), ...(sub.delivery.kind === 'webhook' ? { secret: sub.delivery.secret } : {}) };
  }

  list(principal: Principal) {
    return Promise.all(this.store.listOf(this.officeOf(principal)).map((s) => this.describe(s)));
  }

  owned(principal: Principal, id: string): FeedSubscription {
    const sub = this.store.get(id);
    if (!sub) throw new NotFoundException({ statusCode: 404, code: 'SUBSCRIPTION_NOT_FOUND', message: `no subscription ${id}` });
    if (sub.office !== principal.office) {
      throw new ForbiddenException({ statusCode: 403, code: 'NOT_YOUR_SUBSCRIPTION', message: 'a subscription belongs to the office that made it' });
    }
    return sub;
  }

  status(principal: Principal, id: string) {
    return this.describe(this.owned(principal, id));
  }

  setState(principal: Principal, id: string, state: Extract<SubscriptionState, 'active' | 'paused'>) {
    const sub = this.owned(principal, id);
    if (sub.state !== 'parked' || state === 'paused') this.store.setState(id, state);
    return this.describe(this.store.get(id)!);
  }

  redeliver(principal: Principal, id: string) {
    this.owned(principal, id);
    this.store.unpark(id, this.clock.now());
    return this.describe(this.store.get(id)!);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    this.owned(principal, id);
    this.store.delete(id);
  }

  private officeOf(principal: Principal): Office {
    if (!principal.office) throw new ForbiddenException({ statusCode: 403, code: 'OFFICE_KEY_REQUIRED', message: 'subscriptions belong to an office: use an office key' });
    return principal.office;
  }

  /** Cursor, lag in events and seconds, counters and the last error. */
  private async describe(sub: FeedSubscription) {
    const head = await this.head();
    const next = (await this.ledger.journal(sub.cursor, 1))[0];
    const oldest = next ? (JSON.parse(next.event) as LedgerEvent).time : null;
    const pending = this.store.pending(sub.id);
    const { secret: _secret, ...delivery } = sub.delivery as { secret?: string } & FeedSubscription['delivery'];
    return {
      id: sub.id,
      office: sub.office,
      name: sub.name,
      filter: sub.filter,
      delivery,
      state: sub.state,
      cursor: sub.cursor,
      lag: { events: Math.max(0, head - sub.cursor), seconds: oldest ? Math.max(0, (Date.parse(this.clock.now()) - Date.parse(oldest)) / 1000) : 0 },
      delivered: sub.delivered,
      failed: sub.failed,
      lastError: sub.lastError,
      lastDeliveredAt: sub.lastDeliveredAt,
      pending: pending ? { messageId: pending.messageId, events: pending.seqs.length, attempts: pending.attempts, nextAttemptAt: pending.nextAttemptAt } : null,
      createdAt: sub.createdAt,
    };
  }

  /**
   * Streams matching events after `after` as Server-Sent Events until the client goes away.
   * Each event's SSE id is its journal sequence; its data is the CloudEvent, with its stable id.
   */
  async stream(res: Response, filter: FeedFilter, owner: Office | undefined, after: number, subscriptionId?: string): Promise<void> {
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    this.streams.add(res);
    let open = true;
    res.on('close', () => {
      open = false;
      this.streams.delete(res);
    });
    let cursor = after;
    let lastBeat = Date.now();
    res.write(`retry: 2000\n\n`);
    while (open && !this.stopped) {
      const page = await this.reader.next(filter, owner, cursor, 100);
      for (const { seq, event } of page.entries) {
        if (!open) return;
        res.write(`id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(await this.present(event))}\n\n`);
      }
      if (page.upTo > cursor && open) {
        cursor = page.upTo;
        if (subscriptionId) this.store.advance(subscriptionId, cursor, page.entries.length, page.entries.length ? this.clock.now() : null);
      }
      if (page.entries.length > 0) continue;
      if (Date.now() - lastBeat >= this.options.heartbeatMs) {
        res.write(': keep-alive\n\n');
        lastBeat = Date.now();
      }
      await new Promise((r) => setTimeout(r, this.options.pollMs));
    }
  }
}
