// Opens the event store a process is configured for. A store has a name, from its SQLite file:
// `hub.db` is the store `hub`, which lives in the PostgreSQL schema `hub`, or in the EventStoreDB
// streams `hub.<office>-<dispute>`. So the embedded hub and each office alone keep their stores
// apart on one server, as they do in one data folder.
import { basename } from 'node:path';
import { EsdbEventStore } from './esdb-event-store';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { StoreUnavailableError } from './store-unavailable';

export const EVENT_STORE_KINDS = ['sqlite', 'postgres', 'esdb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export interface EventStoreChoice {
  kind: EventStoreKind;
  /** The SQLite file; on a server, the store is named after it. */
  file: string;
  databaseUrl?: string;
  esdbConnectionString?: string;
}

/** `data/hub.db` -> `hub`: lower-case letters, digits and "_", starting with a letter. */
export function storeNameOf(file: string): string {
  const name = basename(file).replace(/\.db$/, '').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z]/.test(name) ? name.slice(0, 63) : `s_${name}`.slice(0, 63);
}

function required(value: string | undefined, variable: string, kind: string): string {
  if (!value) throw new StoreUnavailableError(`HUB_EVENT_STORE=${kind} needs ${variable}`);
  return value;
}

/** Opens and checks the store: a server that does not answer fails here, naming the variable to look at. */
export async function openEventStore(choice: EventStoreChoice): Promise<EventStore> {
  const name = storeNameOf(choice.file);
  try {
    switch (choice.kind) {
      case 'sqlite':
        return SqliteEventStore.open(choice.file);
      case 'postgres':
        return await PostgresEventStore.connect(required(choice.databaseUrl, 'DATABASE_URL', choice.kind), { schema: name });
      case 'esdb':
        return await EsdbEventStore.connect(required(choice.esdbConnectionString, 'ESDB_CONNECTION_STRING', choice.kind), { name });
      default: {
        const unknown: never = choice.kind;
        throw new StoreUnavailableError(`no event store of kind ${String(unknown)}`);
      }
    }
  } catch (error) {
    if (!(error instanceof StoreUnavailableError) || error.message.startsWith('HUB_EVENT_STORE')) throw error;
    const variable = choice.kind === 'postgres' ? 'DATABASE_URL' : 'ESDB_CONNECTION_STRING';
    throw new StoreUnavailableError(`HUB_EVENT_STORE=${choice.kind} (${variable}): ${error.message}`);
  }
}
