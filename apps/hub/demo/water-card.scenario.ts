// The seed's case, step by step through the public HTTP API: in Chongwen street (崇文街道) a
// property company refused to top up owner Li Long's (李龙) water card over an unpaid property
// fee; the mediators had the card topped up first, then mediated the fee; an agreement was signed
// on 2024-02-20, fulfilled, followed up, and the dispute closed.

export interface Step {
  title: string;
  method: 'POST';
  path: (disputeId: string) => string;
  body: Record<string, unknown>;
}

export const WATER_CARD_TICKET = 'GX12345-20231227-0042';

export const waterCardComplaint = {
  ticketNo: WATER_CARD_TICKET,
  receivedAt: '2023-12-27T09:30:00+08:00',
  channel: 'phone',
  kind: 'complaint',
  category: 'property',
  caller: { name: '李龙', phone: '13800000000' },
  place: { district: '冠县', street: '崇文街道', community: '文苑社区', address: '3号楼2单元' },
  summary: '物业公司以未缴物业费为由拒绝充值水卡',
  details: '业主反映物业公司因其未缴纳物业费，拒绝为其水卡充值，家中已停水。',
};

const on = (office: string, action: string) => (id: string) => `/v1/${office}/disputes/${id}/${action}`;

export const waterCardSteps: Step[] = [
  {
    title: '综治中心 triages the complaint',
    method: 'POST',
    path: on('governance', 'triage'),
    body: { at: '2023-12-27T10:15:00+08:00', riskLevel: 'medium', category: 'property', note: '涉及基本生活用水，需尽快处置' },
  },
  {
    title: 'the mediation centre is made the lead office',
    method: 'POST',
    path: on('governance', 'lead-office'),
    body: { at: '2023-12-27T10:20:00+08:00', office: 'judicial' },
  },
  {
    title: 'a "1+3" team takes it on',
    method: 'POST',
    path: on('governance', 'team'),
    body: {
      at: '2023-12-27T10:30:00+08:00',
      team: { gridWorker: '王网格', legalAdviser: '赵律师', ruleOfLawLeader: '孙带头人', mediator: '周调解员' },
    },
  },
  {
    title: 'interim measure: the water card is topped up first',
    method: 'POST',
    path: on('judicial', 'interim-measures'),
    body: { at: '2023-12-27T15:00:00+08:00', kind: 'utility_restored', measure: '与物业公司沟通，先行为业主水卡充值，恢复供水' },
  },
  {
    title: 'mediation on the unpaid property fee starts',
    method: 'POST',
    path: on('judicial', 'mediations'),
    body: { at: '2023-12-28T09:00:00+08:00', mediator: '周调解员' },
  },
  {
    title: 'the hotline approves a longer deadline while mediation runs',
    method: 'POST',
    path: on('hotline', 'deadline-extensions'),
    body: { at: '2024-01-12T16:00:00+08:00', extraWorkingDays: 30, reason: '调解周期较长', approvedBy: '热线办审核岗' },
  },
  {
    title: 'the parties sign a mediation agreement',
    method: 'POST',
    path: on('judicial', 'agreements'),
    body: {
      at: '2024-02-20T10:00:00+08:00',
      agreementNo: 'CWTJ-2024-007',
      terms: '业主补缴物业费；物业公司保障正常充值服务',
      fulfilBy: '2024-02-29T23:59:59+08:00',
    },
  },
  {
    title: 'Li Long pays the fee: the agreement is fulfilled',
    method: 'POST',
    path: on('judicial', 'fulfilments'),
    body: { at: '2024-02-20T16:00:00+08:00', note: '业主已缴清物业费' },
  },
  {
    title: 'follow-up visit: satisfied, no rebound',
    method: 'POST',
    path: on('judicial', 'follow-ups'),
    body: { at: '2024-03-05T10:00:00+08:00', satisfaction: 'satisfied', rebound: false, note: '双方关系正常，水卡充值正常' },
  },
  {
    title: 'the dispute is closed as resolved',
    method: 'POST',
    path: on('governance', 'closure'),
    body: { at: '2024-03-05T11:00:00+08:00', outcome: 'resolved', note: '化解在萌芽状态' },
  },
  {
    title: 'the hotline tells the citizen the outcome',
    method: 'POST',
    path: on('hotline', 'replies'),
    body: { at: '2024-03-06T09:00:00+08:00', outcome: 'resolved', content: '您反映的水卡充值问题已调解解决' },
  },
  {
    title: 'the citizen rates the handling',
    method: 'POST',
    path: on('hotline', 'ratings'),
    body: { at: '2024-03-06T09:30:00+08:00', satisfaction: 'satisfied' },
  },
];
