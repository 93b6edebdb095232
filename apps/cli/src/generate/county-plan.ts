// A county's offices over a span of years, as the requests they would send the hub: seeded and
// reproducible, in the proportions of DOMAIN.md (sources, categories, tiers and "331" attempts,
// repeat contacts from the hotline to the petitions office, agreements fulfilled late or
// breached, follow-ups, rebounds). Pure: it only plans; the executor sends.
import { disputeIdFor, type Category, type Office, type Tier } from '@hub/contracts';
import { seeded, type Random } from './random';

export interface PlannedRequest {
  /** When it happens (business time); requests run in this order. */
  at: string;
  office: Office;
  disputeId: string;
  path: string;
  body: Record<string, unknown>;
}

export interface PlanOptions {
  seed: number;
  disputes: number;
  from: string;
  years: number;
  /** The seed's county figure: this many property disputes, every one resolved and followed up. */
  resolvedPropertyDisputes?: number;
}

const PLACES: readonly { street: string; communities: readonly string[] }[] = [
  { street: '崇文街道', communities: ['文苑社区', '崇文社区', '馆陶社区', '新华社区'] },
  { street: '清泉街道', communities: ['清泉社区', '振华社区', '育英社区'] },
  { street: '烟庄街道', communities: ['烟庄社区', '武训社区', '东关社区'] },
  { street: '贾镇', communities: ['贾镇村', '前营村', '后营村'] },
  { street: '柳林镇', communities: ['柳林村', '梨园村'] },
  { street: '甘屯镇', communities: ['甘屯村', '西屯村'] },
  { street: '东古城镇', communities: ['东古城村', '南街村'] },
];

const CATEGORY_WEIGHTS: Readonly<Record<Category, number>> = {
  property: 30, neighbour: 20, family: 12, labour: 12, land: 10, consumer: 8, traffic: 5, other: 3,
};
const SOURCE_WEIGHTS = { hotline: 50, grid: 25, walk_in: 15, petition: 10 } as const;
const SUCCESS_BY_TIER: Record<Tier, number> = { 1: 0.55, 2: 0.5, 3: 0.5 };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '龙'];
const SUMMARIES: Readonly<Record<Category, readonly string[]>> = {
  property: ['物业公司拒绝充值水卡', '小区电梯长期停运', '物业费收取标准争议', '车位占用纠纷'],
  neighbour: ['邻里漏水纠纷', '楼道堆放杂物争执', '噪音扰民纠纷'],
  family: ['赡养老人纠纷', '离婚财产分割争议'],
  labour: ['工程款及工人工资拖欠', '工伤赔偿争议'],
  land: ['宅基地边界纠纷', '土地承包经营权争议'],
  consumer: ['预付卡退费纠纷', '商品质量争议'],
  traffic: ['交通事故赔偿纠纷'],
  other: ['其他矛盾纠纷'],
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** ISO with the China offset, the way offices write times. */
function cst(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().replace('Z', '+08:00').replace(/\.\d{3}/, '');
}

function person(r: Random) {
  return { name: r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : ''), phone: `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}` };
}

const team = { gridWorker: '网格员', legalAdviser: '法律顾问', ruleOfLawLeader: '法治带头人', mediator: '人民调解员' };

class DisputeBuilder {
  readonly requests: PlannedRequest[] = [];
  /** When the dispute was first closed, if it was. */
  closedAt: number | null = null;
  constructor(
    private readonly r: Random,
    readonly disputeId: string,
    public t: number,
    private readonly end: number,
  ) {}

  later(minHours: number, maxHours: number): number {
    this.t += this.r.int(Math.round(minHours * 60), Math.round(maxHours * 60)) * 60_000;
    return this.t;
  }

  /** Adds a step on the dispute unless it falls after the end of the history. */
  step(office: Office, action: string, body: Record<string, unknown>): boolean {
    if (this.t >= this.end) return false;
    if (action === 'closure' || action === 'court-referrals') this.closedAt ??= this.t;
    this.requests.push({ at: cst(this.t), office, disputeId: this.disputeId, path: `/v1/${office}/disputes/${this.disputeId}/${action}`, body: { at: cst(this.t), ...body } });
    return true;
  }
}

/** Where a dispute stands on the "331" ladder; it persists across a rebound. */
interface Ladder {
  tier: Tier;
  attempts: Record<Tier, number>;
}

const LIMITS: Record<Tier, number> = { 1: 3, 2: 3, 3: 1 };

function escalate(b: DisputeBuilder, ladder: Ladder): boolean {
  b.later(4, 48);
  const next = (ladder.tier + 1) as Tier;
  if (!b.step('governance', 'escalations', { handledBy: next === 2 ? '物业纠纷调解队' : '矛盾调解中心', reason: '本级调解未果' })) return false;
  ladder.tier = next;
  if (next !== 3) return true;
  b.later(2, 48);
  return b.step('governance', 'joint-mediations', { participants: ['police', 'judicial', 'governance', 'court'], venue: '矛盾调解中心' });
}

