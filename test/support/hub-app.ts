// Starts the composed hub in-process on a data folder, for end-to-end tests over HTTP.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { HubModule } from '../../apps/hub/src/hub.module';
import { configureApp, type Clock } from '@hub/office-kit';

export interface RunningHub {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hub-e2e-'));
}

export async function startHub(dataDir = tempDataDir(), clock?: Clock): Promise<RunningHub> {
  const moduleRef = await Test.createTestingModule({ imports: [HubModule.forRoot(dataDir, clock ? { clock } : {})] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, 'Dispute hub');
  await app.init();
  return { app, http: () => request(app.getHttpServer()), dataDir, close: () => app.close() };
}
