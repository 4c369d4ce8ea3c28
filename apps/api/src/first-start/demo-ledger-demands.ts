/**
 * The demo ledger's demands (demo-ledger.ts seeds them): what each is, where it ends, how long
 * before the seed it came in, and the pace of its steps; and the grids' admission list.
 */
import { type DemandCategory, type LedgerSource, type Rating } from '@yishi/domain';

/** Both grids admit the same categories; noise, parking and the like go to the secretary. */
export const ADMISSION_LIST: readonly DemandCategory[] = [
  'public-facilities',
  'environment-sanitation',
  'property-service',
  'safety-hazard',
];

/** Where a seeded demand ends: a status, or how it was answered. */
export type End =
  | 'received'
  | 'accepted'
  | 'assigned'
  | 'refused'
  | 'resolved'
  | 'satisfied'
  | 'basically-satisfied'
  | 'reopened'
  | 'withdrawn'
  | 'merged'
  | 'in-case';

/**
 * Who submits: `online` the unit's owner (or its tenant), `door-to-door` the grid worker for an
 * elderly resident, `hotline` the secretary from a 12345 call, `grid-patrol` the grid worker on a
 * round (a building, no unit), `lead` the unit or neighbour lead.
 */
export interface DemandSpec {
  readonly source: LedgerSource | 'tenant';
  /** `building-entrance-room`, e.g. `12-2-301`. */
  readonly unit: string;
  readonly category: DemandCategory;
  readonly content: string;
  readonly end: End;
  /** For `merged`: the index of the demand it duplicates. */
  readonly into?: number;
  /** For `door-to-door`: the resident it is written down for. */
  readonly resident?: string;
  /** Days before the seed it was received. */
  readonly daysAgo: number;
  /** `late-accept`: signed 30 hours after receipt (past the 24); `slow`: resolved after 12 days. */
  readonly pace?: 'late-accept' | 'slow';
}

export const HOUR = 3_600_000;

/** When each step of a demand happened, in ms, from its receipt and pace. */
export function stepTimes(spec: DemandSpec, receivedMs: number) {
  const accepted = receivedMs + (spec.pace === 'late-accept' ? 30 : 1.5) * HOUR;
  const assigned = accepted + HOUR;
  const resolved = spec.pace === 'slow' ? receivedMs + 12 * 24 * HOUR : assigned + 20 * HOUR;
  return {
    accepted,
    assigned,
    resolved,
    answered: resolved + 8 * HOUR,
    merged: receivedMs + HOUR,
    refused: receivedMs + 3 * HOUR,
    withdrawn: receivedMs + 4 * HOUR,
  };
}

