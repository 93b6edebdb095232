// Test data made of events: one builder per event type, with the seed case's data (Guan County,
// 崇文街道 文苑社区, owner 李龙 and the water card the property company would not top up) and
// pinned times in China time. Builders compose into histories, stage by stage, so a test says
// where the dispute stands (`waterCardAssigned()`) and adds only the events it is about.
import type {
  DataOf,
  DisputeEvent,
  EventOf,
  EventType,
  Person,
  Place,
  Satisfaction,
  Team,
  Tier,
} from '@hub/contracts';
import type { When } from '@hub/dispute';

/** 冠县 崇文街道 文苑社区: where the water-card dispute happened. */
export const WENYUAN: Place = { district: '冠县', street: '崇文街道', community: '文苑社区' };

/** The owner (a pseudonym in the seed report) and the company he is in dispute with. */
export const LI_LONG: Person = { name: '李龙', phone: '13800000000' };
export const PROPERTY_COMPANY: Person = { name: '冠县文苑物业服务有限公司' };
export const LI_LONG_ADDRESS = '文苑小区3号楼2单元301室';

export const WATER_CARD_TICKET = 'GX12345-20231227-0042';
export const WATER_CARD_PETITION = 'GXXF-2024-0103';
export const WATER_CARD_AGREEMENT = 'GX-CW-TJ-2024-017';

/** The "1+3" team of 文苑社区 (officials, named here as the hub would show them). */
export const WENYUAN_TEAM: Team = {
  gridWorker: '王芳',
  legalAdviser: '陈静',
  ruleOfLawLeader: '赵刚',
  mediator: '刘洋',
};

/** Who takes over at each tier: the grid team, the specialist team, the mediation centre. */
export const HANDLED_BY: Record<Tier, string> = {
  1: '文苑社区“1+3”团队',
  2: '崇文街道物业纠纷调解队',
  3: '冠县矛盾调解中心',
};

/**
 * When each step of the seed case happened (UTC+8). New Year's Day falls inside the work
 * order's 13 working days; the deciders count it as a working day (they get no holiday
 * calendar), so the deadline is 2024-01-15.
 */
export const WATER_CARD_AT = {
  received: '2023-12-27T09:30:00+08:00',
  triaged: '2023-12-27T10:00:00+08:00',
  leadDesignated: '2023-12-27T10:05:00+08:00',
  teamAssigned: '2023-12-27T10:30:00+08:00',
  interimMeasure: '2023-12-27T15:00:00+08:00',
  replied: '2023-12-27T17:30:00+08:00',
  rated: '2023-12-28T09:00:00+08:00',
  mediationStarted: '2023-12-28T14:00:00+08:00',
  petitionRegistered: '2024-01-03T10:00:00+08:00',
  mediationFailed: '2024-01-05T17:00:00+08:00',
  agreementRecorded: '2024-02-20T10:00:00+08:00',
  agreementFulfilled: '2024-02-20T16:00:00+08:00',
  closed: '2024-02-21T09:00:00+08:00',
  followUp: '2024-03-20T10:00:00+08:00',
} as const;

export const WATER_CARD_DUE_BY = '2024-01-16T23:59:59+08:00';

/** A command's times: when it happened (`at`) and when the hub received it (`now`, by default the same). */
export function moment(at: string, now: string = at): When {
  return { at, now };
}

function event<T extends EventType>(type: T, data: DataOf<T>): EventOf<T> {
  return { type, data } as EventOf<T>;
}

// ---- 12345 hotline ----

export function complaintReceived(overrides: Partial<DataOf<'hub.hotline.ComplaintReceived.v1'>> = {}) {
  const receivedAt = overrides.receivedAt ?? WATER_CARD_AT.received;
  return event('hub.hotline.ComplaintReceived.v1', {
    ticketNo: WATER_CARD_TICKET,
    receivedAt,
    occurredAt: receivedAt,
    channel: 'phone',
    kind: 'complaint',
    category: 'property',
    place: WENYUAN,
    summary: '物业公司以未缴物业费为由拒绝为业主水卡充值',
    details: '业主来电：物业公司因其未缴纳物业费，拒绝为其水卡充值，家中即将停水，请求协调。',
    workingDays: 13,
    dueBy: WATER_CARD_DUE_BY,
    personal: { caller: LI_LONG, address: LI_LONG_ADDRESS },
    ...overrides,
  });
}

export function deadlineExtended(overrides: Partial<DataOf<'hub.hotline.DeadlineExtended.v1'>> = {}) {
  return event('hub.hotline.DeadlineExtended.v1', {
    occurredAt: '2024-01-12T10:00:00+08:00',
    extraWorkingDays: 5,
    dueBy: '2024-01-23T23:59:59+08:00',
    reason: '物业费分期方案需业主委员会讨论',
    approvedBy: '冠县12345热线办',
    ...overrides,
  });
}

