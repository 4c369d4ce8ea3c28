/**
 * Open311 GeoReport v2 over the demands ledger (docs/demands.md, "Open311"): the services (the
 * ledger's categories), a demand as a GeoReport request (open or closed, with notes in Chinese),
 * and the reading of the GET filters. Pure: no database, no HTTP.
 */
import {
  DEMAND_CATEGORIES,
  DEMAND_CATEGORY_LABELS,
  DEMAND_CLOSE_CAUSE_LABELS,
  formatChineseTime,
  formatShanghaiInstant,
  NotFoundError,
  PARTY_LABELS,
  parseInstant,
  RATING_LABELS,
  ValidationError,
  type DemandCategory,
  type DemandStatus,
  type LedgerDemand,
} from '@yishi/domain';
import { HOTLINE_CATEGORY_KEYWORDS } from '@yishi/registry';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const OPEN311_CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a path's extension asks for (`.json`, `.xml`, any case); 404 otherwise. */
export function parseFormat(extension: string): Open311Format {
  const format = extension.toLowerCase();
  if ((OPEN311_FORMATS as readonly string[]).includes(format)) return format as Open311Format;
  throw new NotFoundError('不支持这种格式，请在地址末尾用 .json 或 .xml', { format: extension });
}

/** The format of a path's last segment (`requests.xml`), JSON when it names none we serve. */
export function formatOfPath(path: string): Open311Format {
  const extension = /\.([a-z]+)$/i.exec(path.split('?')[0] ?? '')?.[1]?.toLowerCase();
  return extension === 'xml' ? 'xml' : 'json';
}

