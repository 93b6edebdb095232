// Configuration from environment variables, checked at start: each bad value is named with the
// rule it breaks, and the process refuses to start. The embedded default needs none of them.
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { CHINA_WORK_CALENDAR, withDays, type WorkCalendar } from '@hub/dispute';

const DATE_LIST = /^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/;

class HubEnvironment {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HUB_DATA_DIR?: string;

  @IsOptional() @IsIn(['sqlite', 'postgres', 'esdb'], { message: 'HUB_EVENT_STORE must be sqlite, postgres or esdb' })
  HUB_EVENT_STORE?: string;

  @IsOptional() @IsIn(['sqlite', 'postgres'], { message: 'HUB_LEDGER_STORE must be sqlite or postgres' })
  HUB_LEDGER_STORE?: string;

  @ValidateIf((e: HubEnvironment) => e.HUB_EVENT_STORE === 'postgres' || e.HUB_LEDGER_STORE === 'postgres')
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/database) when a store is postgres' })
  DATABASE_URL?: string;

  @ValidateIf((e: HubEnvironment) => e.HUB_EVENT_STORE === 'esdb')
  @Matches(/^(esdb|esdb\+discover):\/\/\S+$/, { message: 'ESDB_CONNECTION_STRING must be an esdb:// connection string (esdb://host:2113?tls=false) when HUB_EVENT_STORE=esdb' })
  ESDB_CONNECTION_STRING?: string;

  @IsOptional() @IsIn(['json', 'text'])
  HUB_LOG_FORMAT?: string;

  /** Public holidays to add to China's calendar, e.g. a year it does not list yet: 2026-01-01,2026-02-16 */
  @IsOptional() @Matches(DATE_LIST, { message: 'HUB_HOLIDAYS must be dates YYYY-MM-DD separated by commas' })
  HUB_HOLIDAYS?: string;

  /** Weekend days worked in a holiday's place (调休), to add likewise. */
  @IsOptional() @Matches(DATE_LIST, { message: 'HUB_WORKDAYS must be dates YYYY-MM-DD separated by commas' })
  HUB_WORKDAYS?: string;

  /** Set: the distributed topology, each office and the ledger talk through these brokers. */
  @IsOptional() @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. kafka-1:9092,kafka-2:9092' })
  KAFKA_BROKERS?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'KAFKA_PARTITIONS must be a whole number of partitions per topic' }) @Min(1) @Max(1000)
  KAFKA_PARTITIONS?: number;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'KAFKA_REPLICATION_FACTOR must be a whole number of replicas' }) @Min(1) @Max(16)
  KAFKA_REPLICATION_FACTOR?: number;

  @IsOptional() @Matches(/^[\w.-]{1,64}$/, { message: 'KAFKA_CLIENT_ID must be 1-64 letters, digits, ".", "_" or "-"' })
  KAFKA_CLIENT_ID?: string;
}

/** The Kafka backbone of the distributed topology; absent in the embedded default. */
export interface KafkaConfig {
  brokers: string[];
  /** Partitions and replicas of the topics created at start. */
  partitions: number;
  replicationFactor: number;
  /** Prefix of this process's Kafka client ids and consumer groups (default `hub`). */
  clientId: string;
}

/** Which stores the process opens, and the servers they live on (docs/stores.md). */
export interface StoreSettings {
  eventStore: 'sqlite' | 'postgres' | 'esdb';
  ledgerStore: 'sqlite' | 'postgres';
  databaseUrl?: string;
  esdbConnectionString?: string;
}

export interface HubConfig {
  port: number;
  dataDir: string;
  logFormat: 'json' | 'text';
  /** Absent: SQLite for both stores. */
  stores?: StoreSettings;
  kafka?: KafkaConfig;
}

export class ConfigError extends Error {}

const SECRET_BEARING = new Set(['DATABASE_URL', 'ESDB_CONNECTION_STRING']);

export function loadConfig(env: NodeJS.ProcessEnv, defaultPort: number): HubConfig {
  const parsed = plainToInstance(HubEnvironment, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length > 0) {
    // Server addresses may carry a password: they are named, not shown.
    const shown = (p: string) => (SECRET_BEARING.has(p) && env[p] ? '(set)' : JSON.stringify(env[p]));
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}=${shown(e.property)}: ${m}`));
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.PORT ?? defaultPort,
    dataDir: resolve(parsed.HUB_DATA_DIR ?? 'data'),
    logFormat: parsed.HUB_LOG_FORMAT === 'text' ? 'text' : 'json',
    stores: {
      eventStore: (parsed.HUB_EVENT_STORE ?? 'sqlite') as StoreSettings['eventStore'],
      ledgerStore: (parsed.HUB_LEDGER_STORE ?? 'sqlite') as StoreSettings['ledgerStore'],
      ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
      ...(parsed.ESDB_CONNECTION_STRING ? { esdbConnectionString: parsed.ESDB_CONNECTION_STRING } : {}),
    },
    ...(parsed.KAFKA_BROKERS
      ? {
          kafka: {
            brokers: parsed.KAFKA_BROKERS.split(','),
            partitions: parsed.KAFKA_PARTITIONS ?? 3,
            replicationFactor: parsed.KAFKA_REPLICATION_FACTOR ?? 1,
            clientId: parsed.KAFKA_CLIENT_ID ?? 'hub',
          },
        }
      : {}),
  };
}

const STORE_VARIABLES = ['HUB_EVENT_STORE', 'HUB_LEDGER_STORE', 'DATABASE_URL', 'ESDB_CONNECTION_STRING'];

/** The stores the environment asks for, checked as at start (only their variables); SQLite for both when it says nothing. */
export function storesFromEnv(env: NodeJS.ProcessEnv): StoreSettings {
  const stores = Object.fromEntries(STORE_VARIABLES.filter((v) => env[v] !== undefined).map((v) => [v, env[v]]));
  return loadConfig(stores, 0).stores ?? { eventStore: 'sqlite', ledgerStore: 'sqlite' };
}

/** The working-day calendar: China's, with the days a deployment adds (HUB_HOLIDAYS, HUB_WORKDAYS). */
export function calendarFromEnv(env: NodeJS.ProcessEnv): WorkCalendar {
  const dates = (value?: string) => (value && DATE_LIST.test(value) ? value.split(',') : []);
  return withDays(CHINA_WORK_CALENDAR, dates(env.HUB_HOLIDAYS), dates(env.HUB_WORKDAYS));
}