export function deadlinePaused(overrides: Partial<DataOf<'hub.hotline.DeadlinePaused.v1'>> = {}) {
  return event('hub.hotline.DeadlinePaused.v1', {
    occurredAt: '2023-12-28T09:00:00+08:00',
    reason: '已转人民调解，调解期间暂停计时',
    ...overrides,
  });
}

export function deadlineResumed(overrides: Partial<DataOf<'hub.hotline.DeadlineResumed.v1'>> = {}) {
  return event('hub.hotline.DeadlineResumed.v1', {
    occurredAt: '2024-01-03T09:00:00+08:00',
    dueBy: '2024-01-19T23:59:59+08:00',
    ...overrides,
  });
}

export function reminderIssued(overrides: Partial<DataOf<'hub.hotline.ReminderIssued.v1'>> = {}) {
  return event('hub.hotline.ReminderIssued.v1', {
    occurredAt: '2024-01-10T09:00:00+08:00',
    to: 'judicial',
    note: '工单临近办理时限，请加快调解进度',
    ...overrides,
  });
}

export function supervisionOrdered(overrides: Partial<DataOf<'hub.hotline.SupervisionOrdered.v1'>> = {}) {
  return event('hub.hotline.SupervisionOrdered.v1', {
    occurredAt: '2024-01-11T09:00:00+08:00',
    to: 'governance',
    note: '业主多次来电，列入督办',
    respondBy: '2024-01-15T17:00:00+08:00',
    ...overrides,
  });
}

export function citizenReplied(overrides: Partial<DataOf<'hub.hotline.CitizenReplied.v1'>> = {}) {
  return event('hub.hotline.CitizenReplied.v1', {
    occurredAt: WATER_CARD_AT.replied,
    outcome: 'explained',
    content: '物业公司已先行为您的水卡充值；物业费问题已转崇文街道矛盾调解中心调解。',
    ...overrides,
  });
}

export function citizenRated(satisfaction: Satisfaction = 'satisfied', overrides: Partial<DataOf<'hub.hotline.CitizenRated.v1'>> = {}) {
  return event('hub.hotline.CitizenRated.v1', {
    occurredAt: WATER_CARD_AT.rated,
    satisfaction,
    ...overrides,
  });
}

// ---- petitions office ----

export function petitionRegistered(overrides: Partial<DataOf<'hub.petition.PetitionRegistered.v1'>> = {}) {
  const registeredAt = overrides.registeredAt ?? WATER_CARD_AT.petitionRegistered;
  return event('hub.petition.PetitionRegistered.v1', {
    petitionNo: WATER_CARD_PETITION,
    registeredAt,
    occurredAt: registeredAt,
    form: 'online',
    category: 'property',
    place: WENYUAN,
    summary: '反映物业公司拒绝水卡充值、物业费纠纷未解决',
    relatedTicketNo: WATER_CARD_TICKET,
    answerWithinDays: 60,
    dueBy: '2024-03-03T23:59:59+08:00',
    personal: { petitioner: LI_LONG, address: LI_LONG_ADDRESS },
    ...overrides,
  });
}

export function petitionAnswered(overrides: Partial<DataOf<'hub.petition.PetitionAnswered.v1'>> = {}) {
  return event('hub.petition.PetitionAnswered.v1', {
    occurredAt: '2024-02-22T10:00:00+08:00',
    petitionNo: WATER_CARD_PETITION,
    answer: '经街道调解，双方已签订调解协议并履行完毕。',
    ...overrides,
  });
}

// ---- governance centre ----

export function gridCheckReported(overrides: Partial<DataOf<'hub.governance.GridCheckReported.v1'>> = {}) {
  return event('hub.governance.GridCheckReported.v1', {
    occurredAt: '2023-12-26T15:00:00+08:00',
    checkNo: 'CW-WY-PC-20231226-07',
    gridWorker: WENYUAN_TEAM.gridWorker,
    category: 'property',
    place: WENYUAN,
    summary: '入户排查发现：业主拖欠物业费，物业公司拟停止水卡充值',
    riskLevel: 'medium',
    personal: { parties: [LI_LONG, PROPERTY_COMPANY], address: LI_LONG_ADDRESS },
    ...overrides,
  });
}

export function triaged(overrides: Partial<DataOf<'hub.governance.DisputeTriaged.v1'>> = {}) {
  return event('hub.governance.DisputeTriaged.v1', {
    occurredAt: WATER_CARD_AT.triaged,
    riskLevel: 'medium',
    category: 'property',
    note: '涉及生活用水，需先行处置',
    ...overrides,
  });
}

