// Fuzzing the four intake endpoints with a seeded generator: malformed JSON, wrong types, missing
// and unknown fields, deep nesting, oversized bodies, broken and odd Unicode, bodies that are not
// objects. Every case is invalid by construction; every answer must be a 4xx with a code or a
// clear message, must not echo the citizen's data, and nothing may be written anywhere.
import { rmSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@hub/event-store';
import { SECURITY_DB } from '@hub/security';
import type Database from 'better-sqlite3';
import { waterCardComplaint } from '../../apps/hub/demo/water-card.scenario';
import { LEDGER_STORE, type LedgerStore } from '../../apps/ledger/src/ledger.port';
import { bearer, startHub, type KeyHolder, type RunningHub } from '../support/hub-app';

/** mulberry32: the same seed gives the same cases, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACE = { district: '冠县', street: '崇文街道', community: '文苑社区', address: '3号楼2单元' };
const NAME = '李龙';
const PHONE = '13800000000';

interface Endpoint {
  office: Exclude<KeyHolder, 'admin'>;
  path: string;
  body: Record<string, unknown>;
  /** Required fields, with values of the wrong kind for each. */
  required: Record<string, unknown[]>;
  /** A field holding a constrained code, where odd Unicode can only be wrong. */
  code: string;
}

const TEXT_WRONG = [42, true, null, ['x'], { x: 1 }];
const OBJECT_WRONG = [42, 'x', true, null, ['x']];
const ARRAY_WRONG = [42, 'x', null, {}, [], [1], ['x']];

const ENDPOINTS: Endpoint[] = [
  {
    office: 'hotline',
    path: '/v1/hotline/complaints',
    body: { ...waterCardComplaint, caller: { name: NAME, phone: PHONE } },
    required: { ticketNo: TEXT_WRONG, receivedAt: TEXT_WRONG, channel: TEXT_WRONG, category: TEXT_WRONG, caller: OBJECT_WRONG, place: OBJECT_WRONG, summary: TEXT_WRONG },
    code: 'ticketNo',
  },
  {
    office: 'petition',
    path: '/v1/petition/petitions',
    body: { petitionNo: 'XF-2024-0113', registeredAt: '2024-01-10T14:00:00+08:00', form: 'visit', category: 'property', petitioner: { name: NAME, phone: PHONE }, place: PLACE, summary: '水卡问题' },
    required: { petitionNo: TEXT_WRONG, registeredAt: TEXT_WRONG, form: TEXT_WRONG, category: TEXT_WRONG, petitioner: OBJECT_WRONG, place: OBJECT_WRONG, summary: TEXT_WRONG },
    code: 'petitionNo',
  },
  {
    office: 'governance',
    path: '/v1/governance/grid-checks',
    body: { checkNo: 'WG-20231227-03', foundAt: '2023-12-27T11:00:00+08:00', gridWorker: '王网格', category: 'property', riskLevel: 'medium', place: PLACE, summary: '水卡争执', parties: [{ name: NAME, phone: PHONE }] },
    required: { checkNo: TEXT_WRONG, foundAt: TEXT_WRONG, gridWorker: TEXT_WRONG, category: TEXT_WRONG, riskLevel: TEXT_WRONG, place: OBJECT_WRONG, summary: TEXT_WRONG, parties: ARRAY_WRONG },
    code: 'checkNo',
  },
  {
    office: 'judicial',
    path: '/v1/judicial/walk-ins',
    body: { registrationNo: 'ZF-2023-1227', registeredAt: '2023-12-27T14:00:00+08:00', category: 'property', place: PLACE, summary: '水卡纠纷', parties: [{ name: NAME, phone: PHONE }] },
    required: { registrationNo: TEXT_WRONG, registeredAt: TEXT_WRONG, category: TEXT_WRONG, place: OBJECT_WRONG, summary: TEXT_WRONG, parties: ARRAY_WRONG },
    code: 'registrationNo',
  },
];

