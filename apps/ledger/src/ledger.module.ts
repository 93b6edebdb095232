// The ledger in one process with the event store it follows (the embedded topology).
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openSqlite } from '@hub/event-store';
import { LedgerController } from './ledger.controller';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';
import { SqliteLedgerStore } from './sqlite-ledger.store';
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
      controllers: [LedgerController],
      providers: [
        { provide: LEDGER_STORE, useFactory: () => new SqliteLedgerStore(openSqlite(file)) },
        StoreFeedProjector,
        LedgerLifecycle,
      ],
      exports: [LEDGER_STORE, StoreFeedProjector],
    };
  }
}
