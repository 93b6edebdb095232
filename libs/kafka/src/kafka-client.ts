// One kafkajs client per process role, logging through the hub's logger.
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaConfig } from '@hub/office-kit';

function logCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify({ broker: extra.broker, topic: extra.topic, groupId: extra.groupId, error: extra.error })}`;
    // kafkajs reports every failed request it is about to retry as an error; what finally fails
    // reaches the hub's code as an exception and is logged there.
    if (level <= logLevel.WARN) logger.warn(line);
    else logger.log(line);
  };
}

export function createKafka(config: KafkaConfig, role: string): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${role}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    // Long enough to ride out a broker restart without the caller seeing an error.
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
  });
}

/**
 * A start-up step retried, with a growing pause, until the broker answers or the process stops:
 * a service starts and serves while Kafka is still coming up.
 */
export async function retryUntilDone(what: string, step: () => Promise<void>, stopping: () => boolean, logger: { warn(message: string): void }): Promise<void> {
  for (let attempt = 1; !stopping(); attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      logger.warn(`cannot ${what} yet (attempt ${attempt}): ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 10_000)));
    }
  }
}
