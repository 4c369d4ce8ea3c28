import {
  type DemandSource,
  type Mechanism,
  type Outcome,
  type Party,
  type Rating,
  type Stage,
} from './types';

/** The names people use; a Record keeps each list complete when a union grows. */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  gathering: '了解诉求',
  analysis: '分析研判',
  deliberation: '议事会商',
  'follow-up': '落实问效',
};

export const PARTY_LABELS: Readonly<Record<Party, string>> = {
  'party-organisation': '社区党组织',
  'owners-committee': '业主委员会',
  'property-company': '物业服务企业',
  'resident-representatives': '居民代表',
  'partner-units': '共建单位',
};

export const MECHANISM_LABELS: Readonly<Record<Mechanism, string>> = {
  'five-party-hall': '五方议事厅',
  'neighbourhood-consultation': '邻里会商',
};

export const DEMAND_SOURCE_LABELS: Readonly<Record<DemandSource, string>> = {
  online: '线上提交',
  'door-to-door': '入户倾听',
  hotline: '热线',
  'grid-patrol': '网格巡查',
};

export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  resolved: '已办结',
  unresolved: '未解决',
  withdrawn: '已撤回',
  unevaluated: '已办结（无人评价）',
};
