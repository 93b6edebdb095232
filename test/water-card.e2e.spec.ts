// The embedded hub end to end over HTTP: the seed's water-card case from complaint to closure,
// idempotent intake, bad input that writes nothing, and a restart that keeps the ledger.
import { rmSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { WATER_CARD_TICKET, waterCardComplaint } from '../apps/hub/demo/water-card.scenario';
import { playWaterCard, startHub, type RunningHub } from './support/hub-app';

describe('the embedded hub, end to end', () => {
  let hub: RunningHub;
  const head = () => hub.app.get<EventStore>(EVENT_STORE).headPosition();

  beforeEach(async () => {
    hub = await startHub();
  });
  afterEach(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });



  it('a pushed complaint shows up in the ledger', async () => {
    const intake = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    expect(intake.body).toMatchObject({ disputeId: expect.any(String), duplicate: false });
    const record = await hub.as('governance').get(`/v1/ledger/disputes/${intake.body.disputeId}?after=${intake.body.position}`).expect(200);
    expect(record.body).toMatchObject({
      id: intake.body.disputeId,
      status: 'reported',
      category: 'property',
      place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
      sources: [{ office: 'hotline', kind: 'ticket', number: WATER_CARD_TICKET }],
      timeline: [{ office: 'hotline', type: 'hub.hotline.ComplaintReceived.v1', occurredAt: '2023-12-27T09:30:00+08:00' }],
      deadlines: { workOrderDueBy: '2024-01-16T23:59:59+08:00' },
    });
  });

  it('plays the water-card case from complaint to a closed, followed-up record', async () => {
    const { disputeId, position } = await playWaterCard(hub);
    const { body } = await hub.as('governance').get(`/v1/ledger/disputes/${disputeId}?after=${position}`).expect(200);
    expect(body).toMatchObject({
      status: 'closed',
      closeOutcome: 'resolved',
      leadOffice: 'judicial',
      tier: 1,
      attempts: { 1: 1, 2: 0, 3: 0 },
      interimMeasures: 1,
      agreement: { agreementNo: 'CWTJ-2024-007', state: 'fulfilled' },
      agreementAt: '2024-02-20T10:00:00+08:00',
      resolvedAt: '2024-02-20T16:00:00+08:00',
      closedAt: '2024-03-05T11:00:00+08:00',
      followUps: [{ satisfaction: 'satisfied', rebound: false }],
      satisfaction: 'satisfied',
      firstActionAt: '2023-12-27T10:15:00+08:00',
      deadlines: { workOrderDueBy: '2024-03-01T23:59:59+08:00' },
      offices: ['governance', 'hotline', 'judicial'],
      flags: { overdue: false, fulfilmentOverdue: false },
    });
    expect(body.timeline.map((t: { type: string }) => t.type.split('.')[2])).toEqual([
      'ComplaintReceived',
      'DisputeTriaged',
      'LeadOfficeDesignated',
      'TeamAssigned',
      'InterimMeasureTaken',
      'MediationStarted',
      'DeadlineExtended',
      'AgreementRecorded',
      'AgreementFulfilled',
      'FollowUpVisited',
      'DisputeClosed',
      'CitizenReplied',
      'CitizenRated',
    ]);
    expect(JSON.stringify(body)).not.toContain('13800000000');
    expect(body.parties).toEqual([{ role: 'caller', name: '李*', phone: '138****0000' }]);

    const byTicket = await hub.as('governance').get(`/v1/ledger/disputes?ticketNo=${WATER_CARD_TICKET}`).expect(200);
    expect(byTicket.body.items.map((r: { id: string }) => r.id)).toEqual([disputeId]);

    const stats = await hub.as('governance').get('/v1/ledger/stats?from=2023-01-01T00:00:00%2B08:00&to=2025-01-01T00:00:00%2B08:00').expect(200);
    expect(stats.body.figures).toMatchObject({ registered: 1, resolved: 1, closed: 1, successRate: 1, followUpCoverage: 1, satisfactionRate: 1, reboundRate: 0 });
    expect(stats.body.hotspots).toEqual([{ street: '崇文街道', community: '文苑社区', category: 'property', registered: 1 }]);
  });

  it('the same work order pushed again returns the same dispute and writes nothing; other content is a 409', async () => {
    const first = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    const before = await head();
    const reordered = Object.fromEntries(Object.entries(waterCardComplaint).reverse());
    const again = await hub.as('hotline').post('/v1/hotline/complaints').send(reordered).expect(202);
    expect(again.body).toMatchObject({ disputeId: first.body.disputeId, duplicate: true });
    expect(await head()).toBe(before);

    const changed = await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, summary: '另一件事' }).expect(409);
    expect(changed.body.code).toBe('TICKET_CONFLICT');
    expect(await head()).toBe(before);
  });

  it('bad input is a 400 naming each field and rule, and writes nothing', async () => {
    const { caller: _caller, ...withoutCaller } = waterCardComplaint;
    const res = await hub.as('hotline').post('/v1/hotline/complaints')
      .send({ ...withoutCaller, receivedAt: '2023-12-27 09:30', channel: 'fax', place: { ...waterCardComplaint.place, street: '' }, extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const broken = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(broken).toEqual(
      expect.arrayContaining(['receivedAt:isIso8601', 'channel:isIn', 'caller:isDefined', 'place.street:isNotEmpty', 'extra:whitelistValidation']),
    );
    const phone = await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, caller: { name: '李龙', phone: '12345' } }).expect(400);
    expect(phone.body.errors).toEqual([expect.objectContaining({ field: 'caller.phone', rule: 'matches' })]);
    expect(await head()).toBe(0);
  });

  it('answers 404 for an unknown dispute, 409 with a code for a step the state forbids, 415 and 413 for bad bodies', async () => {
    const unknown = 'b3f4c1de-9a0e-5c2b-8f3e-1a2b3c4d5e6f';
    const missing = await hub.as('judicial').post(`/v1/judicial/disputes/${unknown}/mediations`).send({ mediator: '周调解员' }).expect(404);
    expect(missing.body.code).toBe('DISPUTE_NOT_FOUND');
    await hub.as('governance').get(`/v1/ledger/disputes/${unknown}`).expect(404);

    const { body } = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    const before = await head();
    const early = await hub.as('judicial').post(`/v1/judicial/disputes/${body.disputeId}/agreements`)
      .send({ agreementNo: 'A-001', terms: 't', fulfilBy: '2024-03-01T00:00:00+08:00' })
      .expect(409);
    expect(early.body.code).toBe('NOT_IN_MEDIATION');
    const team = await hub.as('governance').post(`/v1/governance/disputes/${body.disputeId}/team`)
      .send({ team: { gridWorker: 'a', legalAdviser: 'b', ruleOfLawLeader: 'c', mediator: 'd' } })
      .expect(409);
    expect(team.body.code).toBe('NOT_TRIAGED');
    expect(await head()).toBe(before);

    await hub.as('hotline').post('/v1/hotline/complaints').set('content-type', 'text/plain').send('ticketNo=1').expect(415);
    await hub.as('hotline').post('/v1/hotline/complaints').send({ ...waterCardComplaint, details: 'x'.repeat(300_000) }).expect(413);
    const malformed = await hub.as('hotline').post('/v1/hotline/complaints').set('content-type', 'application/json').send('{"ticketNo": ').expect(400);
    expect(malformed.body.statusCode).toBe(400);
    await hub.as('judicial').post('/v1/judicial/disputes/not-a-uuid/mediations').send({ mediator: 'x' }).expect(400);
    expect(await head()).toBe(before);
  });

  it('a restart keeps every dispute and the ledger does not apply anything twice', async () => {
    const { disputeId, position } = await playWaterCard(hub);
    const before = await hub.as('governance').get(`/v1/ledger/disputes/${disputeId}?after=${position}`).expect(200);
    await hub.close();
    hub = await startHub(hub.dataDir);
    const after = await hub.as('governance').get(`/v1/ledger/disputes/${disputeId}`).expect(200);
    expect(after.body).toEqual(before.body);
    // The same complaint after the restart is still recognised.
    const again = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    expect(again.body).toMatchObject({ disputeId, duplicate: true });
  });

  it('a petition naming the work order joins its dispute and flags the move from the hotline to the petitions office', async () => {
    const complaint = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    const petition = await hub.as('petition').post('/v1/petition/petitions')
      .send({
        petitionNo: 'XF-2024-0113',
        registeredAt: '2024-01-10T14:00:00+08:00',
        form: 'visit',
        category: 'property',
        petitioner: { name: '李龙', phone: '13800000000' },
        place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
        summary: '水卡充值问题反映后仍未解决',
        relatedTicketNo: WATER_CARD_TICKET,
      })
      .expect(202);
    expect(petition.body.disputeId).toBe(complaint.body.disputeId);
    const { body } = await hub.as('governance').get(`/v1/ledger/disputes/${complaint.body.disputeId}?after=${petition.body.position}`).expect(200);
    expect(body.hotlineToPetition).toBe(true);
    expect(body.sources.map((s: { kind: string }) => s.kind)).toEqual(['ticket', 'petition']);

    const list = await hub.as('governance').get('/v1/ledger/disputes?office=petition&status=reported&text=水卡').expect(200);
    expect(list.body.total).toBe(1);
  });

  it('links a grid check to the same dispute reported on the hotline', async () => {
    const complaint = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    const check = await hub.as('governance').post('/v1/governance/grid-checks')
      .send({
        checkNo: 'WG-20231227-03',
        foundAt: '2023-12-27T11:00:00+08:00',
        gridWorker: '王网格',
        category: 'property',
        riskLevel: 'medium',
        place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
        summary: '业主与物业因水卡充值发生争执',
        parties: [{ name: '李龙' }],
      })
      .expect(202);
    const link = await hub.as('governance').post(`/v1/governance/disputes/${check.body.disputeId}/links`)
      .send({ primaryId: complaint.body.disputeId, confirmedBy: '综治中心值班员', reason: '同一业主同一事项' })
      .expect(202);
    const primary = await hub.as('governance').get(`/v1/ledger/disputes/${complaint.body.disputeId}?after=${link.body.position}`).expect(200);
    expect(primary.body.linkedReports).toEqual([check.body.disputeId]);
    expect(primary.body.sources.map((s: { kind: string }) => s.kind)).toEqual(['ticket', 'grid_check']);
    const duplicate = await hub.as('governance').get(`/v1/ledger/disputes/${check.body.disputeId}`).expect(200);
    expect(duplicate.body).toMatchObject({ status: 'linked', linkedTo: complaint.body.disputeId });
    const refused = await hub.as('governance').post(`/v1/governance/disputes/${check.body.disputeId}/triage`).send({ riskLevel: 'low', category: 'property' }).expect(409);
    expect(refused.body.code).toBe('DISPUTE_LINKED');
  });
});
