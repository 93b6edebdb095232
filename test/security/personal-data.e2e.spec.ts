// Citizens' personal data end to end: never stored in the clear, masked by default, in the clear
// only with pii:read and a reason (and then recorded), and erasable: after an erasure the
// citizen's name, phone and address appear nowhere (files, WAL, ledger answers, a ledger rebuilt
// from the journal, the logs), while the dispute's history, figures and hash chain stay intact.
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareEvents, type LedgerEvent } from '@hub/ledger-core';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { PERSONAL_DATA_READER, SECURITY_DB, type PersonalDataReader } from '@hub/security';
import { waterCardComplaint, waterCardSteps } from '../../apps/hub/demo/water-card.scenario';
import { SqliteLedgerStore } from '../../apps/ledger/src/sqlite-ledger.store';
import { officeOfPath, startHub, tempDataDir, type RunningHub } from '../support/hub-app';
import { checkpointAll, findIn, findInFiles, LogCapture } from '../support/privacy';

const NAME = '李龙';
const PHONE = '13800000000';
const ADDRESS = '3号楼2单元';
const CITIZEN = [NAME, PHONE, ADDRESS];
const reason = (text: string) => ({ 'x-access-reason': encodeURIComponent(text) });

describe("a citizen's personal data", () => {
  let hub: RunningHub;
  let logs: LogCapture;
  let disputeId: string;
  let checkId: string;
  let position = 0;

  beforeAll(async () => {
    logs = new LogCapture();
    hub = await startHub(tempDataDir(), { logger: logs, security: { writesPerMinute: 10_000 } });
    const intake = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    disputeId = intake.body.disputeId;
    for (const step of waterCardSteps) position = (await hub.as(officeOfPath(step.path(disputeId))).post(step.path(disputeId)).send(step.body).expect(202)).body.position;
    await hub.as('petition').post('/v1/petition/petitions').send({
      petitionNo: 'XF-2024-0113', registeredAt: '2024-01-10T14:00:00+08:00', form: 'visit', category: 'property',
      petitioner: { name: NAME, phone: `+86${PHONE}` }, place: { district: '冠县', street: '崇文街道', community: '文苑社区', address: ADDRESS },
      summary: '水卡充值问题反映后仍未解决', relatedTicketNo: waterCardComplaint.ticketNo,
    }).expect(202);
    const check = await hub.as('governance').post('/v1/governance/grid-checks').send({
      checkNo: 'WG-20231227-03', foundAt: '2023-12-27T11:00:00+08:00', gridWorker: '王网格', category: 'property', riskLevel: 'medium',
      place: { district: '冠县', street: '崇文街道', community: '文苑社区' }, summary: '业主与物业因水卡充值发生争执',
      parties: [{ name: NAME }, { name: '冠县文苑物业服务有限公司' }],
    }).expect(202);
    checkId = check.body.disputeId;
    position = (await hub.as('governance').post(`/v1/governance/disputes/${checkId}/links`).send({ primaryId: disputeId, confirmedBy: '值班员', reason: '同一事项' }).expect(202)).body.position;
  });
  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('is never stored in the clear: not in any file of the data folder, nor in the logs', async () => {
    await hub.as('judicial').get(`/v1/ledger/disputes/${disputeId}?after=${position}`).expect(200);
    checkpointAll(hub.dataDir);
    expect(findInFiles(hub.dataDir, CITIZEN)).toEqual([]);
    expect(findIn('logs', Buffer.from(logs.text), CITIZEN)).toEqual([]);
    // The search itself finds what is there, in any encoding.
    const probe = join(hub.dataDir, 'probe.bin');
    writeFileSync(probe, Buffer.from(`x${NAME}x`, 'utf16le'));
    expect(findInFiles(hub.dataDir, [NAME])).toEqual([{ where: probe, needle: NAME, encoding: 'utf16le' }]);
    rmSync(probe);
  });

  it('is masked by default, for every office and even for an administrator who gives no reason', async () => {
    for (const holder of ['judicial', 'admin'] as const) {
      const { body } = await hub.as(holder).get(`/v1/ledger/disputes/${disputeId}`).expect(200);
      expect(body.parties).toEqual([
        { role: 'caller', name: '李*', phone: '138****0000' },
        { role: 'party', name: '李*' },
        { role: 'party', name: '冠***********' },
        { role: 'petitioner', name: '李*', phone: '138****0000' },
      ]);
      for (const s of CITIZEN) expect(JSON.stringify(body)).not.toContain(s);
    }
    const list = await hub.as('hotline').get(`/v1/ledger/disputes?ticketNo=${waterCardComplaint.ticketNo}`).expect(200);
    expect(list.body.items[0].parties[0]).toEqual({ role: 'caller', name: '李*', phone: '138****0000' });
  });

  it('is shown in the clear only with pii:read and a reason, and every such reading is recorded', async () => {
    const refused = await hub.as('judicial').get(`/v1/ledger/disputes/${disputeId}`).set(reason('回访核实联系方式')).expect(403);
    expect(refused.body.code).toBe('MISSING_SCOPE');
    await hub.as('admin').get(`/v1/ledger/disputes/${disputeId}?reason=x`).expect(400);

    const { body } = await hub.as('admin').get(`/v1/ledger/disputes/${disputeId}`).set(reason('回访核实联系方式')).expect(200);
    expect(body.parties[0]).toEqual({ role: 'caller', name: NAME, phone: PHONE, address: ADDRESS });
    expect(body.parties[3]).toEqual({ role: 'petitioner', name: NAME, phone: `+86${PHONE}`, address: ADDRESS });
    await hub.as('admin').get(`/v1/ledger/disputes?ticketNo=${waterCardComplaint.ticketNo}&reason=${encodeURIComponent('核对工单当事人')}`).expect(200);

    const log = await hub.as('admin').get(`/v1/privacy/access-log?disputeId=${disputeId}&action=read`).expect(200);
    expect(log.body.total).toBe(2);
    expect(log.body.items).toEqual([
      expect.objectContaining({ principal: 'admin:root', action: 'read', disputeId, reason: '核对工单当事人', route: 'GET /v1/ledger/disputes' }),
      expect.objectContaining({
        principal: 'admin:root',
        keyId: hub.keys.admin.split('_')[1],
        action: 'read',
        disputeId,
        fields: ['address', 'caller.name', 'caller.phone', 'party.name', 'petitioner.name', 'petitioner.phone'],
        reason: '回访核实联系方式',
        route: 'GET /v1/ledger/disputes/:id',
        at: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(log.body)).not.toContain(NAME);
    await hub.as('judicial').get('/v1/privacy/access-log').expect(403);
  });

  it('is erased by deleting the subjects’ keys: then it appears nowhere, and the history stays whole', async () => {
    // The administrator finds the citizen by phone (one subject for the call and the petition)
    // and, in the grid check, the party named without a phone.
    await hub.as('admin').get(`/v1/privacy/subjects?phone=${PHONE}`).expect(400);
    const byPhone = await hub.as('admin').get(`/v1/privacy/subjects?phone=${PHONE}`).set(reason('公民申请删除个人信息 SQ-2024-01')).expect(200);
    expect(byPhone.body.items).toHaveLength(1);
    const byDispute = await hub.as('admin').get(`/v1/privacy/subjects?disputeId=${checkId}`).set(reason('公民申请删除个人信息 SQ-2024-01')).expect(200);
    const named = byDispute.body.items.filter((s: { name?: string }) => s.name === '李*').map((s: { subjectId: string }) => s.subjectId);
    expect(named).toHaveLength(1);
    const subjects = [byPhone.body.items[0].subjectId, ...named];

    const securityDb = hub.app.get<Database.Database>(SECURITY_DB);
    const wrapped = subjects.map((s) => securityDb.prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM subject_keys WHERE subject_id = ?').get(s)!.wrapped);
    const figures = (await hub.as('judicial').get('/v1/ledger/stats?from=2023-01-01T00:00:00Z&to=2025-01-01T00:00:00Z').expect(200)).body;
    const before = (await hub.as('judicial').get(`/v1/ledger/disputes/${disputeId}`).expect(200)).body;

    for (const s of subjects) {
      const erased = await hub.as('admin').post(`/v1/privacy/subjects/${s}/erase`).send({ reason: '公民申请删除个人信息 SQ-2024-01' }).expect(200);
      expect(erased.body).toMatchObject({ subjectId: s, erasedBy: 'admin:root' });
    }
    await hub.as('judicial').post(`/v1/privacy/subjects/${subjects[0]}/erase`).send({ reason: 'not mine to do' }).expect(403);

    // The ledger, even for an administrator reading in the clear.
    const after = (await hub.as('admin').get(`/v1/ledger/disputes/${disputeId}`).set(reason('删除后核查')).expect(200)).body;
    expect(after.parties).toEqual([
      { role: 'caller', erased: true },
      { role: 'party', erased: true },
      { role: 'party', name: '冠县文苑物业服务有限公司' },
      { role: 'petitioner', erased: true },
    ]);
    const list = (await hub.as('admin').get('/v1/ledger/disputes?limit=200').set(reason('删除后核查')).expect(200)).body;
    for (const answer of [after, list]) expect(findIn('answer', Buffer.from(JSON.stringify(answer)), [...CITIZEN, '李*', '138****0000'])).toEqual([]);

    // The dispute's history and figures are untouched.
    const { parties: _b, ...historyBefore } = before;
    const { parties: _a, ...historyAfter } = (await hub.as('judicial').get(`/v1/ledger/disputes/${disputeId}`).expect(200)).body;
    expect(historyAfter).toEqual(historyBefore);
    expect((await hub.as('judicial').get('/v1/ledger/stats?from=2023-01-01T00:00:00Z&to=2025-01-01T00:00:00Z').expect(200)).body).toEqual(figures);
    expect((await hub.as('admin').get('/v1/ledger/verify').expect(200)).body).toMatchObject({ ok: true, problems: [] });

    // Offices still decide on the history; a re-push of the erased report is not taken back in.
    await hub.as('hotline').post(`/v1/hotline/disputes/${disputeId}/reminders`).send({ at: '2024-03-10T09:00:00+08:00', to: 'judicial', note: '请继续跟进' }).expect(202);
    expect((await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(409)).body.code).toBe('TICKET_CONFLICT');

    // A ledger rebuilt from the store's events shows nothing of the citizen either.
    const rebuilt = new SqliteLedgerStore(new Database(':memory:'));
    const events = (await hub.app.get<EventStore>(EVENT_STORE).readAll(0, 1000)).map((s) => s.event as LedgerEvent);
    await rebuilt.apply(events, {});
    const reader = hub.app.get<PersonalDataReader>(PERSONAL_DATA_READER);
    const access = { principal: { id: 'admin:root', keyId: 'test', role: 'admin' as const, scopes: ['pii:read' as const] }, reason: 'rebuild check', route: 'test' };
    const parties = await reader.parties(disputeId, [...(await rebuilt.eventsOf(disputeId))].sort(compareEvents), access);
    expect(parties.filter((p) => p.erased)).toHaveLength(3);
    expect(findIn('rebuilt', Buffer.from(JSON.stringify([await rebuilt.get(disputeId), parties])), CITIZEN)).toEqual([]);
    await rebuilt.close();

    // No file keeps the data or the erased keys (after a checkpoint, WAL files included), nor do the logs.
    checkpointAll(hub.dataDir);
    expect(findInFiles(hub.dataDir, [...CITIZEN, ...wrapped])).toEqual([]);
    expect(findIn('logs', Buffer.from(logs.text), [...CITIZEN, ...subjects.map((s) => Buffer.from(s))])).toEqual([]);
    const erasures = await hub.as('admin').get(`/v1/privacy/access-log?action=erase`).expect(200);
    expect(erasures.body.items.map((e: { subjectIds: string[] }) => e.subjectIds[0]).sort()).toEqual([...subjects].sort());
  });
});