export const DEMANDS: readonly DemandSpec[] = [
  {
    source: 'online',
    unit: '10-1-101',
    category: 'public-facilities',
    content: '10号楼门口路灯不亮，晚上回家看不清路。',
    daysAgo: 0.25,
    end: 'received',
  },
  {
    source: 'online',
    unit: '12-1-502',
    category: 'environment-sanitation',
    content: '12号楼1单元楼道堆满纸箱和旧家具，影响通行也有火灾隐患。',
    daysAgo: 0.5,
    end: 'received',
  },
  {
    source: 'hotline',
    unit: '11-2-302',
    category: 'property-service',
    content: '12345来电：11号楼2单元电梯运行时有异响，住户担心安全。',
    daysAgo: 0.7,
    end: 'received',
  },
  {
    source: 'lead',
    unit: '12-2-402',
    category: 'public-facilities',
    content: '单元长反映：12号楼2单元一楼信报箱门锁损坏，多户信件丢失。',
    daysAgo: 0.4,
    end: 'received',
  },
  {
    source: 'online',
    unit: '10-2-302',
    category: 'environment-sanitation',
    content: '10号楼北侧垃圾桶满了没人清运，气味很大。',
    daysAgo: 2.2,
    end: 'accepted',
  },
  {
    source: 'grid-patrol',
    unit: '11',
    category: 'safety-hazard',
    content: '巡查发现11号楼消防通道被私家车占用。',
    daysAgo: 1.3,
    end: 'accepted',
  },
  {
    source: 'door-to-door',
    unit: '10-1-202',
    category: 'elderly-disabled-care',
    content: '独居老人腿脚不便，希望社区帮助申请助行器。',
    daysAgo: 3.1,
    end: 'accepted',
    resident: '刘奶奶',
  },
  {
    source: 'online',
    unit: '11-1-401',
    category: 'public-facilities',
    content: '11号楼1单元4楼楼道声控灯坏了。',
    daysAgo: 2.5,
    end: 'assigned',
  },
  {
    source: 'online',
    unit: '12-2-201',
    category: 'public-facilities',
    content: '12号楼2单元下水道堵塞，一楼卫生间返水。',
    daysAgo: 3.6,
    end: 'assigned',
  },
  {
    source: 'hotline',
    unit: '10-2-501',
    category: 'property-service',
    content: '12345来电：10号楼2单元顶楼屋面漏水，物业迟迟未修。',
    daysAgo: 1.8,
    end: 'assigned',
  },
  {
    source: 'lead',
    unit: '11-1-102',
    category: 'environment-sanitation',
    content: '邻长反映：11号楼1单元门前化粪池井盖松动，气味外溢。',
    daysAgo: 4.0,
    end: 'assigned',
  },
  {
    source: 'online',
    unit: '11-2-601',
    category: 'noise',
    content: '楼上装修每天早上七点就开始电钻，噪音扰民。',
    daysAgo: 1.2,
    end: 'refused',
  },
  {
    source: 'online',
    unit: '10-1-401',
    category: 'parking',
    content: '小区晚上车位不够，外来车辆随意停放。',
    daysAgo: 2.8,
    end: 'refused',
  },
  {
    source: 'grid-patrol',
    unit: '12',
    category: 'neighbour-dispute',
    content: '巡查时12号楼两户因楼道占用发生争执，需要调解。',
    daysAgo: 4.5,
    end: 'refused',
  },
  {
    source: 'online',
    unit: '10-2-102',
    category: 'public-facilities',
    content: '10号楼2单元单元门禁坏了，门一直关不上。',
    daysAgo: 1.6,
    end: 'resolved',
  },
  {
    source: 'online',
    unit: '12-1-301',
    category: 'property-service',
    content: '12号楼电梯按钮失灵，经常停错楼层。',
    daysAgo: 1.1,
    end: 'resolved',
  },
  {
    source: 'door-to-door',
    unit: '11-2-101',
    category: 'safety-hazard',
    content: '老人反映一楼窗外防盗网锈蚀松动，担心掉落伤人。',
    daysAgo: 2.0,
    end: 'resolved',
    resident: '陈爷爷',
  },
  {
    source: 'online',
    unit: '10-1-502',
    category: 'public-facilities',
    content: '10号楼1单元楼道扶手松动。',
    daysAgo: 6.3,
    end: 'satisfied',
  },
  {
    source: 'online',
    unit: '11-1-602',
    category: 'environment-sanitation',
    content: '11号楼楼顶堆放建筑垃圾，下雨堵住排水口。',
    daysAgo: 9.5,
    end: 'satisfied',
  },
  {
    source: 'online',
    unit: '12-2-601',
    category: 'property-service',
    content: '12号楼2单元电梯异响，晚上声音特别大。',
    daysAgo: 12.4,
    end: 'satisfied',
  },
  {
    source: 'online',
    unit: '10-2-401',
    category: 'safety-hazard',
    content: '10号楼2单元楼道灭火器过期了。',
    daysAgo: 16.2,
    pace: 'late-accept',
    end: 'satisfied',
  },
  {
    source: 'hotline',
    unit: '12-1-101',
    category: 'environment-sanitation',
    content: '12345来电：12号楼前绿化带下水道堵塞，积水发臭。',
    daysAgo: 20.6,
    pace: 'slow',
    end: 'satisfied',
  },
  {
    source: 'online',
    unit: '11-2-502',
    category: 'public-facilities',
    content: '11号楼2单元楼下健身器材坏了，孩子玩耍有危险。',
    daysAgo: 8.3,
    end: 'basically-satisfied',
  },
  {
    source: 'online',
    unit: '12-1-402',
    category: 'environment-sanitation',
    content: '12号楼1单元楼道堆物又多了，电动车也推进来了。',
    daysAgo: 14.7,
    pace: 'late-accept',
    end: 'basically-satisfied',
  },
  {
    source: 'online',
    unit: '10-1-302',
    category: 'property-service',
    content: '10号楼1单元水压太低，6楼早晚几乎没水。',
    daysAgo: 25.1,
    pace: 'slow',
    end: 'basically-satisfied',
  },
  {
    source: 'online',
    unit: '12-2-302',
    category: 'public-facilities',
    content: '12号楼2单元楼道窗户玻璃碎了，冬天漏风。',
    daysAgo: 3.4,
    end: 'reopened',
  },
  {
    source: 'online',
    unit: '10-2-201',
    category: 'environment-sanitation',
    content: '10号楼2单元地下室积水，蚊虫很多。',
    daysAgo: 5.2,
    end: 'reopened',
  },
  {
    source: 'tenant',
    unit: '11-1-201',
    category: 'property-service',
    content: '租住的11号楼1单元201卫生间下水道堵塞，请物业疏通。',
    daysAgo: 11.8,
    end: 'satisfied',
  },
  {
    source: 'online',
    unit: '11-1-301',
    category: 'public-facilities',
    content: '11号楼1单元门口路灯不亮。',
    daysAgo: 5.6,
    end: 'withdrawn',
  },
  {
    source: 'online',
    unit: '12-1-201',
    category: 'property-service',
    content: '12号楼1单元电梯停运，已经修好了，撤回。',
    daysAgo: 18.3,
    end: 'withdrawn',
  },
  {
    source: 'online',
    unit: '10-1-102',
    category: 'public-facilities',
    content: '10号楼门口的路灯也坏了，和邻居反映的是同一盏。',
    daysAgo: 0.15,
    end: 'merged',
    into: 0,
  },
  {
    source: 'online',
    unit: '12-1-601',
    category: 'environment-sanitation',
    content: '12号楼1单元楼道里的纸箱堆到了三楼。',
    daysAgo: 0.3,
    end: 'merged',
    into: 1,
  },
  {
    source: 'online',
    unit: '12-2-102',
    category: 'public-facilities',
    content: '12号楼2单元下水道又堵了，一楼已经返水好几次。',
    daysAgo: 2.7,
    end: 'in-case',
  },
  {
    source: 'lead',
    unit: '12-2-502',
    category: 'public-facilities',
    content: '单元长汇总：12号楼2单元多户反映下水道返臭返水。',
    daysAgo: 1.9,
    end: 'in-case',
  },
  {
    source: 'door-to-door',
    unit: '12-2-101',
    category: 'elderly-disabled-care',
    content: '高龄老人行动不便，希望加装楼道座椅，上楼中途能歇脚。',
    daysAgo: 0.6,
    end: 'received',
    resident: '王奶奶',
  },
  {
    source: 'hotline',
    unit: '11-1-501',
    category: 'noise',
    content: '12345来电：夜间广场舞音响声音太大，噪音扰民。',
    daysAgo: 0.9,
    end: 'refused',
  },
];

export const RATINGS: Partial<Record<End, Rating>> = {
  satisfied: 'satisfied',
  'basically-satisfied': 'basically-satisfied',
  reopened: 'dissatisfied',
};
