// EventStoreDB / KurrentDB adapter of the event store (@eventstore/db-client, gRPC). One server
// stream per office and dispute, named `<store>.<office>-<dispute id>`: the store's name keeps
// several hub stores (the embedded hub, each office alone) apart on one server. Appends carry the
// expected revision, which the server checks. `$all` is read through a server-side filter on the
// store's stream-name prefix, which also leaves out every system event (their streams begin with
// `$`). Subscriptions are the port's catch-up subscriptions: the consumer keeps its checkpoint.
//
// Positions: an event's position in `$all` is a (commit, prepare) pair of byte offsets in the
// server's transaction log; for events written by gRPC appends both are the offset of the
// event's own record, so the port's numeric position is the commit offset. A number holds it
// exactly up to 2^53 bytes (8 PiB) of log; past that the adapter refuses rather than round.
// Needs EventStoreDB 23.10 or later, or any KurrentDB: stream reads carry positions, and
// subscriptions report when they have caught up.
import { EventEmitter } from 'node:events';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import {
  ConcurrencyConflictError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from './event-store.port';
import { describeUrl, StoreUnavailableError } from './store-unavailable';
import { nextAppend, storedEvent, type EnvelopeMetadata } from './stored-event';

/** What travels in the server event's metadata: the CloudEvents attributes that are not its id, type or data. */

const STORE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The port's position of an event of `$all`. */
export function positionNumber(position: Position | undefined): number {
  if (!position) throw new StoreUnavailableError('the EventStoreDB server gives no positions on stream reads: EventStoreDB 23.10 or later (or KurrentDB) is needed');
  if (position.commit !== position.prepare) {
    throw new RangeError(`event at commit ${position.commit} / prepare ${position.prepare} was written in an explicit transaction, which the hub never writes`);
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`log position ${position.commit} is past 2^53: a number no longer holds it exactly`);
  return Number(position.commit);
}

export interface EsdbEventStoreOptions {
  /** The store's name, the prefix of its streams (default `hub`). */
  name?: string;
  /** How long the first round trip may take before the server counts as unreachable. */
  connectTimeoutMs?: number;
}

export class EsdbEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly prefix: string;
  private live?: AllStreamSubscription;
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    readonly name: string,
  ) {
    this.prefix = `${name}.`;
  }

  /** Connects and makes one round trip, so that an unreachable or misconfigured server fails now. */
  static async connect(connectionString: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> {
    const name = options.name ?? 'hub';
    if (!STORE_NAME.test(name)) throw new Error(`store name ${JSON.stringify(name)} must be lower-case letters, digits or "_", starting with a letter`);
    const where = `EventStoreDB at ${describeUrl(connectionString)}`;
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new StoreUnavailableError(`${where} cannot be used: ESDB_CONNECTION_STRING is not a connection string (esdb://host:2113?tls=false): ${(error as Error).message}`);
    }
    try {
      for await (const _ of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: options.connectTimeoutMs ?? 5000 })) break;
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new StoreUnavailableError(`${where} cannot be used: ${(error as Error).message}`);
    }
    return new EsdbEventStore(client, name);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stream = this.prefix + streamId;
    if (events.length === 0) return { revision: await this.checkOnly(streamId, expected), position: 0 };
    await this.refuseKnownIds(stream, events, expected);
    const data = events.map((e) => {
      const { id, type, subject, source, time, data, dataschema, correlationid, causationid, actor } = e;
      const metadata: EnvelopeMetadata = { subject, source, time, dataschema, correlationid, causationid, actor };
      return jsonEvent({ id, type, data: data as unknown as Record<string, unknown>, metadata });
    });
    let result;
    try {
      result = await this.client.appendToStream(stream, data, { expectedRevision: expectedOf(expected) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new ConcurrencyConflictError(streamId, expected, actual);
      }
      throw error;
    }
    const revision = Number(result.nextExpectedRevision);
    // A single event's record is the write's own position; for several, read the last one back
    // rather than rely on which record of the write the server reports.
    const position = events.length === 1 && result.position ? positionNumber(result.position) : (await this.readFrom(stream, BigInt(revision), 1))[0].position;
    this.appended.emit('append');
    return { revision, position };
  }

  /** The server keeps event ids unique only against retries of one write: the port wants them unique in the stream. */
  private async refuseKnownIds(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<void> {
    const ids = events.map((e) => e.id);
    const known = new Set(expected === 'no_stream' ? [] : (await this.readFrom(stream, START)).map((e) => e.event.id));
    const again = ids.filter((id, i) => known.has(id) || ids.indexOf(id) !== i);
    if (again.length > 0) throw new Error(`event ${again[0]} is already in stream ${stream}: an event is appended once`);
  }

  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<number> {
    const last = await this.readFrom(this.prefix + streamId, END, 1, BACKWARDS);
    const actual = last.length ? last[0].revision : 'no_stream';
    if (expected !== 'any' && expected !== actual) throw new ConcurrencyConflictError(streamId, expected, actual);
    return actual === 'no_stream' ? -1 : actual;
  }

  private async readFrom(stream: string, fromRevision: bigint | typeof START | typeof END, maxCount?: number, direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision, direction, ...(maxCount ? { maxCount } : {}) })) {
        if (resolved.event) out.push(this.toStored(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.readFrom(this.prefix + streamId, START);
  }

  /**
   * `$all` after `after`, through the server-side filter: a catch-up subscription that is read
   * until `limit` events or until the server says it has caught up, then closed.
   */
  readAll(after: number, limit: number): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      const out: StoredEvent[] = [];
      let caughtUp = false;
      let settled = false;
      const sub = this.client.subscribeToAll({
        fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        filter: streamNameFilter({ prefixes: [this.prefix] }),
      });
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        void sub.unsubscribe().catch(() => undefined);
        if (error) reject(error);
        else resolve(out);
      };
      sub.on('data', (resolved: AllStreamResolvedEvent) => {
        if (settled) return;
        try {
          const stored = resolved.event ? this.toStored(resolved.event) : undefined;
          if (stored && stored.position > after) out.push(stored);
        } catch (error) {
          finish(error);
          return;
        }
        // Events read before "caught up" may still be queued behind it: finish once they are in.
        if (out.length >= limit || (caughtUp && sub.readableLength === 0)) finish();
      });
      sub.on('caughtUp', () => {
        caughtUp = true;
        if (sub.readableLength === 0) finish();
      });
      sub.on('error', (error) => finish(error));
      sub.on('end', () => finish());
    });
  }

  /** The store's newest event: `$all` read backwards to the first event of the store's streams. */
  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      if (resolved.event?.streamId.startsWith(this.prefix)) return positionNumber(resolved.event.position);
    }
    return 0;
  }

  waitForAppend(timeoutMs: number): Promise<void> {
    if (!this.closed && !this.live) this.follow();
    return nextAppend(this.appended, timeoutMs);
  }

  /** A live subscription to the store's streams from now on: it wakes waiters when any process appends. */
  private follow(): void {
    const sub = this.client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [this.prefix] }) });
    const drop = () => {
      if (this.live === sub) this.live = undefined;
      this.appended.emit('append');
    };
    sub.on('data', () => this.appended.emit('append'));
    sub.on('error', drop);
    sub.on('end', drop);
    this.live = sub;
  }

  private toStored(e: RecordedEvent): StoredEvent {
    return storedEvent({
      position: positionNumber(e.position),
      streamId: e.streamId.slice(this.prefix.length),
      revision: Number(e.revision),
      id: e.id,
      type: e.type,
      data: e.data,
      meta: e.metadata as EnvelopeMetadata,
    });
  }


  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('append');
    await this.live?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }
}

function expectedOf(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}