function mediate(b: DisputeBuilder, r: Random, ladder: Ladder, mustSucceed: boolean): 'agreed' | 'referred' | 'open' {
  for (;;) {
    if (ladder.attempts[ladder.tier] >= LIMITS[ladder.tier]) {
      if (ladder.tier === 3) {
        b.later(24, 24 * 5);
        return b.step('judicial', 'court-referrals', { court: '冠县人民法院', reason: '联动调解未果' }) ? 'referred' : 'open';
      }
      if (!escalate(b, ladder)) return 'open';
    }
    b.later(2, 72);
    if (!b.step('judicial', 'mediations', { mediator: '人民调解员' })) return 'open';
    ladder.attempts[ladder.tier] += 1;
    b.later(4, 24 * 10);
    if (mustSucceed || r.chance(SUCCESS_BY_TIER[ladder.tier])) return 'agreed';
    if (!b.step('judicial', 'mediation-failures', { reason: '双方分歧较大' })) return 'open';
    if (ladder.attempts[ladder.tier] < LIMITS[ladder.tier] && r.chance(0.6)) continue;
    if (ladder.tier === 3) {
      b.later(24, 24 * 5);
      return b.step('judicial', 'court-referrals', { court: '冠县人民法院', reason: '联动调解未果' }) ? 'referred' : 'open';
    }
    if (!escalate(b, ladder)) return 'open';
  }
}

/** Agreement, fulfilment (on time, late or breached), follow-up and closure. */
function settle(b: DisputeBuilder, r: Random, n: number, perfect: boolean): 'closed' | 'reopened' | 'referred' | 'open' {
  const fulfilBy = b.t + r.int(7, 30) * DAY;
  if (!b.step('judicial', 'agreements', { agreementNo: `TJXY-${n}-${b.requests.length}`, terms: '双方达成调解协议', fulfilBy: cst(fulfilBy) })) return 'open';
  const fate = perfect ? 'on_time' : r.weighted({ on_time: 80, late: 12, breached: 8 });
  if (fate === 'on_time') {
    b.t = b.t + r.int(1, Math.max(1, Math.floor((fulfilBy - b.t) / HOUR) - 1)) * HOUR;
  } else {
    b.t = fulfilBy + r.int(1, 5) * DAY;
    if (!b.step('judicial', 'fulfilment-urges', { note: '督促履行协议' })) return 'open';
    if (fate === 'breached') {
      b.later(24, 24 * 7);
      if (!b.step('judicial', 'breaches', { note: '一方未按期履行' })) return 'open';
      if (r.chance(0.5)) {
        b.later(24, 24 * 10);
        return b.step('judicial', 'court-referrals', { court: '冠县人民法院', reason: '协议未履行' }) ? 'referred' : 'open';
      }
    }
    b.later(24, 24 * 10);
  }
  if (!b.step('judicial', 'fulfilments', {})) return 'open';
  const followed = perfect || r.chance(0.92);
  const rebound = !perfect && followed && r.chance(0.04);
  if (followed) {
    b.later(24 * 3, 24 * 20);
    const satisfaction = perfect ? 'satisfied' : r.weighted({ satisfied: 80, basically_satisfied: 15, dissatisfied: 5 });
    if (!b.step('judicial', 'follow-ups', { satisfaction, rebound: false })) return 'open';
  }
  b.later(1, 48);
  if (!b.step('governance', 'closure', { outcome: 'resolved' })) return 'open';
  if (rebound) {
    b.later(24 * 10, 24 * 60);
    return b.step('judicial', 'follow-ups', { satisfaction: 'dissatisfied', rebound: true, note: '矛盾反弹' }) ? 'reopened' : 'open';
  }
  return 'closed';
}

