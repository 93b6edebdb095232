// Erasure reaches every way data leaves the hub: after a citizen's keys are deleted, the feeds,
// the history export (HTTP and the command-line tool) and the point-in-time ledger show the
// parties as erased, and neither the name nor the phone appears, in any encoding.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { waterCardComplaint } from '../../apps/hub/demo/water-card.scenario';
import { hubCli } from '../support/cli';
import { startHub, type RunningHub } from '../support/hub-app';
import { findIn } from '../support/privacy';
import { openSse } from '../support/sse';

const NAME = waterCardComplaint.caller.name;
const PHONE = waterCardComplaint.caller.phone;
const REASON = { 'x-access-reason': encodeURIComponent('公民申请删除个人信息 SQ-2024-07') };

describe('erasure reaches feeds, exports and the ledger as it stood', () => {
  let hub: RunningHub;
  let base: string;

  beforeAll(async () => {
    process.env.HUB_FEED_POLL_MS = '30';
    hub = await startHub();
    await hub.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  async function everywhere(): Promise<string[]> {
    const stream = await openSse(`${base}/v1/feeds/events?after=0`, { authorization: `Bearer ${hub.keys.admin}` });
    const fed = await stream.waitFor(1);
    stream.cut();
    const history = await hub.as('admin').get('/v1/history/events');
    const asOf = await hub.as('admin').get(`/v1/ledger/as-of?at=${encodeURIComponent('2024-01-01T00:00:00+08:00')}`);
    const exported = hubCli(['-d', hub.dataDir, 'events', 'export']);
    expect(exported.status).toBe(0);
    // The ledger's records hold no personal data at all; the events carry it as masked parties.
    expect(findIn('as-of', Buffer.from(asOf.text), [NAME, PHONE, '138****0000', '李*'])).toEqual([]);
    return [fed.map((e) => e.data).join('\n'), history.text, exported.stdout];
  }

  it('masked before, erased after: the name and phone never leave, and after erasure not even masked', async () => {
    const intake = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    await hub.as('admin').get(`/v1/ledger/disputes/${intake.body.disputeId}?after=${intake.body.position}`).expect(200);

    const before = await everywhere();
    for (const text of before) {
      expect(findIn('answer', Buffer.from(text), [NAME, PHONE])).toEqual([]);
      expect(text).toContain('138****0000');
    }

    const found = await hub.as('admin').get(`/v1/privacy/subjects?phone=${PHONE}`).set(REASON).expect(200);
    for (const { subjectId } of found.body.items as { subjectId: string }[]) {
      await hub.as('admin').post(`/v1/privacy/subjects/${subjectId}/erase`).send({ reason: '公民申请删除个人信息 SQ-2024-07' }).expect(200);
    }

    const after = await everywhere();
    for (const text of after) {
      expect(findIn('answer', Buffer.from(text), [NAME, PHONE, '138****0000', '李*'])).toEqual([]);
      expect(text).toContain('"erased":true');
    }
  });
});
