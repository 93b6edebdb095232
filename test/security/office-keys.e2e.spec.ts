// Who may do what, over HTTP: every office command route (found in the published OpenAPI
// document, so new routes are covered too) refuses every other office's key with 403 and writes
// nothing; no key or a revoked key is a 401; reads, administration and rate limits per key.
import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { OFFICES } from '@hub/contracts';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { configureApp } from '@hub/office-kit';
import { SecurityModule, readApiKeyFile, API_KEY_FILE } from '@hub/security';
import { waterCardComplaint } from '../../apps/hub/demo/water-card.scenario';
import { bearer, startHub, tempDataDir, type RunningHub } from '../support/hub-app';
import { join } from 'node:path';

describe('office keys and scopes', () => {
  let hub: RunningHub;
  let disputeId: string;
  const head = () => hub.app.get<EventStore>(EVENT_STORE).headPosition();

  beforeAll(async () => {
    hub = await startHub(undefined, { security: { writesPerMinute: 10_000 } });
    disputeId = (await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202)).body.disputeId;
  });
  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it("each office's key against each other office's commands: 403, nothing written", async () => {
    const doc = (await hub.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const commands = Object.entries(doc.paths)
      .filter(([path, ops]) => 'post' in ops && /^\/v1\/(hotline|petition|governance|judicial)\//.test(path))
      .map(([path]) => ({ office: path.split('/')[2], path: path.replace('{id}', disputeId) }));
    expect(new Set(commands.map((c) => c.office))).toEqual(new Set(OFFICES));
    expect(commands.length).toBeGreaterThanOrEqual(29); // 8 hotline, 2 petition, 9 governance, 10 judicial
    const before = await head();
    const answers: string[] = [];
    for (const { office, path } of commands) {
      for (const other of OFFICES.filter((o) => o !== office)) {
        const res = await hub.as(other).post(path).send({ at: '2023-12-27T10:00:00+08:00' });
        answers.push(`${other} -> ${path}: ${res.status} ${res.body.code}`);
      }
      const admin = await hub.as('admin').post(path).send({});
      answers.push(`admin -> ${path}: ${admin.status} ${admin.body.code}`);
    }
    expect(answers.filter((a) => !a.endsWith(': 403 OTHER_OFFICE'))).toEqual([]);
    expect(answers).toHaveLength(commands.length * 4);
    expect(await head()).toBe(before);
  });

  it('the hotline key cannot record a mediation agreement', async () => {
    const before = await head();
    const res = await hub
      .as('hotline')
      .post(`/v1/judicial/disputes/${disputeId}/agreements`)
      .send({ agreementNo: 'CWTJ-2024-007', terms: '业主补缴物业费', fulfilBy: '2024-02-29T23:59:59+08:00' })
      .expect(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'OTHER_OFFICE', message: 'only the judicial office may do this' });
    expect(await head()).toBe(before);
  });

  it('an office writes under its own source, as its key’s principal', async () => {
    await hub.as('governance').post(`/v1/governance/disputes/${disputeId}/triage`).send({ riskLevel: 'low', category: 'property' }).expect(202);
    const events = await hub.app.get<EventStore>(EVENT_STORE).readAll(0, 100);
    expect(events.map((s) => [s.event.source, s.event.actor])).toEqual([
      ['/offices/hotline', 'office:hotline'],
      ['/offices/governance', 'office:governance'],
    ]);
    // A header cannot claim another actor.
    await hub.as('governance').post(`/v1/governance/disputes/${disputeId}/lead-office`).set('x-actor', 'office:judicial').send({ office: 'judicial' }).expect(202);
    expect((await hub.app.get<EventStore>(EVENT_STORE).readAll(2, 10))[0].event.actor).toBe('office:governance');
  });

  it('no key, a malformed or unknown key: 401 with a code, nothing written', async () => {
    const before = await head();
    const none = await hub.http().post('/v1/hotline/complaints').send({ ...waterCardComplaint, ticketNo: 'T-NOKEY' }).expect(401);
    expect(none.body.code).toBe('MISSING_API_KEY');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const forged = hub.keys.hotline.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const key of ['nonsense', forged, `hub_000000000000_${'A'.repeat(43)}`]) {
      const res = await hub.http().post('/v1/hotline/complaints').set(bearer(key)).send(waterCardComplaint).expect(401);
      expect(res.body.code).toBe('INVALID_API_KEY');
    }
    await hub.http().get(`/v1/ledger/disputes/${disputeId}`).set('x-api-key', forged).expect(401);
    await hub.http().get(`/v1/ledger/disputes/${disputeId}`).set('x-api-key', hub.keys.petition).expect(200);
    expect(await head()).toBe(before);
  });

  it('a revoked key is refused at once; a rotated key is replaced, with or without an overlap', async () => {
    const issued = await hub.as('admin').post('/v1/admin/keys').send({ role: 'office', office: 'judicial' }).expect(201);
    const key = { key: issued.body.key as string };
    expect(issued.body).toMatchObject({ principal: 'office:judicial', scopes: ['judicial:write', 'ledger:read', 'subscriptions:write'], revokedAt: null });
    await hub.as(key).get(`/v1/ledger/disputes/${disputeId}`).expect(200);
    await hub.as('admin').post(`/v1/admin/keys/${issued.body.keyId}/revocation`).expect(200);
    const refused = await hub.as(key).get(`/v1/ledger/disputes/${disputeId}`).expect(401);
    expect(refused.body.code).toBe('INVALID_API_KEY');

    const listed = (await hub.as('admin').get('/v1/admin/keys').expect(200)).body.items as { keyId: string }[];
    expect(JSON.stringify(listed)).not.toContain(hub.keys.hotline.split('_')[2]);
    const hotlineKeyId = hub.keys.hotline.split('_')[1];
    const overlap = await hub.as('admin').post(`/v1/admin/keys/${hotlineKeyId}/rotation`).send({ overlapSeconds: 3600 }).expect(201);
    await hub.as({ key: overlap.body.key }).get(`/v1/ledger/disputes/${disputeId}`).expect(200);
    await hub.as('hotline').get(`/v1/ledger/disputes/${disputeId}`).expect(200);
    const at = await hub.as('admin').post(`/v1/admin/keys/${overlap.body.keyId}/rotation`).send({}).expect(201);
    await hub.as({ key: overlap.body.key }).get(`/v1/ledger/disputes/${disputeId}`).expect(401);
    await hub.as({ key: at.body.key }).post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    await hub.as('admin').post(`/v1/admin/keys/${hotlineKeyId}/revocation`).expect(200);
    await hub.as('hotline').get(`/v1/ledger/disputes/${disputeId}`).expect(401);
  });

  it('keys cannot be given another office’s voice or more than their role allows', async () => {
    const tooMuch = await hub.as('admin').post('/v1/admin/keys').send({ role: 'office', office: 'hotline', scopes: ['hotline:write', 'judicial:write'] }).expect(400);
    expect(tooMuch.body.message).toContain('judicial:write');
    await hub.as('admin').post('/v1/admin/keys').send({ role: 'admin', name: 'ops', scopes: ['hotline:write'] }).expect(400);
    await hub.as('admin').post('/v1/admin/keys').send({ role: 'analyst', office: 'hotline' }).expect(400);
    await hub.as('petition').post('/v1/admin/keys').send({ role: 'admin', name: 'me' }).expect(403);
  });

  it('ledger reads for every office and analysts; verification, privacy and audit for their scopes only', async () => {
    const analyst = await hub.as('admin').post('/v1/admin/keys').send({ role: 'analyst', name: 'wang' }).expect(201);
    for (const holder of ['petition', 'governance', 'judicial', { key: analyst.body.key }] as const) {
      await hub.as(holder).get(`/v1/ledger/disputes/${disputeId}`).expect(200);
      await hub.as(holder).get('/v1/ledger/stats?from=2023-01-01T00:00:00Z&to=2025-01-01T00:00:00Z').expect(200);
    }
    await hub.as({ key: analyst.body.key }).get('/v1/ledger/verify').expect(200);
    expect((await hub.as('judicial').get('/v1/ledger/verify').expect(403)).body.code).toBe('MISSING_SCOPE');
    await hub.as({ key: analyst.body.key }).post(`/v1/judicial/disputes/${disputeId}/mediations`).send({ mediator: 'x' }).expect(403);
    for (const path of ['/v1/privacy/access-log', '/v1/privacy/subjects?phone=13800000000&reason=check', '/v1/admin/keys']) {
      await hub.as('governance').get(path).expect(403);
      await hub.as({ key: analyst.body.key }).get(path).expect(403);
    }
  });

  it('the health check and the API description need no key', async () => {
    await hub.http().get('/health').expect(200);
    await hub.http().get('/docs/openapi.json').expect(200);
  });

  it('answers carry security headers, and no CORS header unless origins are configured', async () => {
    const res = await hub.as('judicial').get(`/v1/ledger/disputes/${disputeId}`).set('origin', 'https://evil.example').expect(200);
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.any(String) });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('rate limits per key on office commands', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub(undefined, { security: { writesPerMinute: 3 } });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('the fourth write in a minute is a 429 with Retry-After; another key is not held back', async () => {
    for (let i = 1; i <= 3; i++) await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, ticketNo: `RL-${i}` }).expect(202);
    const limited = await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, ticketNo: 'RL-4' }).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await hub.as('petition').post('/v1/petition/petitions').send({
      petitionNo: 'XF-RL-1', registeredAt: '2024-01-10T14:00:00+08:00', form: 'visit', category: 'property',
      petitioner: { name: '李龙' }, place: { district: '冠县', street: '崇文街道', community: '文苑社区' }, summary: '水卡',
    }).expect(202);
    // Reads are not counted against the office's writes.
    await hub.as('hotline').get('/v1/ledger/disputes').expect(200);
  });
});

@Controller('v1/reports')
class UndeclaredController {
  @Get()
  list() {
    return { secret: true };
  }
}

describe('deny by default', () => {
  it('a route that declares no access policy is closed, even to an administrator', async () => {
    const dir = tempDataDir();
    const moduleRef = await Test.createTestingModule({
      imports: [SecurityModule.forRoot({ dataDir: dir, corsOrigins: [], writesPerMinute: 10, now: () => new Date().toISOString() })],
      controllers: [UndeclaredController],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
    configureApp(app, 'test', []);
    await app.init();
    try {
      const keys = readApiKeyFile(join(dir, API_KEY_FILE));
      await request(app.getHttpServer()).get('/v1/reports').expect(401);
      const res = await request(app.getHttpServer()).get('/v1/reports').set(bearer(keys.admin)).expect(403);
      expect(res.body.code).toBe('NO_ACCESS_POLICY');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
