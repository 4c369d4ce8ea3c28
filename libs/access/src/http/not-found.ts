/** What a route's id names, as people call it (`caseId` → 议题). */
const NOUNS: Readonly<Record<string, string>> = {
  community: '社区',
  estate: '小区',
  case: '议题',
  resolution: '表决事项',
  task: '任务',
  unit: '房屋',
  user: '用户',
  binding: '绑定记录',
  request: '申请',
  proxy: '委托',
  objection: '异议',
  notification: '通知',
  webhook: '订阅',
  membership: '成员',
  grid: '网格',
  demand: '诉求',
  upload: '照片',
  street: '街道',
  department: '部门',
  whistle: '吹哨',
  photo: '照片',
  meeting: '议事会',
};

/** "找不到该议题" for the param `caseId`: the message of a 404 for an unknown or malformed id. */
export function notFoundMessage(param: string): string {
  return `找不到该${NOUNS[param.replace(/Id$/, '')] ?? '内容'}，可能已被删除或链接有误`;
}
