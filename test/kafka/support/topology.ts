// The distributed topology for tests: each office and the ledger as its own Nest application on
// its own SQLite file, linked only by a real Kafka broker. In-process here (one Nest container
// each, nothing shared but the broker); test/kafka/support/processes.ts runs them as processes.
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Office } from '@hub/contracts';
import { officeProcess } from '@hub/kafka';
import { configureApp, type HubConfig, type KafkaConfig } from '@hub/office-kit';
import { GovernanceModule } from '../../../apps/governance/src/governance.module';
import { HotlineModule } from '../../../apps/hotline/src/hotline.module';
import { JudicialModule } from '../../../apps/judicial/src/judicial.module';
import { LedgerModule } from '../../../apps/ledger/src/ledger.module';
import { PetitionModule } from '../../../apps/petition/src/petition.module';
import { HealthController } from '@hub/office-kit';
import { API_KEY_FILE, readApiKeyFile } from '@hub/security';

export const OFFICE_MODULES = { hotline: HotlineModule, petition: PetitionModule, governance: GovernanceModule, judicial: JudicialModule } as const;

export interface RunningApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export function kafkaConfig(brokers: string[], partitions = 3): KafkaConfig {
  return { brokers, partitions, replicationFactor: 1, clientId: 'test' };
}

export function tempDir(prefix = 'hub-kafka-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

async function serve(module: DynamicModule): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureApp(app, 'Dispute hub');
  await app.init();
  return { app, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export function startOffice(office: Office, dataDir: string, kafka: KafkaConfig): Promise<RunningApp> {
  const config: HubConfig = { port: 0, dataDir, logFormat: 'json', kafka };
  return serve(officeProcess(office, OFFICE_MODULES[office], config));
}

export function startLedger(dataDir: string, kafka: KafkaConfig): Promise<RunningApp> {
  class LedgerApp {}
  return serve({ module: LedgerApp, imports: [LedgerModule.kafka(join(dataDir, 'ledger.db'), kafka)], controllers: [HealthController] });
}

/** Polls until `probe` holds, failing with what it last saw. */
export async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not reached after ${timeoutMs} ms; last seen ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The API keys issued at the first start of the apps on `dataDir`, by holder (the offices and `admin`). */
export function apiKeys(dataDir: string): Record<string, string> {
  return readApiKeyFile(join(dataDir, API_KEY_FILE));
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function ready(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  await eventually('ready at /health', async () => (await app.http().get('/health')).status, (status) => status === 200, timeoutMs);
}
