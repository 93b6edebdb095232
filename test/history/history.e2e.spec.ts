// History for analysts, on a generated county: as-of equals a ledger fed only the events up to
// that moment, the seed's county figure comes out of `hub stats` and matches a count from the raw
// events, an export re-imported into an empty hub rebuilds the same ledger, a rebuild killed
// half-way resumes and equals the live ledger, and a history mixing two versions of an event
// replays into one ledger.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DisputeEvent, HubCloudEvent } from '@hub/contracts';
import { EVENT_STORE, type EventStore, type NewEvent } from '@hub/event-store';
import type { DisputeRecord, LedgerEvent } from '@hub/ledger-core';
import { planCounty } from '../../apps/cli/src/generate/county-plan';
import { executePlan } from '../../apps/cli/src/generate/execute-plan';
import { LEDGER_STORE, type LedgerStore } from '../../apps/ledger/src/ledger.port';
import { SqliteLedgerStore } from '../../apps/ledger/src/sqlite-ledger.store';
import { hubCli, hubCliProcess } from '../support/cli';
import { startHub, type RunningHub } from '../support/hub-app';

const FROM = '2023-01-01T00:00:00+08:00';
const TO = '2025-01-01T00:00:00+08:00';

async function allRecords(ledger: LedgerStore): Promise<DisputeRecord[]> {
  const out: DisputeRecord[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await ledger.list({ limit: 200, offset });
    out.push(...page.items);
    if (page.items.length < 200) return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

describe('history for analysts', () => {
  let hub: RunningHub;
  let now = new Date(Date.parse(FROM)).toISOString();
  let journal: LedgerEvent[] = [];
  let legacyDispute = '';
  const ledger = () => hub.app.get<LedgerStore>(LEDGER_STORE);
  const caughtUp = async () => {
    const head = await hub.app.get<EventStore>(EVENT_STORE).headPosition();
    await hub.as('admin').get(`/v1/ledger/disputes?limit=1&after=${head}`).expect(200);
  };

  beforeAll(async () => {
    hub = await startHub(undefined, { clock: { now: () => now }, security: { writesPerMinute: 100_000_000 } });
    // The seed's county: 117 property disputes, all resolved and followed up, among others.
    const plan = planCounty({ seed: 2023, disputes: 160, from: FROM, years: 2, resolvedPropertyDisputes: 117 });
    const report = await executePlan(plan, async (r) => {
      now = new Date(Math.max(Date.parse(now) + 1, Date.parse(r.at))).toISOString();
      const res = await hub.as(r.office).post(r.path).send(r.body);
      return { status: res.status, body: res.body };
    });
    expect(report).toMatchObject({ accepted: plan.length, refused: {} });

    // History written before the interim measure had a kind: version 1 events, straight into the store.
    const open = (await allRecords(ledger())).find((r) => r.status !== 'closed' && r.status !== 'referred' && r.status !== 'linked')!;
    legacyDispute = open.id;
    const v1: NewEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/offices/judicial',
      type: 'hub.judicial.InterimMeasureTaken.v1' as HubCloudEvent['type'],
      subject: open.id,
      time: now,
      datacontenttype: 'application/json',
      dataschema: 'urn:dispute-hub:schema:hub.judicial.InterimMeasureTaken.v1',
      correlationid: 'legacy',
      causationid: 'legacy',
      actor: 'office:judicial',
      data: { occurredAt: now, measure: '先行调处' },
    } as unknown as NewEvent;
    await hub.app.get<EventStore>(EVENT_STORE).append(`judicial-${open.id}`, [v1], 'any');
    await caughtUp();
    journal = (await ledger().journal(0, 1_000_000)).map((e) => JSON.parse(e.event) as LedgerEvent);
  }, 180_000);

  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('a history mixing both versions of an event replays into one ledger', async () => {
    const before = (await ledger().get(legacyDispute))!;
    expect(journal.some((e) => e.type === ('hub.judicial.InterimMeasureTaken.v1' as DisputeEvent['type']))).toBe(true);
    // The office decides on the old event as on a new one...
    now = new Date(Date.parse(now) + 60_000).toISOString();
    await hub.as('judicial').post(`/v1/judicial/disputes/${legacyDispute}/interim-measures`).send({ kind: 'safety', measure: '安全提示' }).expect(202);
    await caughtUp();
    const after = (await ledger().get(legacyDispute))!;
    expect(after.interimMeasures).toBe(before.interimMeasures + 1);
    expect(after.timeline.map((t) => t.type)).toEqual(expect.arrayContaining(['hub.judicial.InterimMeasureTaken.v2']));
    journal = (await ledger().journal(0, 1_000_000)).map((e) => JSON.parse(e.event) as LedgerEvent);
    // ...and a replay of the whole history equals the live ledger.
    const verify = hubCli(['-d', hub.dataDir, 'verify']);
    expect(verify.stdout).toContain('ledger: equals the replayed history');
    expect(verify.status).toBe(0);
  });

  it('as-of equals the ledger a hub fed only the events up to that moment builds', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.parse(FROM) + random() * (Date.parse(TO) - Date.parse(FROM))).toISOString();
      const res = await hub.as('admin').get(`/v1/ledger/as-of?at=${encodeURIComponent(at)}`).expect(200);
      const asOf = (res.text.trim() ? res.text.trim().split('\n') : []).map((l) => JSON.parse(l) as DisputeRecord).sort((a, b) => (a.id < b.id ? -1 : 1));
      const fed = new SqliteLedgerStore(new Database(':memory:'));
      await fed.apply(journal.filter((e) => Date.parse((e.data as { occurredAt: string }).occurredAt) <= Date.parse(at)), {});
      const expected = await allRecords(fed);
      await fed.close();
      expect(asOf.length).toBeGreaterThan(0);
      expect(asOf).toEqual(expected);
    }
  });

  it("the seed's county figure: 117 property disputes resolved, every one followed up, as counted from the raw events", () => {
    const out = hubCli(['-d', hub.dataDir, 'stats', '--from', FROM, '--to', TO, '--group-by', 'category', '--format', 'json']);
    expect(out.status).toBe(0);
    const rows = (JSON.parse(out.stdout) as { rows: { key: string; figures: Record<string, number> }[] }).rows;
    const property = rows.find((r) => r.key === 'property')!.figures;

    // Counted independently, from the events alone.
    const categoryOf = new Map<string, string>();
    for (const e of journal) {
      const data = e.data as { category?: string };
      if (e.type.endsWith('Received.v1') || e.type.endsWith('Registered.v1') || e.type.endsWith('CheckReported.v1')) {
        if (!categoryOf.has(e.subject)) categoryOf.set(e.subject, data.category!);
      }
    }
    const propertyIds = new Set([...categoryOf].filter(([, c]) => c === 'property').map(([id]) => id));
    const fulfilled = new Set(journal.filter((e) => e.type === 'hub.judicial.AgreementFulfilled.v1' && propertyIds.has(e.subject)).map((e) => e.subject));
    const visited = new Set(journal.filter((e) => e.type === 'hub.judicial.FollowUpVisited.v1' && fulfilled.has(e.subject)).map((e) => e.subject));
    expect(propertyIds.size).toBe(117);
    expect(fulfilled.size).toBe(117);
    expect(visited.size).toBe(117);
    expect(property).toMatchObject({ registered: propertyIds.size, resolved: fulfilled.size, followUpCoverage: visited.size / fulfilled.size });
    expect(property.followUpCoverage).toBe(1);

    const table = hubCli(['-d', hub.dataDir, 'stats', '--from', FROM, '--to', TO, '--group-by', 'category', '--format', 'csv']);
    expect(table.stdout.split('\n')[0]).toMatch(/^category,registered,resolved,closed,successRate,followUpCoverage/);
    expect(table.stdout).toMatch(/\nproperty,117,117,/);
  });

  it('an NDJSON export re-imported into an empty hub rebuilds the same ledger', async () => {
    const exported = hubCli(['-d', hub.dataDir, 'events', 'export']);
    expect(exported.status).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines).toHaveLength(journal.length);
    expect(exported.stdout).not.toMatch(/"phone":"1\d{10}"/);
    const dir = mkdtempSync(join(tmpdir(), 'hub-import-'));
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, exported.stdout);
    const imported = hubCli(['-d', join(dir, 'empty'), 'events', 'import', file]);
    expect(imported.status).toBe(0);
    const copy = new SqliteLedgerStore(new Database(join(dir, 'empty', 'hub.db')));
    expect(await allRecords(copy)).toEqual(await allRecords(ledger()));
    await copy.close();
    rmSync(dir, { recursive: true, force: true });

    const csv = hubCli(['-d', hub.dataDir, 'events', 'export', '--format', 'csv', '--type', 'hub.judicial.AgreementFulfilled.v1']);
    expect(csv.stdout.trim().split('\n')).toHaveLength(1 + journal.filter((e) => e.type === 'hub.judicial.AgreementFulfilled.v1').length);
  });

  it('a rebuild killed half-way keeps the old ledger answering, then resumes and equals the live ledger', async () => {
    const victim = (await allRecords(ledger()))[0];
    const live = new Database(join(hub.dataDir, 'hub.db'));
    live.prepare("UPDATE ledger_disputes SET record = json_set(record, '$.summary', 'STALE') WHERE id = ?").run(victim.id);
    live.close();

    const child = hubCliProcess(['-d', hub.dataDir, 'ledger', 'rebuild'], { HUB_REBUILD_PAGE: '3' });
    const rebuildFile = join(hub.dataDir, 'ledger-rebuild.db');
    const progressed = async () => {
      if (!existsSync(rebuildFile)) return 0;
      const db = new Database(rebuildFile, { readonly: true, fileMustExist: true });
      try {
        return Number(db.prepare<[], { value: string }>("SELECT value FROM ledger_checkpoints WHERE name = 'rebuild'").get()?.value ?? 0);
      } catch {
        return 0;
      } finally {
        db.close();
      }
    };
    for (let i = 0; i < 2000 && (await progressed()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const reached = await progressed();
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(journal.length);

    // Killed half-way: queries still answer from the old ledger.
    const during = await hub.as('admin').get(`/v1/ledger/disputes/${victim.id}`).expect(200);
    expect(during.body.summary).toBe('STALE');

    const resumed = hubCli(['-d', hub.dataDir, 'ledger', 'rebuild']);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resumed after ${reached}`));
    const after = await hub.as('admin').get(`/v1/ledger/disputes/${victim.id}`).expect(200);
    expect(after.body.summary).toBe(victim.summary);
    expect(existsSync(rebuildFile)).toBe(false);
    expect(hubCli(['-d', hub.dataDir, 'verify']).status).toBe(0);
  });
});
