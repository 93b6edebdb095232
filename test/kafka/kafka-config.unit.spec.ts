import 'reflect-metadata';
import { ConfigError, loadConfig } from '@hub/office-kit';

describe('Kafka configuration', () => {
  it('is absent without KAFKA_BROKERS: the embedded default needs no broker', () => {
    expect(loadConfig({}, 3000).kafka).toBeUndefined();
  });

  it('takes brokers, partitions, replication factor and client id, with defaults for the last three', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092' }, 3000).kafka).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      partitions: 3,
      replicationFactor: 1,
      clientId: 'hub',
    });
    expect(loadConfig({ KAFKA_BROKERS: '10.0.0.5:9093', KAFKA_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3', KAFKA_CLIENT_ID: 'county-a' }, 3000).kafka)
      .toEqual({ brokers: ['10.0.0.5:9093'], partitions: 12, replicationFactor: 3, clientId: 'county-a' });
  });

  it.each([
    [{ KAFKA_BROKERS: 'kafka:9092, kafka2:9092' }, 'KAFKA_BROKERS="kafka:9092, kafka2:9092": KAFKA_BROKERS must be a comma-separated list of host:port'],
    [{ KAFKA_BROKERS: 'kafka' }, 'KAFKA_BROKERS="kafka": KAFKA_BROKERS must be a comma-separated list of host:port'],
    [{ KAFKA_BROKERS: 'kafka:9092', KAFKA_PARTITIONS: '0' }, 'KAFKA_PARTITIONS="0": KAFKA_PARTITIONS must not be less than 1'],
    [{ KAFKA_BROKERS: 'kafka:9092', KAFKA_PARTITIONS: 'three' }, 'KAFKA_PARTITIONS="three": KAFKA_PARTITIONS must be a whole number of partitions per topic'],
    [{ KAFKA_BROKERS: 'kafka:9092', KAFKA_REPLICATION_FACTOR: '1.5' }, 'KAFKA_REPLICATION_FACTOR="1.5": KAFKA_REPLICATION_FACTOR must be a whole number of replicas'],
    [{ KAFKA_BROKERS: 'kafka:9092', KAFKA_CLIENT_ID: 'a b' }, 'KAFKA_CLIENT_ID="a b": KAFKA_CLIENT_ID must be 1-64 letters, digits'],
  ])('refuses %j, naming the variable and the rule', (env, message) => {
    expect(() => loadConfig(env, 3000)).toThrow(ConfigError);
    expect(() => loadConfig(env, 3000)).toThrow(message);
  });
});
