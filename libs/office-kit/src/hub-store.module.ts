// The write side's infrastructure, once per process: the event store an office appends to, the
// dispute history it decides on, the clock and id source, and the office writer; and the
// security of the process (keys, encryption of personal data, the access guard on every route).
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, openEventStore, type EventStore } from '@hub/event-store';
import { dirname } from 'node:path';
import { PERSONAL_DATA, SecurityModule, securityFromEnv, type PersonalDataCipher, type SecurityOptions } from '@hub/security';
import { CLOCK, ID_GENERATOR, randomIds, systemClock, type Clock, type IdGenerator } from './clock';
import { storesFromEnv, type StoreSettings } from './config';
import { DISPUTE_HISTORY, OpenedDisputeHistory, PEER_EVENTS, StoreDisputeHistory, type PeerEvents } from './dispute-history';
import { OfficeCommandHandler } from './office-command';
import { OfficeWriter } from './office-writer';

export interface HubStoreOptions {
  /** The SQLite file of the event store. */
  file: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** Overrides of the security settings; by default from the environment, the key store beside `file`. */
  security?: Partial<SecurityOptions>;
  /** Which stores to open and where (default: from the environment; SQLite when it says nothing). */
  stores?: StoreSettings;
}

/** The process's store settings, for the other stores it opens (the ledger's). */
export const STORE_SETTINGS = Symbol('STORE_SETTINGS');

/** The key store lives in HUB_SECURITY_DIR, else beside the event store: processes that share it share keys. */
export function securityOptionsFor(file: string, clock: Clock, overrides: Partial<SecurityOptions> = {}): SecurityOptions {
  return { dataDir: dirname(file), now: () => clock.now(), ...securityFromEnv(process.env), ...overrides };
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
    const clock = options.clock ?? systemClock;
    return {
      module: HubStoreModule,
      imports: [SecurityModule.forRoot(securityOptionsFor(options.file, clock, options.security))],
      providers: [
        { provide: STORE_SETTINGS, useFactory: () => options.stores ?? storesFromEnv(process.env) },
        {
          provide: EVENT_STORE,
          useFactory: (stores: StoreSettings) =>
            openEventStore({ kind: stores.eventStore, file: options.file, databaseUrl: stores.databaseUrl, esdbConnectionString: stores.esdbConnectionString }),
          inject: [STORE_SETTINGS],
        },
        {
          provide: DISPUTE_HISTORY,
          useFactory: (store: EventStore, personal: PersonalDataCipher, peers?: PeerEvents) =>
            new OpenedDisputeHistory(new StoreDisputeHistory(store, peers), personal),
          inject: [EVENT_STORE, PERSONAL_DATA, { token: PEER_EVENTS, optional: true }],
        },
        { provide: CLOCK, useValue: clock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        OfficeWriter,
        OfficeCommandHandler,
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, DISPUTE_HISTORY, CLOCK, ID_GENERATOR, OfficeWriter, STORE_SETTINGS],
    };
  }
}
