// DESIGN rule 7: a dispute's ledger record is a function of the SET of its events. Events taken
// from a real run of the hub are fed to fresh ledgers once in store order, and then every event
// twice, shuffled across offices and batches: the ledgers must be equal.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { replayRecords, type LedgerEvent } from '@hub/ledger-core';
import { SqliteLedgerStore } from '../apps/ledger/src/sqlite-ledger.store';
import { WATER_CARD_TICKET, waterCardComplaint, waterCardSteps } from '../apps/hub/demo/water-card.scenario';
import { officeOfPath, startHub, type RunningHub } from './support/hub-app';

/** A small seeded generator (mulberry32), so a failing order can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function ledgerOf(batches: LedgerEvent[][]) {
  const ledger = new SqliteLedgerStore(new Database(':memory:'));
  for (const batch of batches) await ledger.apply(batch, {});
  const page = await ledger.list({ limit: 200, offset: 0 });
  const size = await ledger.journalSize();
  await ledger.close();
  return { records: page.items.sort((a, b) => (a.id < b.id ? -1 : 1)), size };
}

describe('ledger projection, order and duplicates', () => {
  let hub: RunningHub;
  let events: LedgerEvent[];

  beforeAll(async () => {
    hub = await startHub();
    const { body } = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    for (const step of waterCardSteps) await hub.as(officeOfPath(step.path(body.disputeId))).post(step.path(body.disputeId)).send(step.body).expect(202);
    // A rebound found on a follow-up visit reopens the closed dispute.
    await hub.as('judicial').post(`/v1/judicial/disputes/${body.disputeId}/follow-ups`).send({ at: '2024-06-01T10:00:00+08:00', satisfaction: 'dissatisfied', rebound: true }).expect(202);
    await hub.as('petition').post('/v1/petition/petitions')
      .send({
        petitionNo: 'XF-2024-0113',
        registeredAt: '2024-01-10T14:00:00+08:00',
        form: 'letter',
        category: 'property',
        petitioner: { name: '李龙' },
        place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
        summary: '水卡问题',
        relatedTicketNo: WATER_CARD_TICKET,
      })
      .expect(202);
    const check = await hub.as('governance').post('/v1/governance/grid-checks')
      .send({
        checkNo: 'WG-1',
        foundAt: '2023-12-27T11:00:00+08:00',
        gridWorker: '王网格',
        category: 'property',
        riskLevel: 'low',
        place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
        summary: '水卡争执',
        parties: [{ name: '李龙' }],
      })
      .expect(202);
    await hub.as('governance').post(`/v1/governance/disputes/${check.body.disputeId}/links`)
      .send({ primaryId: body.disputeId, confirmedBy: '值班员', reason: '同一事项' })
      .expect(202);
    const store = hub.app.get<EventStore>(EVENT_STORE);
    events = (await store.readAll(0, 1000)).map((s) => s.event);
  });

  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('in store order, once', async () => {
    const { records, size } = await ledgerOf([events]);
    expect(size).toBe(events.length);
    expect(records).toHaveLength(2);
    const primary = records.find((r) => r.status !== 'linked')!;
    expect(primary).toMatchObject({ status: 'reopened', reopenCount: 1, hotlineToPetition: true, sources: [{ kind: 'ticket' }, { kind: 'grid_check' }, { kind: 'petition' }] });
  });

  it('replaying the events alone gives the records the ledger stores', async () => {
    const { records } = await ledgerOf([events]);
    expect(replayRecords(shuffle([...events, ...events], random(42)))).toEqual(records);
  });

  it('as it stood before the rebound, the dispute was closed and the grid check not yet linked', () => {
    const records = replayRecords(events, '2024-03-31T00:00:00+08:00');
    const primary = records.find((r) => r.sources[0].kind === 'ticket')!;
    expect(primary).toMatchObject({ status: 'closed', reopenCount: 0, linkedReports: [] });
    expect(records.find((r) => r.sources[0].kind === 'grid_check')).toMatchObject({ status: 'reported', linkedTo: null });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('every event twice, shuffled across offices and batches (seed %i), gives the same ledger', async (seed) => {
    const next = random(seed);
    const expected = await ledgerOf([events]);
    const doubled = shuffle([...events, ...events], next);
    const batches: LedgerEvent[][] = [];
    for (let i = 0; i < doubled.length; ) {
      const size = 1 + Math.floor(next() * 5);
      batches.push(doubled.slice(i, i + size));
      i += size;
    }
    const actual = await ledgerOf(batches);
    expect(actual.size).toBe(events.length);
    expect(actual.records).toEqual(expected.records);
  });
});
