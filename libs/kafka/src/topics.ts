// The hub's Kafka topics: one per office, `hub.<office>.events`, keyed by dispute id so that one
// dispute's events stay in order within a partition, and the ledger's dead-letter topic.
import { Logger } from '@nestjs/common';
import { DEAD_LETTER_TOPIC, OFFICES, topicOf } from '@hub/contracts';
import type { Admin } from 'kafkajs';

// The names are part of the published contracts (and of their AsyncAPI document).
export { DEAD_LETTER_TOPIC, topicOf };

export const OFFICE_TOPICS: readonly string[] = OFFICES.map(topicOf);

/** The name under which a consumer stores the next offset to read of one partition. */
export function offsetCheckpoint(topic: string, partition: number): string {
  return `kafka:${topic}:${partition}`;
}

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates every topic of the hub that does not exist yet; several processes may race to do it.
 * An existing topic keeps its partitions: adding some would move disputes to other partitions
 * and break their order, so a mismatch is only reported.
 */
export async function ensureTopics(admin: Admin, layout: TopicLayout, logger = new Logger('kafka')): Promise<void> {
  const topics = [...OFFICE_TOPICS, DEAD_LETTER_TOPIC];
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: layout.partitions, replicationFactor: layout.replicationFactor })),
    });
  } catch (error) {
    // Another process created some of them between our metadata read and our request.
    const errors = (error as { errors?: { type?: string }[] }).errors;
    if (!errors?.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw topicError(error, layout);
  }
  const metadata = await admin.fetchTopicMetadata({ topics });
  for (const t of metadata.topics) {
    if (t.partitions.length !== layout.partitions) {
      logger.warn(`topic ${t.name} has ${t.partitions.length} partitions, configuration asks for ${layout.partitions}; keeping ${t.partitions.length}`);
    }
  }
}

function topicError(error: unknown, layout: TopicLayout): Error {
  const message = (error as Error).message;
  if (/replication factor/i.test(message)) {
    return new Error(`cannot create the hub's topics with KAFKA_REPLICATION_FACTOR=${layout.replicationFactor}: ${message}`);
  }
  return error as Error;
}