interface Case {
  name: string;
  contentType: string;
  payload: Buffer;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
/** Nesting written as text: deeper than any serializer would recurse. */
const nested = (depth: number, asArray: boolean) => (asArray ? `${'['.repeat(depth)}"x"${']'.repeat(depth)}` : `${'{"n":'.repeat(depth)}"x"${'}'.repeat(depth)}`);
/** Inserts raw bytes inside the summary's text, leaving the JSON otherwise intact. */
const withBytesInSummary = (body: Record<string, unknown>, bytes: number[]) => {
  const text = JSON.stringify({ ...body, summary: '@@' });
  const [before, after] = text.split('@@');
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after, 'utf8')]);
};

const ODD_CODES = ['\u202eTICKET-1', 'ＧＸ１２３４５', 'GX\u200b12345', 'GX-🙂-1', 'GX 12345', 'ΤΙΚΕΤ-1', 'GX\u0301-12345', '\ufeffGX-1'];
const BAD_BYTES = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];
const BAD_ESCAPES = ['\\ud800', '\\udfff', '\\u0000', '\\u0007', '\\u001b[31m', '\\ud83d x', '\\u0085'];
const NOT_OBJECTS = ['[]', '[{}]', '"text"', '42', 'null', 'true', '[[[[]]]]'];

function generate(next: () => number, count: number): { endpoint: Endpoint; c: Case }[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const kinds: ((e: Endpoint) => Case)[] = [
    (e) => {
      const text = JSON.stringify(e.body);
      const cut = 1 + Math.floor(next() * (text.length - 2));
      return { name: `truncated at ${cut}`, contentType: 'application/json', payload: Buffer.from(text.slice(0, cut), 'utf8') };
    },
    (e) => {
      const text = JSON.stringify(e.body);
      const broken = pick([
        text.replace(/}$/, ',}'),
        text.replace(/"/g, "'"),
        text.replace(/"([A-Za-z]+)":/, '$1:'),
        `${text}x`,
        `/* c */${text}`,
        text.replace(/}$/, ',"n":NaN}'),
        text.replace(/}$/, ',"n":undefined}'),
        text.replace(/^{/, '{{'),
      ]);
      return { name: 'malformed JSON', contentType: 'application/json', payload: Buffer.from(broken, 'utf8') };
    },
    (e) => {
      const field = pick(Object.keys(e.required));
      const wrong = pick(e.required[field]);
      return { name: `${field} = ${JSON.stringify(wrong)}`, contentType: 'application/json', payload: json({ ...e.body, [field]: wrong }) };
    },
    (e) => {
      const field = pick(Object.keys(e.required));
      const { [field]: _gone, ...rest } = e.body;
      return { name: `without ${field}`, contentType: 'application/json', payload: json(rest) };
    },
    (e) => {
      const extra = pick(['callerName', 'personal', 'isAdmin', 'constructor', 'source', 'actor']);
      return { name: `unknown field ${extra}`, contentType: 'application/json', payload: json({ ...e.body, [extra]: NAME }) };
    },
    (e) => {
      const text = JSON.stringify(e.body).replace(/}$/, ',"__proto__":{"polluted":true}}');
      return { name: '__proto__ field', contentType: 'application/json', payload: Buffer.from(text, 'utf8') };
    },
    (e) => {
      const depth = 17 + Math.floor(next() * 5000);
      const field = pick(['summary', 'place', 'extra']);
      const text = JSON.stringify({ ...e.body, [field]: '@@' }).replace('"@@"', nested(depth, next() < 0.5));
      return { name: `nested ${depth} deep in ${field}`, contentType: 'application/json', payload: Buffer.from(text, 'utf8') };
    },
    (e) => ({ name: 'oversized', contentType: 'application/json', payload: json({ ...e.body, summary: '水'.repeat(90_000 + Math.floor(next() * 100_000)) }) }),
    (e) => {
      const bytes = pick(BAD_BYTES);
      return { name: `invalid UTF-8 ${Buffer.from(bytes).toString('hex')}`, contentType: 'application/json', payload: withBytesInSummary(e.body, bytes) };
    },
    (e) => {
      const escape = pick(BAD_ESCAPES);
      const text = JSON.stringify({ ...e.body, summary: '@@' }).replace('@@', `水卡${escape}问题`);
      return { name: `escape ${escape}`, contentType: 'application/json', payload: Buffer.from(text, 'utf8') };
    },
    (e) => {
      const odd = pick(ODD_CODES);
      return { name: `odd ${e.code} ${JSON.stringify(odd)}`, contentType: 'application/json', payload: json({ ...e.body, [e.code]: odd }) };
    },
    (e) => {
      const phone = pick(['１３８００００００００', '138\u200b00000000', '+86 138-0000-0000', '13800000000\u202e']);
      const person = { name: NAME, phone };
      const body = 'caller' in e.body ? { ...e.body, caller: person } : 'petitioner' in e.body ? { ...e.body, petitioner: person } : { ...e.body, parties: [person] };
      return { name: `odd phone ${JSON.stringify(phone)}`, contentType: 'application/json', payload: json(body) };
    },
    () => ({ name: 'not an object', contentType: 'application/json', payload: Buffer.from(pick(NOT_OBJECTS), 'utf8') }),
    (e) => ({ name: 'UTF-16 body', contentType: 'application/json; charset=utf-16', payload: Buffer.from(JSON.stringify(e.body), 'utf16le') }),
    (e) => ({ name: 'not JSON at all', contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']), payload: Buffer.from(`ticketNo=${String(e.body[e.code])}`, 'utf8') }),
  ];
  return Array.from({ length: count }, () => {
    const endpoint = pick(ENDPOINTS);
    return { endpoint, c: pick(kinds)(endpoint) };
  });
}

