// The ledger store contract: every ledger adapter (SQLite, PostgreSQL) runs this same suite, so
// the ledger answers the same whichever store an office runs it on.
import { officeOf, type DisputeEvent } from '@hub/contracts';
import { buildRecord, JournalVerifier, type LedgerEvent } from '@hub/ledger-core';
import {
  complaintReceived,
  gridCheckReported,
  mediationStarted,
  reportLinked,
  triaged,
  waterCardHistory,
  WATER_CARD_TICKET,
} from '@hub/testing';
import type { LedgerStore } from '../../apps/ledger/src/ledger.port';

export interface LedgerStoreFactory {
  /** A fresh, empty ledger; called once per test. */
  create(): Promise<LedgerStore>;
  /** Drops what `create` made. */
  destroy(): Promise<void>;
}

/** Dispute ids of the suite's data. */
export const WATER_CARD = 'a0000000-0000-4000-8000-000000000001';
export const NOISE = 'b0000000-0000-4000-8000-000000000002';
export const SAME_WATER_CARD = 'c0000000-0000-4000-8000-000000000003';
export const WAGES = 'd0000000-0000-4000-8000-000000000004';

let serial = 0;
/** The event as the ledger receives it, with a fixed id and recording time so that runs compare. */
export function delivered(disputeId: string, event: DisputeEvent): LedgerEvent {
  serial += 1;
  return {
    id: `e0000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    type: event.type,
    subject: disputeId,
    source: `/offices/${officeOf(event.type)}`,
    time: new Date(Date.UTC(2024, 5, 1, 0, 0, serial)).toISOString(),
    data: event.data,
  } as LedgerEvent;
}

/** Four disputes: the water card from complaint to follow-up; a neighbours' quarrel found by a grid check; a second report of the water card, linked to it; unpaid wages in mediation. */
export function ledgerData() {
  serial = 0;
  const waterCard = waterCardHistory().map((e) => delivered(WATER_CARD, e));
  const noise = [
    gridCheckReported({
      occurredAt: '2024-05-06T09:00:00+08:00',
      checkNo: 'QQ-DG-PC-20240506-01',
      category: 'neighbour',
      place: { district: '冠县', street: '清泉街道', community: '东关社区' },
      summary: 'Noise at night, 3rd floor (50% of residents)',
    }),
    triaged({ occurredAt: '2024-05-06T10:00:00+08:00', category: 'neighbour', note: '夜间噪音' }),
  ].map((e) => delivered(NOISE, e));
  const sameWaterCard = [gridCheckReported(), reportLinked(WATER_CARD)].map((e) => delivered(SAME_WATER_CARD, e));
  const wages = [
    complaintReceived({
      ticketNo: 'GX12345-20240301-0007',
      receivedAt: '2024-03-01T08:00:00+08:00',
      category: 'labour',
      place: { district: '冠县', street: '崇文街道', community: '文苑社区' },
      summary: '建筑工地拖欠农民工工资',
    }),
    mediationStarted(1, 1, { occurredAt: '2024-03-02T09:00:00+08:00' }),
  ].map((e) => delivered(WAGES, e));
  return { waterCard, noise, sameWaterCard, wages, all: [...waterCard, ...noise, ...sameWaterCard, ...wages] };
}

const page = { limit: 50, offset: 0 };

export function ledgerStoreContract(name: string, factory: LedgerStoreFactory): void {
  describe(`ledger store contract: ${name}`, () => {
    let ledger: LedgerStore;
    let data: ReturnType<typeof ledgerData>;

    beforeEach(async () => {
      ledger = await factory.create();
      data = ledgerData();
    });
    afterEach(async () => {
      await ledger.close();
      await factory.destroy();
    });

    const ids = async (query: Partial<Parameters<LedgerStore['list']>[0]>) => (await ledger.list({ ...page, ...query })).items.map((r) => r.id);

    it('rebuilds each dispute\'s record from its events with the ledger\'s record builder', async () => {
      await ledger.apply(data.waterCard, {});
      expect(await ledger.get(WATER_CARD)).toEqual(buildRecord(WATER_CARD, data.waterCard));
      expect(await ledger.get(WATER_CARD)).toMatchObject({ status: 'closed', agreement: { state: 'fulfilled' }, followUps: [{ satisfaction: 'satisfied' }] });
      expect(await ledger.get(NOISE)).toBeUndefined();
      expect(await ledger.journalSize()).toBe(data.waterCard.length);
    });

    it('an event delivered twice, in one batch or later, is journaled once and changes nothing', async () => {
      const [first, ...rest] = data.waterCard;
      await ledger.apply([first, first, ...rest.slice(0, 3)], {});
      await ledger.apply([...data.waterCard, rest[1]], {});
      expect(await ledger.journalSize()).toBe(data.waterCard.length);
      expect(await ledger.get(WATER_CARD)).toEqual(buildRecord(WATER_CARD, data.waterCard));
    });

    it('events that arrive before their dispute\'s first report wait in the journal', async () => {
      const [report, ...later] = data.waterCard;
      await ledger.apply(later, {});
      expect(await ledger.get(WATER_CARD)).toBeUndefined();
      await ledger.apply([report], {});
      expect(await ledger.get(WATER_CARD)).toEqual(buildRecord(WATER_CARD, data.waterCard));
    });

    it('stores checkpoints with the batch, several at once, and reads them back', async () => {
      expect(await ledger.checkpoint('store')).toBeUndefined();
      await ledger.apply(data.noise, { store: '17', 'hub.hotline.events:0': '41', 'hub.judicial.events:2': '9' });
      await ledger.apply([], { store: '18' });
      expect(await ledger.checkpoint('store')).toBe('18');
      expect(await ledger.checkpoint('hub.hotline.events:0')).toBe('41');
      expect(await ledger.checkpoint('hub.judicial.events:2')).toBe('9');
    });

    it('a batch that fails writes nothing: no event, no record, no checkpoint', async () => {
      await ledger.apply(data.noise, { store: '2' });
      // The checkpoint is written last, and it cannot be: the events and records before it go too.
      const unwritable = { store: null } as unknown as Record<string, string>;
      await expect(ledger.apply(data.wages, unwritable)).rejects.toMatchObject({ message: expect.stringMatching(/not.null/i) });
      expect(await ledger.checkpoint('store')).toBe('2');
      expect(await ledger.journalSize()).toBe(data.noise.length);
      expect(await ledger.get(WAGES)).toBeUndefined();
      expect((await ledger.journal(0, 100)).map((e) => e.eventId)).toEqual(data.noise.map((e) => e.id));
    });

    it('a linked report joins its primary record, in whichever order the two arrive', async () => {
      await ledger.apply(data.sameWaterCard, {});
      await ledger.apply(data.waterCard, {});
      const primary = await ledger.get(WATER_CARD);
      expect(primary).toEqual(buildRecord(WATER_CARD, [...data.waterCard, ...data.sameWaterCard], [SAME_WATER_CARD]));
      expect(primary).toMatchObject({ linkedReports: [SAME_WATER_CARD], sources: [{ kind: 'grid_check' }, { kind: 'ticket' }] });
      expect(await ledger.get(SAME_WATER_CARD)).toMatchObject({ status: 'linked', linkedTo: WATER_CARD });
      expect((await ledger.eventsOf(WATER_CARD)).map((e) => e.id).sort()).toEqual([...data.waterCard, ...data.sameWaterCard].map((e) => e.id).sort());
      expect((await ledger.eventsOf(NOISE))).toEqual([]);
    });

    it('lists with every filter of the API, newest report first, paged, with the total', async () => {
      await ledger.apply(data.all, {});
      expect(await ids({})).toEqual([NOISE, WAGES, WATER_CARD, SAME_WATER_CARD]);
      expect(await ids({ status: 'closed' })).toEqual([WATER_CARD]);
      expect(await ids({ status: 'linked' })).toEqual([SAME_WATER_CARD]);
      expect(await ids({ category: 'labour' })).toEqual([WAGES]);
      expect(await ids({ office: 'judicial' })).toEqual([WAGES, WATER_CARD]);
      expect(await ids({ office: 'petition' })).toEqual([]);
      expect(await ids({ street: '清泉街道' })).toEqual([NOISE]);
      expect(await ids({ community: '文苑社区' })).toEqual([WAGES, WATER_CARD, SAME_WATER_CARD]);
      expect(await ids({ street: '崇文街道', community: '文苑社区', category: 'property' })).toEqual([WATER_CARD, SAME_WATER_CARD]);
      // Reported at or after `from`, before `to`, whatever the zone the instants are written in.
      expect(await ids({ from: '2024-03-01T08:00:00+08:00' })).toEqual([NOISE, WAGES]);
      expect(await ids({ from: '2024-03-01T00:00:00Z', to: '2024-05-06T01:00:00Z' })).toEqual([WAGES]);
      expect(await ids({ to: '2024-03-01T00:00:00.001Z' })).toEqual([WAGES, WATER_CARD, SAME_WATER_CARD]);
      expect(await ids({ to: '2024-03-01T08:00:00+08:00' })).toEqual([WATER_CARD, SAME_WATER_CARD]);
      // Words of the summary (any case), the ledger number, a source's number; % and _ are plain characters.
      expect(await ids({ text: '水卡' })).toEqual([WATER_CARD, SAME_WATER_CARD]);
      expect(await ids({ text: 'NOISE AT' })).toEqual([NOISE]);
      expect(await ids({ text: '50% of' })).toEqual([NOISE]);
      expect(await ids({ text: 'night%floor' })).toEqual([]);
      expect(await ids({ text: 'night_ 3rd' })).toEqual([]);
      expect(await ids({ text: 'gx12345-20240301' })).toEqual([WAGES]);
      const ledgerNo = (await ledger.get(WAGES))!.ledgerNo;
      expect(await ids({ text: ledgerNo })).toEqual([WAGES]);
      expect(await ids({ ticketNo: WATER_CARD_TICKET })).toEqual([WATER_CARD]);
      expect(await ids({ ticketNo: 'GX12345-20240301-0007', status: 'in_mediation' })).toEqual([WAGES]);
      expect(await ids({ ticketNo: 'NO-SUCH-TICKET' })).toEqual([]);
      const second = await ledger.list({ limit: 2, offset: 1 });
      expect({ ids: second.items.map((r) => r.id), total: second.total, limit: second.limit, offset: second.offset }).toEqual({
        ids: [WAGES, WATER_CARD],
        total: 4,
        limit: 2,
        offset: 1,
      });
      expect((await ledger.list({ status: 'closed', limit: 10, offset: 5 })).total).toBe(1);
    });

    it('records touching a period: reported before its end and last changed at or after its start', async () => {
      await ledger.apply(data.all, {});
      const touching = async (from: string, to: string) => (await ledger.figureRecords(from, to)).map((r) => r.id).sort();
      expect(await touching('2024-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00')).toEqual([WATER_CARD, NOISE, SAME_WATER_CARD, WAGES].sort());
      expect(await touching('2024-03-21T00:00:00+08:00', '2024-05-01T00:00:00+08:00')).toEqual([]);
      expect(await touching('2024-03-02T00:00:00+08:00', '2024-03-03T00:00:00+08:00')).toEqual([WATER_CARD, WAGES].sort());
      // The water card counts as reported when its first report (the linked grid check) was.
      expect(await touching('2023-01-01T00:00:00+08:00', '2023-12-26T15:00:00+08:00')).toEqual([]);
      expect(await touching('2023-01-01T00:00:00+08:00', '2023-12-26T15:00:00.001+08:00')).toEqual([WATER_CARD, SAME_WATER_CARD].sort());
    });

    it('journals events in arrival order in a hash chain that verifies, page by page', async () => {
      await ledger.apply(data.waterCard.slice(0, 4), {});
      await ledger.apply([...data.waterCard, ...data.noise], {});
      const journal = await ledger.journal(0, 100);
      expect(journal.map((e) => e.seq)).toEqual(journal.map((_, i) => i + 1));
      expect(journal.map((e) => e.eventId)).toEqual([...data.waterCard, ...data.noise].map((e) => e.id));
      expect(JSON.parse(journal[0].event)).toEqual(data.waterCard[0]);
      const verifier = new JournalVerifier();
      for (let after = 0; ; ) {
        const entries = await ledger.journal(after, 5);
        if (entries.length === 0) break;
        verifier.add(entries);
        after = entries[entries.length - 1].seq;
      }
      expect(verifier.report()).toMatchObject({ ok: true, entries: journal.length, head: { seq: journal.length, hash: journal[journal.length - 1].hash } });
      expect(await ledger.journalHead()).toBe(journal.length);
    });

    it('finds where the journal stands at a time: just before the first entry recorded then or later', async () => {
      expect(await ledger.journalHead()).toBe(0);
      expect(await ledger.journalSeqBefore('2024-06-01T00:00:00Z')).toBe(0);
      await ledger.apply(data.waterCard, {});
      // The suite's events are recorded one second apart from 2024-06-01T00:00:01Z, in journal order.
      expect(await ledger.journalSeqBefore('2024-06-01T00:00:03Z')).toBe(2);
      expect(await ledger.journalSeqBefore('2024-06-01T08:00:02.500+08:00')).toBe(2);
      expect(await ledger.journalSeqBefore('2024-01-01T00:00:00Z')).toBe(0);
      expect(await ledger.journalSeqBefore('2025-01-01T00:00:00Z')).toBe(data.waterCard.length);
    });

    it('the same events in any order and batches give the same records', async () => {
      const reversed = [...data.all].reverse();
      for (let i = 0; i < reversed.length; i += 3) await ledger.apply(reversed.slice(i, i + 3), {});
      expect(await ledger.get(WATER_CARD)).toEqual(buildRecord(WATER_CARD, [...data.waterCard, ...data.sameWaterCard], [SAME_WATER_CARD]));
      expect(await ledger.get(WAGES)).toEqual(buildRecord(WAGES, data.wages));
      expect(await ledger.get(WAGES)).toMatchObject({ status: 'in_mediation' });
      expect(await ledger.get(NOISE)).toMatchObject({ status: 'triaged', category: 'neighbour' });
    });
  });
}
