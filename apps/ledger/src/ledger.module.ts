// The ledger in one process with the event store it follows (the embedded topology), or alone
// on the offices' Kafka topics (the distributed topology).
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, READINESS, securityOptionsFor, systemClock, type KafkaConfig } from '@hub/office-kit';
import { SecurityModule } from '@hub/security';
import { FeedController } from './feeds/feed.controller';
import { HistoryController } from './history/history.controller';
import { feedProviders } from './feeds/feed.providers';
import { KafkaFeedProjector, LEDGER_KAFKA_CONFIG } from './kafka-feed.projector';
import { LEDGER_FEED } from './ledger-feed';
import { LedgerController } from './ledger.controller';
import { ledgerStoreProvider } from './ledger-store.factory';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';
import { StoreFeedProjector } from './store-feed.projector';

class LedgerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(LEDGER_STORE) private readonly ledger: LedgerStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.ledger.close();
  }
}

@Module({})
export class LedgerModule {
  /** `file`: the SQLite file of the ledger; the embedded hub uses the event store's own file. */
  static embedded(file: string): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [LedgerController, FeedController, HistoryController],
      providers: [
        ledgerStoreProvider(file),
        StoreFeedProjector,
        { provide: LEDGER_FEED, useExisting: StoreFeedProjector },
        ...feedProviders(file),
        LedgerLifecycle,
      ],
      exports: [LEDGER_STORE, StoreFeedProjector],
    };
  }

  /** The ledger's own process on Kafka: `file` is its SQLite file, offsets stored with the ledger. */
  static kafka(file: string, kafka: KafkaConfig): DynamicModule {
    return {
      module: LedgerModule,
      // Alone, the ledger has no office store to bring the security edge: it brings its own, and
      // opens personal data with the key store the offices share (HUB_SECURITY_DIR).
      imports: [SecurityModule.forRoot(securityOptionsFor(file, systemClock))],
      controllers: [LedgerController, FeedController, HistoryController],
      providers: [
        ledgerStoreProvider(file),
        { provide: LEDGER_KAFKA_CONFIG, useValue: kafka },
        { provide: CLOCK, useValue: systemClock },
        KafkaFeedProjector,
        { provide: LEDGER_FEED, useExisting: KafkaFeedProjector },
        { provide: READINESS, useExisting: KafkaFeedProjector },
        ...feedProviders(file),
        LedgerLifecycle,
      ],
      exports: [LEDGER_STORE, KafkaFeedProjector, READINESS],
    };
  }
}
