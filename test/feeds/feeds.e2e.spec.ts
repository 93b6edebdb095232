// Feeds end to end: a petitions-office subscription gets exactly what concerns it, SSE resumes
// exactly after Last-Event-ID, webhooks are signed, retried, parked and redelivered, and a
// restart in the middle of delivery loses nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { startHub, type RunningHub } from '../support/hub-app';
import { openSse } from '../support/sse';

const place = (community: string) => ({ district: '冠县', street: '崇文街道', community });
let n = 0;
const complaint = (community: string) => ({
  ticketNo: `FEED-T-${++n}`,
  receivedAt: '2024-03-01T09:00:00+08:00',
  channel: 'phone',
  category: 'property',
  caller: { name: '张伟', phone: '13911112222' },
  place: place(community),
  summary: '物业纠纷',
});
const petition = (community: string) => ({
  petitionNo: `FEED-P-${++n}`,
  registeredAt: '2024-03-01T10:00:00+08:00',
  form: 'visit',
  category: 'neighbour',
  petitioner: { name: '王芳', phone: '13822223333' },
  place: place(community),
  summary: '邻里纠纷',
});
const gridCheck = (community: string) => ({
  checkNo: `FEED-G-${++n}`,
  foundAt: '2024-03-01T11:00:00+08:00',
  gridWorker: '王网格',
  category: 'neighbour',
  riskLevel: 'low',
  place: place(community),
  summary: '邻里纠纷',
  parties: [{ name: '王芳' }],
});
const triage = { riskLevel: 'low', category: 'property' };

async function listen(hub: RunningHub): Promise<string> {
  await hub.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
}

