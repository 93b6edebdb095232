// Starts the composed hub in-process on a data folder, for end-to-end tests over HTTP. Every
// route but /health needs a key: `hub.keys` holds the first-start keys from the data folder,
// and `hub.as('hotline')` sends requests with one of them.
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { waterCardComplaint, waterCardSteps } from '../../apps/hub/demo/water-card.scenario';
import { HubModule } from '../../apps/hub/src/hub.module';
import { configureApp, type Clock, type StoreSettings } from '@hub/office-kit';
import { API_KEY_FILE, readApiKeyFile, type SecurityOptions } from '@hub/security';

export type KeyHolder = 'hotline' | 'petition' | 'governance' | 'judicial' | 'admin';
export type HubKeys = Record<KeyHolder, string>;

export interface RunningHub {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  /** The keys the first start wrote to the data folder. */
  keys: HubKeys;
  /** Requests carrying a key: one of the first-start holders, or a key itself. */
  as(holder: KeyHolder | { key: string }): { get(url: string): request.Test; post(url: string): request.Test };
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  security?: Partial<SecurityOptions>;
  /** Receives everything the app logs (default: errors and warnings to the console). */
  logger?: LoggerService;
  /** The stores to run on (default: SQLite in the data folder). */
  stores?: StoreSettings;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hub-e2e-'));
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The office whose route this is: `/v1/judicial/disputes/…` -> judicial. */
export const officeOfPath = (path: string) => path.split('/')[2] as Exclude<KeyHolder, 'admin'>;

export async function startHub(dataDir = tempDataDir(), options: Clock | StartOptions = {}): Promise<RunningHub> {
  const { clock, security, logger, stores } = 'now' in options ? { clock: options, security: undefined, logger: undefined, stores: undefined } : options;
  const moduleRef = await Test.createTestingModule({
    imports: [HubModule.forRoot(dataDir, { ...(clock ? { clock } : {}), ...(security ? { security } : {}), ...(stores ? { stores } : {}) })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: logger ?? ['error', 'warn'] });
  configureApp(app, 'Dispute hub', []);
  await app.init();
  const keys = readApiKeyFile(join(dataDir, API_KEY_FILE)) as HubKeys;
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    dataDir,
    keys,
    as(holder) {
      const key = typeof holder === 'string' ? keys[holder] : holder.key;
      return { get: (url) => http().get(url).set(bearer(key)), post: (url) => http().post(url).set(bearer(key)) };
    },
    close: () => app.close(),
  };
}

/**
 * Plays the seed's water-card case through the offices' HTTP APIs, each step with its office's
 * key; `ticketNo` gives the case a work order of its own. Answers the dispute and the last position.
 */
export async function playWaterCard(hub: RunningHub, ticketNo = waterCardComplaint.ticketNo): Promise<{ disputeId: string; position: number }> {
  const intake = await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, ticketNo }).expect(202);
  const disputeId = intake.body.disputeId as string;
  let position = intake.body.position as number;
  for (const step of waterCardSteps) {
    const res = await hub.as(officeOfPath(step.path(disputeId))).post(step.path(disputeId)).send(step.body);
    expect({ step: step.title, status: res.status, body: res.body }).toMatchObject({ status: 202 });
    position = res.body.position;
  }
  return { disputeId, position };
}
