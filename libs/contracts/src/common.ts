// Vocabulary shared by every office's events: offices, categories, places, tiers, ratings.

export const OFFICES = ['hotline', 'petition', 'governance', 'judicial'] as const;
export type Office = (typeof OFFICES)[number];

export const CATEGORIES = ['property', 'neighbour', 'family', 'labour', 'land', 'consumer', 'traffic', 'other'] as const;
/** 物业, 邻里, 婚姻家庭, 劳动(欠薪), 土地房屋, 消费, 交通, 其他 */
export type Category = (typeof CATEGORIES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** 1: grid "1+3" team, 2: specialist mediation team, 3: joint mediation at the centre. */
export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** 满意, 基本满意, 不满意 */
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const JOINT_PARTICIPANTS = ['police', 'judicial', 'governance', 'court', 'petition', 'hotline'] as const;
export type JointParticipant = (typeof JOINT_PARTICIPANTS)[number];

/** Where a dispute happens. The street address is personal data and lives in `personal`. */
export interface Place {
  /** County or district, e.g. 冠县 */
  district: string;
  /** Street or town, e.g. 崇文街道 */
  street: string;
  /** Community or residential compound, e.g. 文苑社区 */
  community: string;
}

/** A citizen: personal information under PIPL; only ever inside an event's `personal` part. */
export interface Person {
  name: string;
  phone?: string;
  idNumber?: string;
}

/** The part of an event that names citizens: kept apart so it can be masked, encrypted and erased. */
export interface PartiesPersonal {
  parties: Person[];
  /** Street address, e.g. 3号楼2单元 */
  address?: string;
}

/**
 * ISO-8601 date-time with offset, e.g. 2023-12-27T09:30:00+08:00
 * @format date-time
 */
export type IsoDateTime = string;

/** Every event records when it happened in the world (business time) as `occurredAt`. */
export interface Occurred {
  occurredAt: IsoDateTime;
}
