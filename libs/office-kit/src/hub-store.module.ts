// The write side's infrastructure, once per process: the event store an office appends to, the
// dispute history it decides on, the clock and id source, and the office writer.
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@hub/event-store';
import { CLOCK, ID_GENERATOR, randomIds, systemClock, type Clock, type IdGenerator } from './clock';
import { DISPUTE_HISTORY, StoreDisputeHistory } from './dispute-history';
import { OfficeCommandHandler } from './office-command';
import { OfficeWriter } from './office-writer';

export interface HubStoreOptions {
  /** The SQLite file of the event store. */
  file: string;
  clock?: Clock;
  ids?: IdGenerator;
}

class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({ imports: [CqrsModule.forRoot()] })
export class HubStoreModule {
  static forRoot(options: HubStoreOptions): DynamicModule {
    return {
      module: HubStoreModule,
      providers: [
        { provide: EVENT_STORE, useFactory: () => SqliteEventStore.open(options.file) },
        { provide: DISPUTE_HISTORY, useFactory: (store: EventStore) => new StoreDisputeHistory(store), inject: [EVENT_STORE] },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        OfficeWriter,
        OfficeCommandHandler,
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, DISPUTE_HISTORY, CLOCK, ID_GENERATOR, OfficeWriter],
    };
  }
}
