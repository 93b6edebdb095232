// The feed service's wiring, shared by the embedded ledger and the ledger's own process.
import type { Provider } from '@nestjs/common';
import { openSqlite } from '@hub/event-store';
import type { LedgerEvent } from '@hub/ledger-core';
import { maskedEvent, PERSONAL_DATA, type PersonalDataCipher } from '@hub/security';
import { FeedStore } from './feed.store';
import { FEED_OPTIONS, FEED_PRESENTER, FEED_STORE, FeedService, type FeedOptions, type FeedPresenter } from './feed.service';

/** Subscribers see an event's personal part as the masked parties it names, never in the clear. */
const maskedPresenter = (cipher: PersonalDataCipher): FeedPresenter => (event: LedgerEvent) => maskedEvent(cipher, event);

export function feedOptionsFrom(env: NodeJS.ProcessEnv): FeedOptions {
  return {
    pollMs: Number(env.HUB_FEED_POLL_MS ?? 200),
    heartbeatMs: 15_000,
    retryBaseMs: Number(env.HUB_WEBHOOK_RETRY_BASE_MS ?? 500),
  };
}

/** `file`: the SQLite file the subscriptions are kept in (the ledger's own). */
export function feedProviders(file: string): Provider[] {
  return [
    { provide: FEED_STORE, useFactory: () => new FeedStore(openSqlite(file)) },
    { provide: FEED_PRESENTER, useFactory: maskedPresenter, inject: [PERSONAL_DATA] },
    { provide: FEED_OPTIONS, useFactory: () => feedOptionsFrom(process.env) },
    FeedService,
  ];
}
