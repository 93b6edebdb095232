// `hub demo generate`: a county's history through the public HTTP API, either to a running hub
// (--url) or to an in-process hub on the data folder whose clock follows the history, so that
// what was recorded when matches what happened when.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { configureApp } from '@hub/office-kit';
import { API_KEY_FILE, apiKeyVariable, readApiKeyFile } from '@hub/security';
import { HubModule } from '../../../hub/src/hub.module';
import { planCounty, type PlannedRequest } from '../generate/county-plan';
import { executePlan, type Answer } from '../generate/execute-plan';
import { progress } from './progress';

export interface GenerateOptions {
  seed: number;
  disputes: number;
  from: string;
  years: number;
  resolvedProperty?: number;
  url?: string;
}

/** A hub in this process on `dataDir`, its clock set by the caller. */
export async function inProcessHub(dataDir: string, clock: { now(): string }): Promise<{ app: INestApplication; url: string }> {
  mkdirSync(dataDir, { recursive: true });
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(dataDir, { clock, security: { writesPerMinute: 100_000_000 } }), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureApp(app, 'Dispute hub', []);
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

function keysFor(dataDir: string): (office: string) => string {
  const file = join(dataDir, API_KEY_FILE);
  const fromFile = existsSync(file) ? readApiKeyFile(file) : {};
  return (office) => {
    const key = process.env[apiKeyVariable(office)] ?? fromFile[office];
    if (!key) throw new Error(`no API key for the ${office} office: set ${apiKeyVariable(office)}`);
    return key;
  };
}

export function sender(url: string, keyOf: (office: string) => string, beforeEach: (r: PlannedRequest) => void = () => undefined) {
  return async (r: PlannedRequest): Promise<Answer> => {
    beforeEach(r);
    const res = await fetch(url + r.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(r.office)}`, 'x-correlation-id': `generated-${r.disputeId}` },
      body: JSON.stringify(r.body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
}

export async function generateCommand(dataDir: string, o: GenerateOptions): Promise<void> {
  const plan = planCounty({ seed: o.seed, disputes: o.disputes, from: o.from, years: o.years, resolvedPropertyDisputes: o.resolvedProperty });
  let now = new Date(Date.parse(plan[0]?.at ?? o.from)).toISOString();
  const clock = { now: () => now };
  const local = o.url ? undefined : await inProcessHub(dataDir, clock);
  try {
    const url = o.url ?? local!.url;
    const bar = progress('generate', plan.length);
    const report = await executePlan(
      plan,
      sender(url, keysFor(dataDir), (r) => {
        // The clock never goes back: requests of one moment keep their order.
        now = new Date(Math.max(Date.parse(now) + 1, Date.parse(r.at))).toISOString();
      }),
      (done) => bar.update(done),
    );
    bar.stop();
    const refused = Object.entries(report.refused).map(([code, n]) => `${code} ${n}`).join(', ');
    process.stderr.write(`sent ${report.requests} requests: ${report.accepted} accepted${refused ? `, refused: ${refused}` : ''}\n`);
  } finally {
    await local?.app.close();
  }
}
