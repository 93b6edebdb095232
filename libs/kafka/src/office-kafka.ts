// One office on the Kafka backbone: its outbox relay publishes the office's own events, and its
// replica follows the other offices' topics so that the office can act on disputes they reported.
// Both live beside the office's event store in its own SQLite file. The office keeps taking
// writes while the broker is away: they wait in the store, and the relay publishes them later.
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { OFFICES, type Office } from '@hub/contracts';
import { EVENT_STORE, openSqlite, type EventStore, type StoredEvent } from '@hub/event-store';
import type { KafkaConfig, PeerEvents, Readiness } from '@hub/office-kit';
import type { Admin, Kafka } from 'kafkajs';
import { decodeMessage } from './cloud-event.codec';
import { createKafka, retryUntilDone } from './kafka-client';
import { OutboxRelay } from './outbox-relay';
import { SqlitePeerReplica } from './peer-replica';
import { SqliteRelayCheckpoint } from './relay-checkpoint';
import { TopicFollower, type PartitionBatch } from './topic-follower';
import { ensureTopics, offsetCheckpoint, topicOf } from './topics';

export const OFFICE_KAFKA_OPTIONS = Symbol('OFFICE_KAFKA_OPTIONS');

export interface OfficeKafkaOptions {
  office: Office;
  kafka: KafkaConfig;
  /** The office's own SQLite file: the relay checkpoint and the replica live there. */
  file: string;
}

/** How long a command waits for the replica to catch up before deciding on what it has. */
const CATCH_UP_MS = 2000;

@Injectable()
export class OfficeKafka implements PeerEvents, Readiness, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly client: Kafka;
  private readonly admin: Admin;
  private readonly db: Database.Database;
  private readonly replica: SqlitePeerReplica;
  readonly relay: OutboxRelay;
  private readonly follower: TopicFollower;
  private starting?: Promise<void>;
  private started = false;
  private stopping = false;

  constructor(
    @Inject(OFFICE_KAFKA_OPTIONS) private readonly options: OfficeKafkaOptions,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    const { office, kafka, file } = options;
    this.logger = new Logger(`kafka:${office}`);
    this.client = createKafka(kafka, office);
    this.admin = this.client.admin({ retry: { retries: 0 } });
    this.db = openSqlite(file);
    this.replica = new SqlitePeerReplica(this.db);
    this.relay = new OutboxRelay(this.client, store, new SqliteRelayCheckpoint(this.db));
    this.follower = new TopicFollower(
      this.client,
      {
        groupId: `${kafka.clientId}-replica-${office}`,
        topics: OFFICES.filter((o) => o !== office).map(topicOf),
        storedOffsets: async () => this.replica.offsets(),
        apply: async (batch) => this.store(batch),
      },
      `replica:${office}`,
    );
  }

  onApplicationBootstrap(): void {
    this.starting = this.start();
  }

  private async start(): Promise<void> {
    const { kafka } = this.options;
    await this.untilDone('connect to Kafka and create the topics', async () => {
      await this.admin.connect();
      await ensureTopics(this.admin, kafka, this.logger);
    });
    await this.untilDone('start the outbox relay', () => this.relay.start());
    await this.untilDone('start the replica of the other offices', () => this.follower.start());
    this.started = !this.stopping;
  }

  /** Startup steps retried until the broker answers: the office serves meanwhile. */
  private untilDone(what: string, step: () => Promise<void>): Promise<void> {
    return retryUntilDone(what, step, () => this.stopping, this.logger);
  }

  // Unreadable messages are the ledger's to dead-letter; the replica only skips them.
  private async store({ topic, partition, messages, next }: PartitionBatch): Promise<void> {
    const events = [];
    for (const m of messages) {
      const decoded = decodeMessage(m);
      if (decoded.ok) events.push(decoded.event);
      else this.logger.warn(`${topic}/${partition}@${m.offset} skipped: ${decoded.error.code} ${decoded.error.reason}`);
    }
    this.replica.apply(events, { [offsetCheckpoint(topic, partition)]: next });
  }

  async catchUp(): Promise<void> {
    if (!this.started) return;
    if (!(await this.follower.caughtUp(CATCH_UP_MS))) {
      this.logger.warn('the replica of the other offices is behind (or the broker is unreachable): deciding on what it holds');
    }
  }

  async forDispute(disputeId: string): Promise<StoredEvent[]> {
    return this.replica.forDispute(disputeId);
  }

  async check(): Promise<{ ready: boolean; details: Record<string, unknown> }> {
    const broker = await this.admin
      .describeCluster()
      .then(() => 'reachable' as const)
      .catch(() => 'unreachable' as const);
    const relay = await this.relay.status();
    const replica = { ...this.follower.status(), events: this.replica.size() };
    const ready = broker === 'reachable' && relay.running && replica.state === 'running';
    return { ready, details: { kafka: { broker, relay, replica } } };
  }

  // Before the event store closes: the relay reads it until it stops.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.follower.stop().catch(() => undefined);
    await this.relay.stop().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
