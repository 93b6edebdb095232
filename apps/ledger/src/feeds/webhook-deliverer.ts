// Delivers webhook subscriptions: one batch in flight per subscription, signed per Standard
// Webhooks, resent as it was until the receiver answers 2xx, with exponential backoff and jitter;
// after the limit the subscription is parked until redelivery is asked for. The cursor moves
// only past a batch the receiver acknowledged.
import { randomUUID } from 'node:crypto';
import type { LedgerEvent } from '@hub/ledger-core';
import type { FeedReader } from './feed.reader';
import type { FeedStore, FeedSubscription, PendingBatch } from './feed.store';
import { retryDelayMs, signWebhook } from './webhook-signature';

export interface DelivererOptions {
  now: () => string;
  random: () => number;
  /** How an event is shown to a subscriber (personal data masked). */
  present: (event: LedgerEvent) => Promise<unknown>;
  baseDelayMs?: number;
}

export class WebhookDeliverer {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: FeedStore,
    private readonly reader: FeedReader,
    private readonly options: DelivererOptions,
  ) {}

  /** One pass over every active webhook subscription; resolves when each has done what was due. */
  async tick(): Promise<void> {
    const reader = this.reader.forPass();
    const subscriptions = this.store.webhooksToRun();
    if (subscriptions.length === 0) return;
    await reader.preload(Math.min(...subscriptions.map((s) => s.cursor)));
    await Promise.all(subscriptions.map((s) => this.runOne(s, reader)));
  }

  private async runOne(sub: FeedSubscription, reader: FeedReader): Promise<void> {
    if (this.inFlight.has(sub.id) || sub.delivery.kind !== 'webhook') return;
    this.inFlight.add(sub.id);
    try {
      let pending = this.store.pending(sub.id);
      if (!pending) {
        const page = await reader.next(sub.filter, sub.office, sub.cursor, sub.delivery.batchSize);
        if (page.entries.length === 0) {
          if (page.upTo > sub.cursor) this.store.advance(sub.id, page.upTo, 0, null);
          return;
        }
        pending = {
          subscriptionId: sub.id,
          messageId: `msg_${randomUUID()}`,
          seqs: page.entries.map((e) => e.seq),
          upTo: page.upTo,
          attempts: 0,
          nextAttemptAt: this.options.now(),
        };
        this.store.savePending(pending);
      }
      if (Date.parse(pending.nextAttemptAt) > Date.parse(this.options.now())) return;
      await this.send(sub, pending, reader);
    } finally {
      this.inFlight.delete(sub.id);
    }
  }

  private async send(sub: FeedSubscription, pending: PendingBatch, reader: FeedReader): Promise<void> {
    if (sub.delivery.kind !== 'webhook') return;
    const { url, secret, maxAttempts, timeoutMs } = sub.delivery;
    const entries = await reader.bySeqs(pending.seqs);
    const events = await Promise.all(entries.map((e) => reader.shown(e, this.options.present)));
    const body = JSON.stringify({ subscriptionId: sub.id, events });
    const timestamp = Math.floor(Date.parse(this.options.now()) / 1000);
    let error: string | null = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': pending.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, pending.messageId, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `receiver answered ${res.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `could not reach the receiver: ${(e as Error).message}`;
    }
    if (error === null) {
      this.store.acknowledge(pending, this.options.now());
      return;
    }
    const attempts = pending.attempts + 1;
    const delay = retryDelayMs(attempts, this.options.random, this.options.baseDelayMs);
    this.store.failed(
      { ...pending, attempts, nextAttemptAt: new Date(Date.parse(this.options.now()) + delay).toISOString() },
      error,
      attempts >= maxAttempts,
    );
  }
}
