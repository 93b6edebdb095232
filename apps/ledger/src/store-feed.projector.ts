// Feeds the ledger from an event store's global order (the embedded hub's in-process feed):
// the checkpoint is the store position, saved in the same transaction as the ledger change.
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, subscribeToAll, type EventStore, type Subscription } from '@hub/event-store';
import type { LedgerFeed } from './ledger-feed';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';

const CHECKPOINT = 'store';

@Injectable()
export class StoreFeedProjector implements LedgerFeed, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ledger');
  private subscription?: Subscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const from = Number((await this.ledger.checkpoint(CHECKPOINT)) ?? 0);
    this.subscription = subscribeToAll(
      this.store,
      from,
      (batch) => this.ledger.apply(batch.map((s) => s.event), { [CHECKPOINT]: String(batch[batch.length - 1].position) }),
      { pollMs: 250, onError: (e) => this.logger.error(`projection batch failed, retrying: ${(e as Error).message}`) },
    );
    this.logger.log(`ledger follows the event store from position ${from}`);
  }

  /** Resolves once the ledger has applied everything up to `position` (read-your-writes). */
  caughtUpTo(position: number): Promise<void> {
    return this.subscription ? this.subscription.caughtUpTo(position) : Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
