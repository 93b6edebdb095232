// `npm run bench:security`: what security costs per operation, beside a baseline in the same run.
// - sealing and opening a work order's personal part (key store on a real SQLite file) against a
//   plain JSON round trip of the same event;
// - checking an API key on a request against a bare primary-key lookup in the same SQLite file.
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqlite } from '@hub/event-store';
import { PersonalDataCipher, SqliteApiKeyStore, SqliteKeyVault, defaultScopes } from '@hub/security';
import { complaintReceived } from '@hub/testing';

const N = Number(process.env.BENCH_N ?? 5000);
const now = () => new Date().toISOString();

function median(us: number[]): number {
  const s = [...us].sort((a, b) => a - b);
  return Math.round(s[s.length >> 1] * 100) / 100;
}

async function time(n: number, op: (i: number) => unknown): Promise<number> {
  const us: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    us.push((performance.now() - t0) * 1000);
  }
  return median(us);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-security-'));
  const db = openSqlite(join(dir, 'security.db'));
  const personal = new PersonalDataCipher(new SqliteKeyVault(db, randomBytes(32)), now);
  const keys = new SqliteApiKeyStore(db);
  const { token } = await keys.create({ principal: 'office:hotline', role: 'office', office: 'hotline', scopes: defaultScopes('office', 'hotline'), createdBy: 'bench' }, now());
  db.exec('CREATE TABLE baseline (id TEXT PRIMARY KEY, v TEXT)');
  db.prepare('INSERT INTO baseline VALUES (?, ?)').run('k', 'v');
  const lookup = db.prepare('SELECT v FROM baseline WHERE id = ?');

  // Distinct citizens, so each seal makes a new subject key as intake does.
  const events = Array.from({ length: N }, (_, i) => {
    const e = complaintReceived();
    return { id: `e-${i}`, ...e, data: { ...e.data, personal: { ...e.data.personal, caller: { name: '李龙', phone: `138${String(i).padStart(8, '0')}` } } } };
  });
  const sealed: (typeof events)[number][] = [];
  const results = {
    n: N,
    jsonRoundTripUs: await time(N, (i) => JSON.parse(JSON.stringify(events[i]))),
    sealNewSubjectUs: await time(N, async (i) => sealed.push(await personal.sealEvent(events[i]))),
    openUs: await time(N, (i) => personal.openEvent(sealed[i])),
    sqliteLookupUs: await time(N, () => lookup.get('k')),
    authenticateUs: await time(N, () => keys.authenticate(token, now())),
  };
  const ratios = {
    seal: Math.round((results.sealNewSubjectUs / results.jsonRoundTripUs) * 10) / 10,
    open: Math.round((results.openUs / results.jsonRoundTripUs) * 10) / 10,
    authenticate: Math.round((results.authenticateUs / results.sqliteLookupUs) * 10) / 10,
  };
  db.close();
  rmSync(dir, { recursive: true, force: true });

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'security.json'), `${JSON.stringify({ ...results, ratios }, null, 2)}\n`);
  const md = [
    `Medians over ${N} operations, microseconds.`,
    '',
    '| operation | median µs | baseline | baseline µs | ratio |',
    '|---|---|---|---|---|',
    `| seal a work order's personal part (new subject: key made, wrapped, stored) | ${results.sealNewSubjectUs} | JSON round trip of the event | ${results.jsonRoundTripUs} | ${ratios.seal}× |`,
    `| open it again (key read, unwrapped, part decrypted) | ${results.openUs} | JSON round trip of the event | ${results.jsonRoundTripUs} | ${ratios.open}× |`,
    `| check an API key (look-up, SHA-256, constant-time compare) | ${results.authenticateUs} | SQLite primary-key look-up | ${results.sqliteLookupUs} | ${ratios.authenticate}× |`,
    '',
  ].join('\n');
  writeFileSync(join(__dirname, 'results', 'security.md'), md);
  console.log(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
