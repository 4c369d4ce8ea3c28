import { idNumberCheckCharacter, type Party, type Role } from '@yishi/domain';
import { type UnitDraft } from './unit-rows';

/** The demo community (SEED_DEMO): 学苑社区, estate 金泰和庄, as in the Jinxi county example. */
export const DEMO_COMMUNITY = { name: '学苑社区', street: '秀谷镇', district: '金溪县' } as const;
export const DEMO_ESTATE = '金泰和庄';
/** The property company (物业服务企业) each demo estate names; each estate its own. */
export const DEMO_PROPERTY_COMPANIES: Readonly<Record<string, string>> = {
  [DEMO_ESTATE]: '金溪县金泰物业服务有限公司',
};
/** Published in the README and printed at start: demo accounts only. */
export const DEMO_PASSWORD = 'yishi-demo';

const BUILDINGS = ['10号楼', '11号楼', '12号楼'];
const ENTRANCES = ['1单元', '2单元'];

/** 3 buildings × 2 entrances × 6 floors × 2 units = 72 units, 60 to 140 m², fixed (no randomness). */
export function demoUnits(): UnitDraft[] {
  const units: UnitDraft[] = [];
  BUILDINGS.forEach((building, b) =>
    ENTRANCES.forEach((entrance, e) => {
      for (let floor = 1; floor <= 6; floor++)
        for (let n = 1; n <= 2; n++) {
          const i = units.length;
          // Spread over 60.00 .. 140.00 m² with varied hundredths.
          const areaHundredths = 6000 + ((i * 3779 + b * 1013 + e * 517) % 8001);
          units.push({
            estate: DEMO_ESTATE,
            building,
            entrance,
            room: `${floor}0${n}`,
            areaHundredths,
          });
        }
    }),
  );
  return units;
}

/** The owner account of a demo unit: `yezhu-12-2-301` owns 12号楼 2单元 301. */
export function demoOwnerUsername(unit: UnitDraft): string {
  return `yezhu-${parseInt(unit.building, 10)}-${parseInt(unit.entrance, 10)}-${unit.room}`;
}

/**
 * The demo owner of the i-th demo unit's certificate and ID numbers (made up, with a valid check
 * character; 361027 is Jinxi county's area code). First start records them, hashed, and binds the
 * owner's account, so the demo's owners can vote at once (实名绑定).
 */
export function demoOwnerIdentity(i: number): { certificateNumber: string; idNumber: string } {
  const first17 = `36102719${String(70 + (i % 30)).padStart(2, '0')}0101${String(i).padStart(3, '0')}`;
  return {
    certificateNumber: `赣(2020)金溪县不动产权第${String(1_000 + i).padStart(7, '0')}号`,
    idNumber: first17 + idNumberCheckCharacter(first17),
  };
}

export interface DemoMember {
  readonly username: string;
  readonly displayName: string;
  readonly roles: Role[];
  readonly party?: Party;
}

export const DEMO_MEMBERS: readonly DemoMember[] = [
  { username: 'shuji', displayName: '王书记', roles: ['secretary'] },
  {
    username: 'dangwei',
    displayName: '李委员（社区党组织）',
    roles: ['party-member'],
    party: 'party-organisation',
  },
  {
    username: 'yeweihui',
    displayName: '赵主任（业委会）',
    roles: ['party-member'],
    party: 'owners-committee',
  },
  {
    username: 'wuye',
    displayName: '钱经理（物业）',
    roles: ['party-member'],
    party: 'property-company',
  },
  {
    username: 'jumindaibiao',
    displayName: '孙代表（居民代表）',
    roles: ['party-member'],
    party: 'resident-representatives',
  },
  {
    username: 'gongjian',
    displayName: '周科长（共建单位）',
    roles: ['party-member'],
    party: 'partner-units',
  },
  { username: 'wanggeyuan', displayName: '吴网格员', roles: ['grid-worker'] },
  { username: 'loudongzhang', displayName: '郑楼栋长', roles: ['building-lead'] },
  { username: 'jiedao', displayName: '冯干事（街道）', roles: ['street-officer'] },
];

/** The demo community's street (街道): jiedao is its officer (a member of its office, 街道办). */
export const DEMO_STREET = { name: '秀谷镇', district: '金溪县' } as const;
export const DEMO_STREET_OFFICER = 'jiedao';

export interface DemoDepartment {
  readonly name: string;
  readonly dispatcher: { readonly username: string; readonly displayName: string };
  readonly staff: { readonly username: string; readonly displayName: string };
}

/** The demo street's departments, each with a dispatcher (调度员) and a staff member (工作人员). */
export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  {
    name: '城管执法中队',
    dispatcher: { username: 'chengguan', displayName: '陈队长（城管）' },
    staff: { username: 'chengguan2', displayName: '杨队员（城管）' },
  },
  {
    name: '住建所',
    dispatcher: { username: 'zhujian', displayName: '刘所长（住建）' },
    staff: { username: 'zhujian2', displayName: '许技术员（住建）' },
  },
  {
    name: '市场监管所',
    dispatcher: { username: 'shichang', displayName: '蒋所长（市场监管）' },
    staff: { username: 'shichang2', displayName: '韩科员（市场监管）' },
  },
  {
    name: '派出所',
    dispatcher: { username: 'paichusuo', displayName: '曹所长（派出所）' },
    staff: { username: 'paichusuo2', displayName: '彭民警（派出所）' },
  },
  {
    name: '供水公司',
    dispatcher: { username: 'gongshui', displayName: '邓经理（供水）' },
    staff: { username: 'gongshui2', displayName: '谢师傅（供水）' },
  },
  {
    name: '供电所',
    dispatcher: { username: 'gongdian', displayName: '袁所长（供电）' },
    staff: { username: 'gongdian2', displayName: '潘电工（供电）' },
  },
];

/** The building the demo building lead (loudongzhang) serves: its paper ballots are theirs. */
export const DEMO_LEAD_BUILDING = '12号楼';

/** The demo case opened at first start (the drain of building 12, entrance 2). */
export const DEMO_CASE = {
  title: '12号楼2单元下水道反复堵塞',
  description:
    '12号楼2单元下水道因施工缺陷反复堵塞，一楼住户多次返水。涉及物业、共建单位等多方，提请五方议事厅会商解决。',
  category: '设施维修',
  demand: '下水道又堵了，家里卫生间返水，希望尽快彻底解决。',
  ownerUsername: 'yezhu-12-2-101',
} as const;

/** The demo case's id, derived from the community's, so first start finds it again after a crash. */
export function demoCaseId(communityId: string): string {
  // A UUID (version 8 layout: custom) from the community id with the last group replaced.
  return `${communityId.slice(0, 24)}de0ca5e00001`;
}

/**
 * The ids of the demo's cases at later points of the flow (1 analysis, 2 deliberation, 3 follow-up,
 * 4 closed): fixed like the drain case's, so a start after a crash finds those already seeded.
 */
export function demoFlowCaseId(communityId: string, n: number): string {
  return `${communityId.slice(0, 24)}de0ca5e1${String(n).padStart(4, '0')}`;
}
