// Tamper evidence: the ledger journal of a real run is altered by one flipped byte, loses an
// entry, and gains a forged one; `GET /v1/ledger/verify` and `npm run verify` name each.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chainHash } from '@hub/ledger-core';
import { waterCardComplaint, waterCardSteps } from '../../apps/hub/demo/water-card.scenario';
import { officeOfPath, startHub, type RunningHub } from '../support/hub-app';

interface Row {
  event_id: string;
  dispute_id: string;
  type: string;
  event: string;
  seq: number;
  prev_hash: string;
  hash: string;
}

describe('the hash-chained ledger journal', () => {
  let hub: RunningHub;
  let db: Database.Database;
  let original: Row[];
  const file = () => join(hub.dataDir, 'hub.db');
  const verify = async () => (await hub.as('admin').get('/v1/ledger/verify').expect(200)).body;
  const cli = () => spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/ledger/src/verify-journal.ts', file()], { encoding: 'utf8', cwd: join(__dirname, '../..') });
  const row = (seq: number) => original.find((r) => r.seq === seq)!;

  beforeAll(async () => {
    hub = await startHub();
    const intake = await hub.as('hotline').post('/v1/hotline/complaints').send(waterCardComplaint).expect(202);
    let position = 0;
    for (const step of waterCardSteps) position = (await hub.as(officeOfPath(step.path(intake.body.disputeId))).post(step.path(intake.body.disputeId)).send(step.body).expect(202)).body.position;
    await hub.as('admin').get(`/v1/ledger/disputes/${intake.body.disputeId}?after=${position}`).expect(200);
    db = new Database(file());
    original = db.prepare<[], Row>('SELECT * FROM ledger_journal ORDER BY seq').all();
  });
  afterEach(() => {
    db.transaction(() => {
      db.prepare('DELETE FROM ledger_journal').run();
      const put = db.prepare('INSERT INTO ledger_journal (event_id, dispute_id, type, event, seq, prev_hash, hash) VALUES (@event_id, @dispute_id, @type, @event, @seq, @prev_hash, @hash)');
      original.forEach((r) => put.run(r));
    })();
  });
  afterAll(async () => {
    db.close();
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('is intact after a run, and says its head', async () => {
    expect(original).toHaveLength(13);
    const report = await verify();
    expect(report).toEqual({ ok: true, entries: 13, head: { seq: 13, hash: row(13).hash }, problems: [] });
    const out = cli();
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`journal intact: 13 entries; head 13 ${row(13).hash}`);
  });

  it('one flipped byte in a stored entry: verification fails and names the entry', async () => {
    const bytes = Buffer.from(row(5).event, 'utf8');
    const at = bytes.indexOf('"occurredAt":"') + '"occurredAt":"2023'.length - 1;
    bytes[at] ^= 0x01; // 2023 -> 2022: still valid JSON, a different fact
    db.prepare('UPDATE ledger_journal SET event = ? WHERE seq = 5').run(bytes.toString('utf8'));

    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'altered', seq: 5, eventId: row(5).event_id, message: `entry 5 (event ${row(5).event_id}) was altered: its content does not match its hash` }]);
    const out = cli();
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(`altered: entry 5 (event ${row(5).event_id}) was altered`);
  });

  it('a removed entry: verification fails and names where', async () => {
    db.prepare('DELETE FROM ledger_journal WHERE seq = 7').run();
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'removed', seq: 8, eventId: row(8).event_id, message: expect.stringContaining('between entries 6 and 8') })]);
    expect(cli().status).toBe(1);
  });

  it('an inserted entry, chained by someone who knows the algorithm: verification names it', async () => {
    const forged = { ...JSON.parse(row(4).event), id: '00000000-0000-4000-8000-000000000000', type: 'hub.judicial.AgreementFulfilled.v1', data: { occurredAt: '2023-12-27T16:00:00+08:00' } };
    db.transaction(() => {
      db.prepare('UPDATE ledger_journal SET seq = -seq - 1 WHERE seq > 4').run();
      db.prepare('UPDATE ledger_journal SET seq = -seq WHERE seq < 0').run();
      db.prepare('INSERT INTO ledger_journal (event_id, dispute_id, type, event, seq, prev_hash, hash) VALUES (?, ?, ?, ?, 5, ?, ?)')
        .run(forged.id, forged.subject, forged.type, JSON.stringify(forged), row(4).hash, chainHash(row(4).hash, forged));
    })();
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'inserted', seq: 5, eventId: forged.id })]);
    expect(cli().stdout).toContain(`inserted: entry 5 (event ${forged.id}) was inserted`);
  });

  it('an entry altered and re-hashed breaks the link to the next one', async () => {
    const altered = { ...JSON.parse(row(9).event), data: { ...JSON.parse(row(9).event).data, terms: '业主无需补缴' } };
    db.prepare('UPDATE ledger_journal SET event = ?, hash = ? WHERE seq = 9').run(JSON.stringify(altered), chainHash(row(9).prev_hash, altered));
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'relinked', seq: 10, eventId: row(10).event_id })]);
  });
});