export function leadOfficeDesignated(overrides: Partial<DataOf<'hub.governance.LeadOfficeDesignated.v1'>> = {}) {
  return event('hub.governance.LeadOfficeDesignated.v1', {
    occurredAt: WATER_CARD_AT.leadDesignated,
    office: 'judicial',
    ...overrides,
  });
}

export function teamAssigned(overrides: Partial<DataOf<'hub.governance.TeamAssigned.v1'>> = {}) {
  return event('hub.governance.TeamAssigned.v1', {
    occurredAt: WATER_CARD_AT.teamAssigned,
    team: WENYUAN_TEAM,
    ...overrides,
  });
}

/** Escalations of the "331" walk: to tier 2 on 2024-01-10, to tier 3 on 2024-01-20. */
export function escalated(fromTier: Tier, toTier: Tier, overrides: Partial<DataOf<'hub.governance.DisputeEscalated.v1'>> = {}) {
  return event('hub.governance.DisputeEscalated.v1', {
    occurredAt: toTier === 3 ? '2024-01-20T09:00:00+08:00' : '2024-01-10T09:00:00+08:00',
    fromTier,
    toTier,
    handledBy: HANDLED_BY[toTier],
    reason: '本级调解未果',
    ...overrides,
  });
}

export function jointMediationConvened(overrides: Partial<DataOf<'hub.governance.JointMediationConvened.v1'>> = {}) {
  return event('hub.governance.JointMediationConvened.v1', {
    occurredAt: '2024-01-22T09:00:00+08:00',
    participants: ['police', 'judicial', 'governance', 'court'],
    venue: HANDLED_BY[3],
    ...overrides,
  });
}

export function reportLinked(primaryId: string, overrides: Partial<DataOf<'hub.governance.ReportLinked.v1'>> = {}) {
  return event('hub.governance.ReportLinked.v1', {
    occurredAt: '2024-01-03T11:00:00+08:00',
    primaryId,
    confirmedBy: '综治中心 孙伟',
    reason: '同一业主、同一小区、同一物业费纠纷',
    ...overrides,
  });
}

export function disputeClosed(overrides: Partial<DataOf<'hub.governance.DisputeClosed.v1'>> = {}) {
  return event('hub.governance.DisputeClosed.v1', {
    occurredAt: WATER_CARD_AT.closed,
    outcome: 'resolved',
    note: '调解协议已履行',
    ...overrides,
  });
}

export function disputeReopened(overrides: Partial<DataOf<'hub.governance.DisputeReopened.v1'>> = {}) {
  return event('hub.governance.DisputeReopened.v1', {
    occurredAt: '2024-04-02T09:00:00+08:00',
    reason: 'rebound',
    note: '物业公司再次停止水卡充值',
    ...overrides,
  });
}

// ---- judicial office ----

export function walkInRegistered(overrides: Partial<DataOf<'hub.judicial.WalkInRegistered.v1'>> = {}) {
  return event('hub.judicial.WalkInRegistered.v1', {
    occurredAt: '2023-12-27T09:00:00+08:00',
    registrationNo: 'CW-TJ-20231227-03',
    category: 'property',
    place: WENYUAN,
    summary: '业主到街道矛盾调解中心反映水卡无法充值',
    personal: { parties: [LI_LONG, PROPERTY_COMPANY], address: LI_LONG_ADDRESS },
    ...overrides,
  });
}

export function interimMeasureTaken(overrides: Partial<DataOf<'hub.judicial.InterimMeasureTaken.v2'>> = {}) {
  return event('hub.judicial.InterimMeasureTaken.v2', {
    kind: 'utility_restored',
    occurredAt: WATER_CARD_AT.interimMeasure,
    measure: '经调解员沟通，物业公司先行为业主水卡充值',
    ...overrides,
  });
}

export function mediationStarted(tier: Tier = 1, attempt = 1, overrides: Partial<DataOf<'hub.judicial.MediationStarted.v1'>> = {}) {
  return event('hub.judicial.MediationStarted.v1', {
    occurredAt: WATER_CARD_AT.mediationStarted,
    mediator: WENYUAN_TEAM.mediator,
    tier,
    attempt,
    ...overrides,
  });
}

export function mediationFailed(tier: Tier = 1, attempt = 1, overrides: Partial<DataOf<'hub.judicial.MediationFailed.v1'>> = {}) {
  return event('hub.judicial.MediationFailed.v1', {
    occurredAt: WATER_CARD_AT.mediationFailed,
    tier,
    attempt,
    reason: '业主对物业服务质量有异议，拒绝补缴物业费',
    ...overrides,
  });
}