function planOne(r: Random, n: number, start: number, end: number, forced: Category | null, weights: Readonly<Record<Category, number>>): PlannedRequest[] {
  const perfect = forced !== null;
  const category = forced ?? r.weighted(weights);
  const place = r.pick(PLACES);
  const community = r.pick(place.communities);
  const where = { district: '冠县', street: place.street, community };
  const summary = r.pick(SUMMARIES[category]);
  const source = perfect ? 'hotline' : r.weighted(SOURCE_WEIGHTS);
  const day = cst(start).slice(0, 10).replace(/-/g, '');
  const citizen = person(r);
  const out: PlannedRequest[] = [];
  let disputeId: string;
  let ticketNo: string | undefined;
  const intake = (office: Office, path: string, body: Record<string, unknown>) => out.push({ at: cst(start), office, disputeId, path, body });
  switch (source) {
    case 'hotline':
      ticketNo = `GX12345-${day}-${String(n).padStart(6, '0')}`;
      disputeId = disputeIdFor('ticket', ticketNo);
      intake('hotline', '/v1/hotline/complaints', {
        ticketNo, receivedAt: cst(start), channel: r.pick(['phone', 'web', 'app', 'wechat']), kind: 'complaint', category,
        caller: citizen, place: { ...where, address: `${r.int(1, 30)}号楼${r.int(1, 6)}单元` }, summary,
      });
      break;
    case 'petition': {
      const petitionNo = `XF-${day}-${String(n).padStart(6, '0')}`;
      disputeId = disputeIdFor('petition', petitionNo);
      intake('petition', '/v1/petition/petitions', { petitionNo, registeredAt: cst(start), form: r.pick(['letter', 'visit', 'online']), category, petitioner: citizen, place: where, summary });
      break;
    }
    case 'grid': {
      const checkNo = `WG-${day}-${String(n).padStart(6, '0')}`;
      disputeId = disputeIdFor('grid_check', checkNo);
      intake('governance', '/v1/governance/grid-checks', { checkNo, foundAt: cst(start), gridWorker: '网格员', category, riskLevel: r.weighted({ low: 60, medium: 30, high: 10 }), place: where, summary, parties: [citizen, person(r)] });
      break;
    }
    case 'walk_in': {
      const registrationNo = `TJ-${day}-${String(n).padStart(6, '0')}`;
      disputeId = disputeIdFor('walk_in', registrationNo);
      intake('judicial', '/v1/judicial/walk-ins', { registrationNo, registeredAt: cst(start), category, place: where, summary, parties: [citizen, person(r)] });
      break;
    }
  }
  const b = new DisputeBuilder(r, disputeId!, start, end);
  // A citizen whom the hotline did not satisfy goes on to the petitions office, while the dispute is open.
  const petitions = ticketNo !== undefined && !perfect && r.chance(0.08);
  const petitionShare = r.next();

  const handle = (): void => {
    if (!perfect && r.chance(0.03)) {
      b.later(24, 24 * 7);
      b.step('governance', 'closure', { outcome: 'withdrawn', note: '当事人撤回' });
      return;
    }
    b.later(0.5, 24);
    if (!b.step('governance', 'triage', { riskLevel: r.weighted({ low: 55, medium: 35, high: 10 }), category })) return;
    if (r.chance(0.7)) b.step('governance', 'lead-office', { office: 'judicial' });
    b.later(0.5, 24);
    if (!b.step('governance', 'team', { team })) return;
    if (r.chance(0.25)) {
      b.later(1, 24);
      b.step('judicial', 'interim-measures', { measure: '先行采取临时措施，防止矛盾激化' });
    }
    const ladder: Ladder = { tier: 1, attempts: { 1: 0, 2: 0, 3: 0 } };
    const mediated = mediate(b, r, ladder, perfect);
    if (mediated !== 'agreed') return;
    const settled = settle(b, r, n, perfect);
    if (settled !== 'reopened') return;
    // The rebound is handled again, once.
    b.later(2, 48);
    if (!b.step('governance', 'triage', { riskLevel: 'medium', category })) return;
    if (mediate(b, r, ladder, true) === 'agreed') settle(b, r, n + 1_000_000, true);
  };
  handle();
  if (ticketNo !== undefined && b.t < end) {
    b.later(1, 48);
    if (b.step('hotline', 'replies', { outcome: 'resolved', content: '您反映的问题已办理' })) {
      b.later(1, 72);
      b.step('hotline', 'ratings', { satisfaction: perfect ? 'satisfied' : r.weighted({ satisfied: 85, basically_satisfied: 10, dissatisfied: 5 }) });
    }
  }
  out.push(...b.requests);
  const petitionAfter = start + DAY + Math.floor(petitionShare * Math.max(0, (b.closedAt ?? b.t) - start - 2 * DAY) * 0.5);
  if (petitions && petitionAfter < end) {
    out.push({
      at: cst(petitionAfter),
      office: 'petition',
      disputeId: disputeId!,
      path: '/v1/petition/petitions',
      body: { petitionNo: `XF-${day}-R${String(n).padStart(6, '0')}`, registeredAt: cst(petitionAfter), form: 'visit', category, petitioner: citizen, place: where, summary: `${summary}（热线反映后仍未解决）`, relatedTicketNo: ticketNo },
    });
  }
  return out;
}

/**
 * Every request of the planned history, in the order they happen. Steps of one dispute are
 * spaced so that they never go back in time; disputes interleave.
 */
export function planCounty(options: PlanOptions): PlannedRequest[] {
  const r = seeded(options.seed);
  const from = Date.parse(options.from);
  const end = from + options.years * 365 * DAY;
  const span = end - from;
  const forced = options.resolvedPropertyDisputes ?? 0;
  // With the seed's figure forced, the other disputes are of other categories, so the figure stays exact.
  const weights = forced > 0 ? { ...CATEGORY_WEIGHTS, property: 0 } : CATEGORY_WEIGHTS;
  const all: PlannedRequest[] = [];
  for (let n = 0; n < options.disputes; n++) {
    // Forced disputes start early enough to be settled well before the end.
    const start = n < forced ? from + Math.floor(r.next() * span * 0.6) : from + Math.floor(r.next() * span);
    all.push(...planOne(r, n, start, end, n < forced ? 'property' : null, weights));
  }
  return all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
