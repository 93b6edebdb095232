// The outbox relay of one office: tails the office's event store in global order from a durable
// checkpoint and publishes each event to its office's topic. The store is the outbox, so there is
// no dual write: an append is committed first, and the checkpoint moves only after the broker has
// acknowledged the batch (acks from all in-sync replicas, idempotent producer). A crash in between
// publishes the batch again on restart; consumers drop the duplicates by event id.
import { Logger } from '@nestjs/common';
import { officeOf } from '@hub/contracts';
import { subscribeToAll, type EventStore, type StoredEvent, type Subscription } from '@hub/event-store';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { encodeEvent } from './cloud-event.codec';
import type { SqliteRelayCheckpoint } from './relay-checkpoint';
import { topicOf } from './topics';

export interface RelayStatus {
  running: boolean;
  /** Store position of the last event the broker acknowledged. */
  published: number;
  head: number;
  lastError: string | null;
}

const BATCH = 500;

export class OutboxRelay {
  private readonly logger = new Logger('relay');
  private readonly producer: Producer;
  private subscription?: Subscription;
  private lastError: string | null = null;

  constructor(
    kafka: Kafka,
    private readonly store: EventStore,
    private readonly checkpoint: SqliteRelayCheckpoint,
  ) {
    // Idempotent with one request in flight: the broker drops a retried duplicate and keeps order.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    const from = this.checkpoint.load();
    this.subscription = subscribeToAll(this.store, from, (batch) => this.publish(batch), {
      batchSize: BATCH,
      pollMs: 200,
      retryMs: 500,
      onError: (error) => {
        this.lastError = (error as Error).message;
        this.logger.warn(`publishing failed, retrying from position ${this.subscription?.position ?? from}: ${this.lastError}`);
      },
    });
    this.logger.log(`relay publishes the event store from position ${from}`);
  }

  private async publish(batch: StoredEvent[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { event } of batch) {
      const topic = topicOf(officeOf(event.type));
      const messages = byTopic.get(topic) ?? [];
      messages.push(encodeEvent(event));
      byTopic.set(topic, messages);
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    this.checkpoint.save(batch[batch.length - 1].position);
    this.lastError = null;
  }

  /** Resolves once every event up to `position` is on the broker, or after `timeoutMs` (false). */
  async publishedUpTo(position: number, timeoutMs: number): Promise<boolean> {
    if (!this.subscription) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = this.subscription.caughtUpTo(position).then(() => true as const);
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async status(): Promise<RelayStatus> {
    return {
      running: this.subscription !== undefined,
      published: this.subscription?.position ?? this.checkpoint.load(),
      head: await this.store.headPosition(),
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.producer.disconnect();
  }
}
