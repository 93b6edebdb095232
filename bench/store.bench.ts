// `npm run bench:store`: appends per second (one event, batches of 10 and of 100) and events read
// per second from the global order ($all), for the SQLite and the PostgreSQL event stores, each
// beside its baseline measured in the same run: the same rows written and read through the same
// driver with plain INSERTs (one commit per append, as durable) and SELECTs, without the store's
// checks (expected revision, unique ids, settled reads). Rounds alternate store and baseline after
// one uncounted warm-up; the figures are medians over rounds, and the ratio store/baseline is the
// figure to quote.
// PostgreSQL: HUB_TEST_DATABASE_URL or 127.0.0.1:5432/test, in a schema of its own, dropped after.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { openSqlite, PostgresEventStore, SqliteEventStore, type EventStore, type NewEvent } from '@hub/event-store';
import { complaintReceived, dropSchema, TEST_DATABASE_URL, uniqueName } from '@hub/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
/** Appends per round, by batch size: about the same number of commits' worth of work each. */
const APPENDS: Record<number, number> = { 1: 400, 10: 150, 100: 30 };
const PAGE = 500;

/** A work order as the hotline writes it (about 1 kB of JSON, personal data included). */
function workOrder(n: number): NewEvent {
  const { type, data } = complaintReceived({ ticketNo: `BENCH-${n}` });
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/offices/hotline',
    type,
    subject: randomUUID(),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `urn:dispute-hub:schema:${type}`,
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actor: 'bench',
    data,
  } as NewEvent;
}

/** The same row a store writes, for the baseline. */
function row(e: NewEvent, revision: number, streamId: string) {
  const { id, type, subject, source, time, data, dataschema, correlationid, causationid, actor } = e;
  return { id, stream_id: streamId, revision, type, subject, source, time, data: JSON.stringify(data), meta: JSON.stringify({ dataschema, correlationid, causationid, actor }) };
}

interface Side {
  append(streamId: string, events: NewEvent[]): Promise<void>;
  /** Reads the whole global order in pages; answers how many events it read. */
  readAll(): Promise<number>;
}

function storeSide(store: EventStore): Side {
  return {
    append: async (streamId, events) => void (await store.append(streamId, events, 'no_stream')),
    async readAll() {
      let n = 0;
      for (let after = 0; ; ) {
        const page = await store.readAll(after, PAGE);
        if (page.length === 0) return n;
        n += page.length;
        after = page[page.length - 1].position;
      }
    },
  };
}

function sqliteBaseline(db: Database.Database): Side {
  db.exec(`CREATE TABLE baseline (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT, stream_id TEXT, revision INTEGER, type TEXT,
    subject TEXT, source TEXT, time TEXT, data TEXT, meta TEXT)`);
  const insert = db.prepare('INSERT INTO baseline (id, stream_id, revision, type, subject, source, time, data, meta) VALUES (@id, @stream_id, @revision, @type, @subject, @source, @time, @data, @meta)');
  const write = db.transaction((rows: ReturnType<typeof row>[]) => rows.forEach((r) => insert.run(r)));
  const page = db.prepare<[number, number], { position: number }>('SELECT * FROM baseline WHERE position > ? ORDER BY position LIMIT ?');
  return {
    append: async (streamId, events) => write(events.map((e, i) => row(e, i, streamId))),
    async readAll() {
      let n = 0;
      for (let after = 0; ; ) {
        const rows = page.all(after, PAGE);
        if (rows.length === 0) return n;
        n += rows.length;
        after = rows[rows.length - 1].position;
      }
    },
  };
}