/** One entry of GET services: a category of the ledger. */
export interface Open311Service {
  readonly service_code: DemandCategory;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

/** The groups the services are listed under (the spec's `group`). */
const SERVICE_GROUPS: Readonly<Record<DemandCategory, string>> = {
  'public-facilities': '设施环境',
  'environment-sanitation': '设施环境',
  greening: '设施环境',
  utilities: '设施环境',
  parking: '设施环境',
  'property-service': '物业安全',
  'safety-hazard': '物业安全',
  'illegal-construction': '物业安全',
  'neighbour-dispute': '邻里关爱',
  noise: '邻里关爱',
  'elderly-disabled-care': '邻里关爱',
  other: '其他',
};

const SERVICE_DESCRIPTIONS: Readonly<Record<DemandCategory, string>> = {
  'public-facilities': '路灯、楼道灯、健身器材、座椅、井盖等公共设施损坏或缺失。',
  'environment-sanitation': '垃圾堆放、清运不及时、楼道杂物、卫生死角等环境卫生问题。',
  'property-service': '物业服务不到位，如保洁、维修、门禁、电梯等。',
  'safety-hazard': '消防通道堵塞、电动车违规充电、高空坠物等安全隐患。',
  'neighbour-dispute': '邻里之间的矛盾纠纷，需要调解。',
  'elderly-disabled-care': '老年人、残疾人的生活照料、助餐、助浴等需求。',
  parking: '乱停乱放、车位紧张、占用消防通道停车等停车问题。',
  greening: '树木修剪、绿地破坏、草坪养护等绿化问题。',
  utilities: '停水、停电、燃气、供暖、漏水等水电气暖问题。',
  'illegal-construction': '私搭乱建、违章建筑、占用公共空间。',
  noise: '装修、广场舞、商铺等噪音扰民。',
  other: '不属于以上类别的其他诉求。',
};

/** The hotline's category words (libs/registry) as each service's keywords, with its label first. */
function keywordsOf(category: DemandCategory): string {
  const words = HOTLINE_CATEGORY_KEYWORDS.find(([c]) => c === category)?.[1] ?? [];
  return [DEMAND_CATEGORY_LABELS[category], ...words].join(', ');
}

/** GET services: every category of the ledger, realtime (the number is given at once), no metadata. */
export const OPEN311_SERVICES: readonly Open311Service[] = DEMAND_CATEGORIES.map((code) => ({
  service_code: code,
  service_name: DEMAND_CATEGORY_LABELS[code],
  description: SERVICE_DESCRIPTIONS[code],
  metadata: false,
  type: 'realtime',
  keywords: keywordsOf(code),
  group: SERVICE_GROUPS[code],
}));

export const isServiceCode = (code: string): code is DemandCategory =>
  (DEMAND_CATEGORIES as readonly string[]).includes(code);

/** A time as GeoReport writes it (W3C, whole seconds) in China Standard Time: `…T09:30:00+08:00`. */
export function w3Time(iso: string): string {
  const local = formatShanghaiInstant(Date.parse(iso));
  return `${local.slice(0, 19)}+08:00`;
}

/** Finished demands are `closed`; every other status, a case's included, is still `open`. */
export function open311Status(status: DemandStatus): 'open' | 'closed' {
  switch (status) {
    case 'closed':
    case 'withdrawn':
    case 'merged':
      return 'closed';
    case 'received':
    case 'accepted':
    case 'assigned':
    case 'refused':
    case 'resolved':
    case 'in-case':
      return 'open';
  }
}

/** Why the request is where it is, in Chinese (the spec's `status_notes`). */
export function statusNotes(d: LedgerDemand): string {
  switch (d.status) {
    case 'received':
      return d.gridId === null ? '已受理，等待社区签收' : '已受理，等待网格员签收';
    case 'accepted':
      return '已签收，正在安排办理';
    case 'assigned':
      return d.reopenings > 0 ? '提交人对办理结果不满意，已重新办理' : '办理中';
    case 'refused':
      return '不在网格准入清单内，已转社区统筹办理';
    case 'resolved':
      return '已办结，等待提交人评价';
    case 'in-case':
      return '已转入议事协商（五方议事厅或邻里会商）办理';
    case 'withdrawn':
      return '提交人已撤回';
    case 'merged':
      return '已与反映同一问题的诉求合并办理';
    case 'closed': {
      const rating = d.confirmations.at(-1)?.rating;
      const cause = d.closure?.cause ?? 'confirmation';
      if (cause === 'confirmation' && rating !== undefined)
        return `已销号，提交人评价：${RATING_LABELS[rating]}`;
      return DEMAND_CLOSE_CAUSE_LABELS[cause];
    }
  }
}

/** Who handles it: the party it was given to, else its grid, else the community (the secretary). */
export function agencyResponsible(d: LedgerDemand, gridNames: ReadonlyMap<string, string>): string {
  const party = d.assignment?.party ?? null;
  if (party !== null) return PARTY_LABELS[party];
  const grid = d.gridId === null ? undefined : gridNames.get(d.gridId);
  return grid ?? PARTY_LABELS['party-organisation'];
}

/** What to expect, in Chinese (the spec's `service_notice`); nothing once it is finished. */
export function serviceNotice(d: LedgerDemand, dueAt: string): string | null {
  if (open311Status(d.status) === 'closed') return null;
  if (d.status === 'received')
    return `诉求编号 ${d.number}，将于 ${formatChineseTime(d.acceptDueAt)} 前签收、${formatChineseTime(dueAt)} 前办结`;
  return `诉求编号 ${d.number}，办结时限 ${formatChineseTime(dueAt)}`;
}

/** A request of GET requests, every field of the spec present (null where it has no value). */
export interface Open311Request {
  readonly service_request_id: string;
  readonly status: 'open' | 'closed';
  readonly status_notes: string | null;
  readonly service_name: string;
  readonly service_code: string;
  readonly description: string | null;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
  readonly address: string | null;
  readonly address_id: string | null;
  readonly zipcode: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly media_url: string | null;
}

/** What the public GETs read of a demand submitted through Open311. */
export interface PublicDemand {
  readonly state: LedgerDemand;
  /** The ledger's deadline (ours, or a hotline's earlier one). */
  readonly dueAt: string;
  /** The time of its last step. */
  readonly updatedAt: string;
  readonly description: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly addressString: string | null;
  readonly mediaUrl: string | null;
}

/**
 * A demand as a GeoReport request. Never its submitter's name, phone or e-mail, nor its unit (the
 * address stops at the building): only what the submitter gave the 311 app to publish.
 */
export function open311Request(
  p: PublicDemand,
  gridNames: ReadonlyMap<string, string>,
): Open311Request {
  const d = p.state;
  const place = d.place === null ? null : `${d.place.estate}${d.place.building ?? ''}`;
  return {
    service_request_id: d.number,
    status: open311Status(d.status),
    status_notes: statusNotes(d),
    service_name: DEMAND_CATEGORY_LABELS[d.category],
    service_code: d.category,
    description: p.description,
    agency_responsible: agencyResponsible(d, gridNames),
    service_notice: serviceNotice(d, p.dueAt),
    requested_datetime: w3Time(d.receivedAt),
    updated_datetime: w3Time(p.updatedAt),
    expected_datetime: w3Time(p.dueAt),
    address: place ?? p.addressString,
    address_id: null,
    zipcode: null,
    lat: p.lat,
    long: p.long,
    media_url: p.mediaUrl,
  };
}

/** The spec's default window and the widest one a query may ask for. */
export const WINDOW_DAYS = 90;
const WINDOW_MS = WINDOW_DAYS * 86_400_000;
/** At most this many requests in one answer (the spec's "first 1000 requests"). */
export const MAX_REQUESTS = 1000;

/** GET requests' filters, as read from the query. */
export interface RequestsFilter {
  /** Numbers (`XY-20261207-0001`) or ids; when given, every other filter is ignored. */
  readonly ids: readonly string[] | null;
  readonly serviceCodes: readonly DemandCategory[] | null;
  readonly statuses: readonly ('open' | 'closed')[] | null;
  /** Received at or after `from`, before `to` (ISO instants). */
  readonly from: string;
  readonly to: string;
}

/** A query parameter as one string: repeated ones joined with commas, blank ones absent. */
export function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  const text = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === 'string').join(',')
    : typeof raw === 'string'
      ? raw
      : undefined;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