export function agreementRecorded(overrides: Partial<DataOf<'hub.judicial.AgreementRecorded.v1'>> = {}) {
  return event('hub.judicial.AgreementRecorded.v1', {
    occurredAt: WATER_CARD_AT.agreementRecorded,
    agreementNo: WATER_CARD_AGREEMENT,
    terms: '李龙补缴2023年度物业费；物业公司保障水卡正常充值并整改小区保洁服务',
    fulfilBy: '2024-02-29T23:59:59+08:00',
    ...overrides,
  });
}

export function fulfilmentUrged(overrides: Partial<DataOf<'hub.judicial.FulfilmentUrged.v1'>> = {}) {
  return event('hub.judicial.FulfilmentUrged.v1', {
    occurredAt: '2024-02-26T10:00:00+08:00',
    note: '电话提醒李龙按协议期限缴纳物业费',
    ...overrides,
  });
}

export function agreementFulfilled(overrides: Partial<DataOf<'hub.judicial.AgreementFulfilled.v1'>> = {}) {
  return event('hub.judicial.AgreementFulfilled.v1', {
    occurredAt: WATER_CARD_AT.agreementFulfilled,
    note: '李龙已缴清物业费',
    ...overrides,
  });
}

export function agreementBreached(overrides: Partial<DataOf<'hub.judicial.AgreementBreached.v1'>> = {}) {
  return event('hub.judicial.AgreementBreached.v1', {
    occurredAt: '2024-03-01T10:00:00+08:00',
    note: '约定期限届满，物业费仍未缴纳',
    ...overrides,
  });
}

export function followUpVisited(
  satisfaction: Satisfaction = 'satisfied',
  rebound = false,
  overrides: Partial<DataOf<'hub.judicial.FollowUpVisited.v1'>> = {},
) {
  return event('hub.judicial.FollowUpVisited.v1', {
    occurredAt: WATER_CARD_AT.followUp,
    satisfaction,
    rebound,
    note: rebound ? '物业公司再次拒绝水卡充值' : '水卡充值正常，双方无新矛盾',
    ...overrides,
  });
}

export function referredToCourt(overrides: Partial<DataOf<'hub.judicial.ReferredToCourt.v1'>> = {}) {
  return event('hub.judicial.ReferredToCourt.v1', {
    occurredAt: '2024-03-05T10:00:00+08:00',
    court: '冠县人民法院崇文法庭',
    reason: '调解未果，引导当事人诉讼',
    ...overrides,
  });
}

// ---- histories of the seed case, stage by stage ----

/** 2023-12-27 09:30: 李龙 calls 12345. */
export function waterCardReported(): DisputeEvent[] {
  return [complaintReceived()];
}

export function waterCardTriaged(): DisputeEvent[] {
  return [...waterCardReported(), triaged()];
}

/** The lead office is named and the community's "1+3" team takes the dispute on at tier 1. */
export function waterCardAssigned(): DisputeEvent[] {
  return [...waterCardTriaged(), leadOfficeDesignated(), teamAssigned()];
}

/** The card is topped up first, the citizen told and satisfied, and the mediation on the fee begins. */
export function waterCardInMediation(): DisputeEvent[] {
  return [...waterCardAssigned(), interimMeasureTaken(), citizenReplied(), citizenRated(), mediationStarted(1, 1)];
}

/** 2024-02-20: the mediation agreement is signed. */
export function waterCardAgreed(): DisputeEvent[] {
  return [...waterCardInMediation(), agreementRecorded()];
}

/** The same day 李龙 pays the fee. */
export function waterCardFulfilled(): DisputeEvent[] {
  return [...waterCardAgreed(), agreementFulfilled()];
}

export function waterCardClosed(): DisputeEvent[] {
  return [...waterCardFulfilled(), disputeClosed()];
}

/** The whole case, in order, ending with a satisfied follow-up visit. */
export function waterCardHistory(): DisputeEvent[] {
  return [...waterCardClosed(), followUpVisited()];
}

/**
 * `count` failed attempts at `tier`, each started at 09:00 and failed at 17:00 on its own day in
 * January 2024: tier 1 on the 3rd, 5th and 7th, tier 2 on the 13th, 15th and 17th, tier 3 on the 23rd.
 */
export function failedAttempts(tier: Tier, count: number): DisputeEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String((tier - 1) * 10 + (i + 1) * 2 + 1).padStart(2, '0');
    return [
      mediationStarted(tier, i + 1, { occurredAt: `2024-01-${day}T09:00:00+08:00` }),
      mediationFailed(tier, i + 1, { occurredAt: `2024-01-${day}T17:00:00+08:00` }),
    ];
  }).flat();
}