describe('fuzzing the intake endpoints', () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub(undefined, { security: { writesPerMinute: 100_000 } });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it.each([20231227, 20240220])('200 generated bad bodies (seed %i): each a 4xx with a clear message, nothing written', async (seed) => {
    const cases = generate(random(seed), 200);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    for (const { endpoint, c } of cases) {
      // The bytes as generated: superagent would otherwise serialize a Buffer as JSON.
      const res = await hub.http().post(endpoint.path).set(bearer(hub.keys[endpoint.office])).set('content-type', c.contentType).serialize((b: unknown) => b as string).send(c.payload);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      codes.add(String((res.body as { code?: string }).code));
      const body = res.body as { statusCode?: number; message?: unknown; code?: unknown };
      const clear = body.statusCode === res.status && typeof body.message === 'string' && body.message.length > 0;
      const echoes = [NAME, PHONE, '3号楼2单元'].some((s) => res.text.includes(s));
      if (res.status < 400 || res.status >= 500 || res.status === 429 || !clear || echoes) {
        failures.push(`${endpoint.path} ${c.name}: ${res.status} ${res.text.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    // Every family of bad input was met, not just the parser's.
    expect([...statuses.keys()].sort()).toEqual([400, 413, 415]);
    expect([...codes]).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'ENTITY_PARSE_FAILED', 'ENTITY_TOO_LARGE', 'BODY_NOT_UTF8', 'BAD_TEXT', 'BODY_TOO_DEEP', 'BODY_NOT_OBJECT', 'FORBIDDEN_FIELD', 'UNSUPPORTED_MEDIA_TYPE']));

    expect(await hub.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(0);
    expect(await hub.app.get<LedgerStore>(LEDGER_STORE).journalSize()).toBe(0);
    const keys = hub.app.get<Database.Database>(SECURITY_DB).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM subject_keys').get()!.n;
    expect(keys).toBe(0);
  });

  it('stays up and still takes a good report afterwards', async () => {
    await hub.http().get('/health').expect(200);
    for (const e of ENDPOINTS) {
      const res = await hub.as(e.office).post(e.path).send(e.body);
      expect({ path: e.path, status: res.status }).toEqual({ path: e.path, status: 202 });
    }
  });
});
