// Feeds the ledger from the offices' Kafka topics (the distributed topology): one consumer group
// over every office topic; each partition batch is applied together with its next offset, under
// `kafka:<topic>:<partition>`, in one ledger transaction, and the consumer seeks to those stored
// offsets whenever partitions are assigned. A message that is not a readable hub event goes to the
// dead-letter topic, with its reason and original headers, before the batch's offset moves past it.
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { LedgerEvent } from '@hub/ledger-core';
import {
  DEAD_LETTER_TOPIC,
  OFFICE_TOPICS,
  TopicFollower,
  createKafka,
  deadLetter,
  decodeMessage,
  ensureTopics,
  offsetCheckpoint,
  retryUntilDone,
  type PartitionBatch,
} from '@hub/kafka';
import type { KafkaConfig, Readiness } from '@hub/office-kit';
import { Partitioners, type Admin, type Kafka, type Message, type Producer } from 'kafkajs';
import type { LedgerFeed } from './ledger-feed';
import { LEDGER_STORE, type LedgerStore } from './ledger.port';

export const LEDGER_KAFKA_CONFIG = Symbol('LEDGER_KAFKA_CONFIG');

const READ_YOUR_WRITES_MS = 5000;

@Injectable()
export class KafkaFeedProjector implements LedgerFeed, Readiness, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ledger');
  private readonly client: Kafka;
  private readonly admin: Admin;
  private readonly deadLetters: Producer;
  private readonly follower: TopicFollower;
  private starting?: Promise<void>;
  private stopping = false;
  private deadLettered = 0;
  /** One ledger file, one group: a second ledger on another file reads every partition too under its own prefix. */
  private readonly group: string;

  constructor(
    @Inject(LEDGER_KAFKA_CONFIG) private readonly config: KafkaConfig,
    @Inject(LEDGER_STORE) private readonly ledger: LedgerStore,
  ) {
    this.group = `${config.clientId}-ledger`;
    this.client = createKafka(config, 'ledger');
    this.admin = this.client.admin({ retry: { retries: 0 } });
    this.deadLetters = this.client.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.follower = new TopicFollower(
      this.client,
      {
        groupId: this.group,
        topics: OFFICE_TOPICS,
        storedOffsets: () => this.storedOffsets(),
        apply: (batch) => this.apply(batch),
      },
      'ledger-consumer',
    );
  }

  onApplicationBootstrap(): void {
    this.starting = this.start();
  }

  private start(): Promise<void> {
    return retryUntilDone(
      'start the Kafka feed',
      async () => {
        await this.admin.connect();
        await ensureTopics(this.admin, this.config, this.logger);
        await this.deadLetters.connect();
        await this.follower.start();
        this.logger.log(`ledger follows ${OFFICE_TOPICS.join(', ')} as consumer group ${this.group}`);
      },
      () => this.stopping,
      this.logger,
    );
  }

  private async storedOffsets(): Promise<Record<string, string>> {
    const offsets: Record<string, string> = {};
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [...OFFICE_TOPICS] });
    for (const name of topics.flatMap((t) => t.partitions.map((p) => offsetCheckpoint(t.name, p.partitionId)))) {
      const value = await this.ledger.checkpoint(name);
      if (value !== undefined) offsets[name] = value;
    }
    return offsets;
  }

  private async apply({ topic, partition, messages, next }: PartitionBatch): Promise<void> {
    const events: LedgerEvent[] = [];
    const dead: Message[] = [];
    for (const m of messages) {
      const decoded = decodeMessage(m);
      if (decoded.ok) {
        events.push(decoded.event);
      } else {
        dead.push(deadLetter(m, { topic, partition, offset: m.offset }, decoded.error, this.group));
        this.logger.warn(`${topic}/${partition}@${m.offset} dead-lettered: ${decoded.error.code} ${decoded.error.reason}`);
      }
    }
    // Dead letters are on the broker before the offset moves past them: a crash repeats them, never loses them.
    if (dead.length > 0) await this.deadLetters.send({ topic: DEAD_LETTER_TOPIC, acks: -1, messages: dead });
    await this.ledger.apply(events, { [offsetCheckpoint(topic, partition)]: next });
    this.deadLettered += dead.length;
  }

  async caughtUpTo(_position: number): Promise<void> {
    await this.follower.caughtUp(READ_YOUR_WRITES_MS);
  }

  async check(): Promise<{ ready: boolean; details: Record<string, unknown> }> {
    const consumer = this.follower.status();
    const lag = await this.follower.lag().catch(() => undefined);
    const ready = lag !== undefined && consumer.state === 'running';
    return {
      ready,
      details: {
        kafka: {
          broker: lag ? 'reachable' : 'unreachable',
          consumer: { group: this.group, ...consumer, deadLettered: this.deadLettered },
          lag: lag ?? [],
          totalLag: lag?.reduce((sum, p) => sum + p.lag, 0) ?? null,
        },
      },
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.follower.stop().catch(() => undefined);
    await this.deadLetters.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