describe('feeds', () => {
  let hub: RunningHub;
  let base: string;

  beforeAll(() => {
    process.env.HUB_WEBHOOK_RETRY_BASE_MS = '20';
    process.env.HUB_FEED_POLL_MS = '30';
  });
  beforeEach(async () => {
    hub = await startHub();
    base = await listen(hub);
  });
  afterEach(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  const post = async (office: 'hotline' | 'petition' | 'governance' | 'judicial', path: string, body: object) => {
    const res = await hub.as(office).post(path).send(body);
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { disputeId: string };
  };
  const subscribe = async (office: 'petition' | 'hotline', body: object) => {
    const res = await hub.as(office).post('/v1/feeds/subscriptions').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; secret?: string };
  };

  it("a petitions-office subscription gets exactly its community's disputes and the ones linked to its petitions", async () => {
    const sub = await subscribe('petition', { name: '文苑社区 and our petitions', filter: { communities: ['文苑社区'], mine: true } });
    const stream = await openSse(`${base}/v1/feeds/subscriptions/${sub.id}/events`, { authorization: `Bearer ${hub.keys.petition}` });
    expect(stream.status).toBe(200);

    const inCommunity = await post('hotline', '/v1/hotline/complaints', complaint('文苑社区'));
    await post('hotline', '/v1/hotline/complaints', complaint('振华社区'));
    const ours = await post('petition', '/v1/petition/petitions', petition('新华社区'));
    const found = await post('governance', '/v1/governance/grid-checks', gridCheck('育英社区'));
    await post('governance', `/v1/governance/disputes/${inCommunity.disputeId}/triage`, triage);
    // The stream has judged the grid check by now: it came before this triage in the journal.
    await stream.waitFor(3);
    await post('governance', `/v1/governance/disputes/${found.disputeId}/links`, { primaryId: ours.disputeId, confirmedBy: '值班员', reason: '同一事项' });
    await post('governance', `/v1/governance/disputes/${ours.disputeId}/triage`, { riskLevel: 'medium', category: 'neighbour' });

    const events = (await stream.waitFor(5)).map((e) => JSON.parse(e.data) as { id: string; type: string; subject: string });
    stream.cut();
    expect(events.map((e) => [e.subject, e.type.split('.')[2]])).toEqual([
      [inCommunity.disputeId, 'ComplaintReceived'],
      [ours.disputeId, 'PetitionRegistered'],
      [inCommunity.disputeId, 'DisputeTriaged'],
      [found.disputeId, 'ReportLinked'],
      [ours.disputeId, 'DisputeTriaged'],
    ]);
    // Personal data travels masked.
    const complaintEvent = JSON.parse(stream.events[0].data);
    expect(complaintEvent.data.personal).toEqual({ parties: [{ role: 'caller', name: '张*', phone: '139****2222' }] });
    expect(JSON.stringify(stream.events)).not.toContain('13911112222');

    const status = await hub.as('petition').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
    expect(status.body).toMatchObject({ state: 'active', delivered: 5, failed: 0, lag: { events: 0 } });
    await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(403);
  });

  it('SSE cut mid-stream and resumed with Last-Event-ID delivers every event exactly once, in order', async () => {
    const sub = await subscribe('hotline', { name: 'all', start: { from: 'beginning' } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await post('hotline', '/v1/hotline/complaints', complaint('文苑社区'))).disputeId);
    const auth = { authorization: `Bearer ${hub.keys.hotline}` };
    const first = await openSse(`${base}/v1/feeds/subscriptions/${sub.id}/events`, auth);
    const got = await first.waitFor(5);
    first.cut();
    const second = await openSse(`${base}/v1/feeds/subscriptions/${sub.id}/events`, { ...auth, 'last-event-id': got[4].id! });
    const rest = await second.waitFor(7);
    second.cut();
    const all = [...got, ...rest].map((e) => JSON.parse(e.data) as { id: string; subject: string });
    expect(all.map((e) => e.subject)).toEqual(ids);
    expect(new Set(all.map((e) => e.id)).size).toBe(12);
    expect(rest.length).toBe(7);
  });

  it('refuses a stream of a subscription that is not the office’s own, and bad filters by field', async () => {
    const sub = await subscribe('hotline', { name: 'mine' });
    const other = await openSse(`${base}/v1/feeds/subscriptions/${sub.id}/events`, { authorization: `Bearer ${hub.keys.petition}` });
    expect(other.status).toBe(403);
    other.cut();
    const bad = await hub.as('hotline').post('/v1/feeds/subscriptions').send({ name: 'x', filter: { categories: ['weather'] }, webhook: { url: 'ftp://x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['filter.categories', 'webhook.url']));
  });

  describe('webhooks', () => {
    let receiver: Server;
    let url: string;
    let failFirst = 0;
    let down = false;
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const accepted: string[] = [];

    beforeEach(async () => {
      received.length = 0;
      accepted.length = 0;
      failFirst = 0;
      down = false;
      receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          if (down || received.length <= failFirst) {
            res.writeHead(503).end();
            return;
          }
          accepted.push(body);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    afterEach(() => new Promise<void>((r) => receiver.close(() => r())));

    const deliveredIds = () => accepted.flatMap((b) => (JSON.parse(b) as { events: { id: string }[] }).events.map((e) => e.id));
    const until = async (check: () => boolean, ms = 15_000) => {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error('timed out waiting');
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    it('retries a failing receiver until it accepts: every event arrives, signed, and the cursor never passes an unacknowledged one', async () => {
      failFirst = 3;
      const sub = await subscribe('hotline', { name: 'hook', start: { from: 'beginning' }, webhook: { url, batchSize: 4 } });
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await post('hotline', '/v1/hotline/complaints', complaint('文苑社区'))).disputeId);
      // While the receiver refuses, the cursor stays put.
      await until(() => received.length >= 2);
      const during = await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
      expect(during.body.cursor).toBe(0);
      expect(during.body.lastError).toMatch(/503/);

      await until(() => deliveredIds().length >= 10);
      const wh = new Webhook(sub.secret!);
      for (const r of received) expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
      // A refused batch is resent as it was, under the same webhook-id.
      expect(received[1].headers['webhook-id']).toBe(received[0].headers['webhook-id']);
      expect(received[1].body).toBe(received[0].body);
      const subjects = accepted.flatMap((b) => (JSON.parse(b) as { events: { subject: string }[] }).events.map((e) => e.subject));
      expect(subjects).toEqual(ids);
      const after = await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
      expect(after.body).toMatchObject({ delivered: 10, failed: 3, lastError: null, pending: null, lag: { events: 0 } });
    });

    it('parks a subscription whose receiver stays down past the limit, and redelivers on request', async () => {
      down = true;
      const sub = await subscribe('hotline', { name: 'hook', start: { from: 'beginning' }, webhook: { url, maxAttempts: 3 } });
      await post('hotline', '/v1/hotline/complaints', complaint('文苑社区'));
      await until(() => received.length >= 3);
      await new Promise((r) => setTimeout(r, 300));
      const parked = await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
      expect(parked.body).toMatchObject({ state: 'parked', failed: 3, cursor: 0, pending: { attempts: 3 } });
      expect(received).toHaveLength(3);

      down = false;
      await hub.as('hotline').post(`/v1/feeds/subscriptions/${sub.id}/redeliver`).expect(201);
      await until(() => deliveredIds().length === 1);
      const redelivered = await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
      expect(redelivered.body).toMatchObject({ state: 'active', delivered: 1, pending: null });
    });

    it('a hub restart in the middle of delivery loses nothing', async () => {
      const sub = await subscribe('hotline', { name: 'hook', start: { from: 'beginning' }, webhook: { url, batchSize: 3 } });
      const ids: string[] = [];
      for (let i = 0; i < 9; i++) ids.push((await post('hotline', '/v1/hotline/complaints', complaint('文苑社区'))).disputeId);
      await until(() => deliveredIds().length >= 3);
      down = true;
      const refusedSoFar = received.length;
      await until(() => received.length > refusedSoFar);
      // A batch is in flight, unacknowledged, when the hub stops.
      await hub.close();
      expect(new Set(deliveredIds()).size).toBeLessThan(9);
      down = false;
      hub = await startHub(hub.dataDir);
      base = await listen(hub);
      await until(() => new Set(deliveredIds()).size >= 9);
      const subjects = [...new Map(accepted.flatMap((b) => (JSON.parse(b) as { events: { id: string; subject: string }[] }).events.map((e) => [e.id, e.subject]))).values()];
      expect(subjects).toEqual(ids);
      const status = await hub.as('hotline').get(`/v1/feeds/subscriptions/${sub.id}`).expect(200);
      expect(status.body).toMatchObject({ lag: { events: 0 }, pending: null, state: 'active' });
    });
  });
});