async function postgresBaseline(pool: Pool, schema: string): Promise<Side> {
  const t = `"${schema}".baseline`;
  await pool.query(`CREATE TABLE ${t} (position bigserial PRIMARY KEY, id text, stream_id text, revision bigint, type text,
    subject text, source text, time text, data json, meta json)`);
  return {
    async append(streamId, events) {
      const rows = events.map((e, i) => row(e, i, streamId));
      const col = <K extends keyof ReturnType<typeof row>>(k: K) => rows.map((r) => r[k]);
      // One statement: one commit, all or nothing, as durable as the store's append.
      await pool.query(
        `INSERT INTO ${t} (id, stream_id, revision, type, subject, source, time, data, meta)
         SELECT i, s, r, ty, su, so, ti, d::json, m::json FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS x(i, s, r, ty, su, so, ti, d, m)`,
        [col('id'), col('stream_id'), col('revision'), col('type'), col('subject'), col('source'), col('time'), col('data'), col('meta')],
      );
    },
    async readAll() {
      let n = 0;
      for (let after = 0; ; ) {
        const { rows } = await pool.query<{ position: string }>(`SELECT * FROM ${t} WHERE position > $1 ORDER BY position LIMIT $2`, [after, PAGE]);
        if (rows.length === 0) return n;
        n += rows.length;
        after = Number(rows[rows.length - 1].position);
      }
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

interface Figure {
  hub: { perSecond: number; eventsPerSecond: number; rounds: number[] };
  baseline: { perSecond: number; eventsPerSecond: number; rounds: number[] };
  ratio: number;
}

let serial = 0;
async function appendRate(side: Side, batch: number): Promise<number> {
  const n = APPENDS[batch];
  const batches = Array.from({ length: n }, () => Array.from({ length: batch }, () => workOrder(serial++)));
  const t0 = performance.now();
  for (const events of batches) await side.append(`hotline-${randomUUID()}`, events);
  return n / ((performance.now() - t0) / 1000);
}

async function readRate(side: Side): Promise<number> {
  const t0 = performance.now();
  const n = await side.readAll();
  return n / ((performance.now() - t0) / 1000);
}

async function measure(hub: Side, baseline: Side, run: (s: Side) => Promise<number>, eventsPer: number): Promise<Figure> {
  const h: number[] = [];
  const b: number[] = [];
  // One round first, not counted: connections opened, code warmed, caches filled.
  await run(hub);
  await run(baseline);
  for (let r = 0; r < ROUNDS; r++) {
    h.push(await run(hub));
    b.push(await run(baseline));
  }
  const [hm, bm] = [median(h), median(b)];
  return {
    hub: { perSecond: round1(hm), eventsPerSecond: round1(hm * eventsPer), rounds: h.map(round1) },
    baseline: { perSecond: round1(bm), eventsPerSecond: round1(bm * eventsPer), rounds: b.map(round1) },
    ratio: Math.round((hm / bm) * 100) / 100,
  };
}

async function bench(hub: Side, baseline: Side): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  for (const batch of [1, 10, 100]) out[`append ${batch}`] = await measure(hub, baseline, (s) => appendRate(s, batch), batch);
  out['read $all'] = await measure(hub, baseline, readRate, 1);
  return out;
}

async function sqliteRun() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-store-'));
  const store = SqliteEventStore.open(join(dir, 'hub.db'));
  const raw = openSqlite(join(dir, 'baseline.db'));
  try {
    return await bench(storeSide(store), sqliteBaseline(raw));
  } finally {
    await store.close();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun() {
  const schema = uniqueName('bench_store');
  const store = await PostgresEventStore.connect(TEST_DATABASE_URL, { schema, poolSize: 2 });
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  try {
    return await bench(storeSide(store), await postgresBaseline(pool, schema));
  } finally {
    await store.close();
    await pool.end();
    await dropSchema(schema);
  }
}

async function main() {
  const started = performance.now();
  const sqlite = await sqliteRun();
  const postgres = await postgresRun();
  const result = {
    benchmark: 'store',
    when: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    rounds: ROUNDS,
    appendsPerRound: APPENDS,
    readPage: PAGE,
    note: 'append figures are appends per second (events per second beside them); read figures are events per second; medians over rounds; ratio = store / baseline',
    sqlite,
    postgres,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'store.json'), JSON.stringify(result, null, 2) + '\n');
  const lines = ['| store | operation | hub store | baseline (plain SQL, same driver) | hub / baseline |', '|---|---|---|---|---|'];
  for (const [name, figures] of [['SQLite', sqlite], ['PostgreSQL', postgres]] as const) {
    for (const [op, f] of Object.entries(figures)) {
      const unit = op.startsWith('append') ? (x: Figure['hub']) => `${x.perSecond} appends/s (${x.eventsPerSecond} events/s)` : (x: Figure['hub']) => `${x.perSecond} events/s`;
      lines.push(`| ${name} | ${op === 'read $all' ? `read $all (pages of ${PAGE})` : `${op} event${op === 'append 1' ? '' : 's'} per append`} | ${unit(f.hub)} | ${unit(f.baseline)} | ${f.ratio} |`);
    }
  }
  const table = `${lines.join('\n')}\n\nMedians of ${ROUNDS} alternating rounds, ${result.when}, Node ${process.version}, ${result.cpus} cores; run took ${result.seconds} s.\n`;
  writeFileSync(join(__dirname, 'results', 'store.md'), table);
  console.log(table);
}

void main();