const list = (text: string | undefined): string[] | null => {
  if (text === undefined) return null;
  const items = [...new Set(text.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  return items.length === 0 ? null : items;
};

const W3_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A W3C date-time with its offset (`2026-12-01T00:00:00Z`, `…+08:00`) as epoch ms. A bare date
 * (`2026-12-01`) is that day in China Standard Time: its start, or for an end date its end.
 * Undefined for anything else (a time without its offset is ambiguous by eight hours).
 */
function w3Instant(text: string, end: boolean): number | undefined {
  try {
    if (!W3_DATE.test(text)) return parseInstant(text);
    const start = parseInstant(`${text}T00:00:00+08:00`);
    return end ? start + 86_400_000 : start;
  } catch {
    return undefined;
  }
}

/**
 * The filters of GET requests (the spec's names; repeated or comma-separated values), the window
 * defaulting to the last 90 days and never wider: one date alone spans 90 days from it.
 */
export function parseRequestsFilter(query: Record<string, unknown>, now: number): RequestsFilter {
  const problems: { field: string; problems: string[] }[] = [];
  const ids = list(queryValue(query, 'service_request_id'));
  if (ids !== null && ids.length > MAX_REQUESTS)
    problems.push({ field: 'service_request_id', problems: [`一次最多查询 ${MAX_REQUESTS} 个`] });
  if (ids?.some((id) => id.length > 64))
    problems.push({ field: 'service_request_id', problems: ['编号不能超过 64 个字符'] });
  const codes = list(queryValue(query, 'service_code'));
  const unknownCodes = codes?.filter((c) => !isServiceCode(c)) ?? [];
  if (unknownCodes.length > 0)
    problems.push({
      field: 'service_code',
      problems: [`没有这种服务类型：${unknownCodes.slice(0, 5).join('、')}`],
    });
  const statuses = list(queryValue(query, 'status'));
  if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
    problems.push({ field: 'status', problems: ['只能是 open 或 closed'] });
  let from: number | undefined;
  let to: number | undefined;
  for (const [field, end] of [
    ['start_date', false],
    ['end_date', true],
  ] as const) {
    const text = queryValue(query, field);
    if (text === undefined) continue;
    const ms = w3Instant(text, end);
    if (ms === undefined)
      problems.push({
        field,
        problems: ['须为带时区的 W3C 时间，例如 2026-12-01T00:00:00+08:00 或 2026-12-01'],
      });
    else if (end) to = ms;
    else from = ms;
  }
  if (problems.length > 0) throw filterError(problems);
  if (from === undefined && to === undefined) {
    to = now;
    from = now - WINDOW_MS;
  } else if (from === undefined) from = (to as number) - WINDOW_MS;
  else if (to === undefined) to = from + WINDOW_MS;
  if ((to as number) <= from)
    throw filterError([{ field: 'end_date', problems: ['结束时间须晚于开始时间'] }]);
  if ((to as number) - from > WINDOW_MS)
    throw filterError([
      { field: 'end_date', problems: [`查询的时间跨度不能超过 ${WINDOW_DAYS} 天`] },
    ]);
  return {
    ids,
    serviceCodes: codes as DemandCategory[] | null,
    statuses: statuses as ('open' | 'closed')[] | null,
    from: new Date(from).toISOString(),
    to: new Date(to as number).toISOString(),
  };
}

const filterError = (fields: { field: string; problems: string[] }[]) =>
  new ValidationError(fields.map((f) => `${f.field}：${f.problems.join('；')}`).join('；'), {
    fields,
  });
