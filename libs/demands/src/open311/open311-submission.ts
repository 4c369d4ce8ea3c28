/**
 * The form of POST requests (GeoReport v2, "POST Service Request") read and checked. Hand-written
 * rather than a class-validator DTO: the fields are the spec's snake_case ones, fields the spec
 * allows but we do not use (`attribute[…]`, extensions) must pass untouched, and every problem
 * goes back as its own entry of the spec's error array. Pure.
 */
import { assertStorableJson, ValidationError } from '@yishi/domain';

export interface Open311Submission {
  readonly apiKey: string | null;
  readonly jurisdictionId: string | null;
  readonly serviceCode: string;
  readonly point: { readonly lat: number; readonly long: number } | null;
  readonly addressString: string | null;
  readonly addressId: string | null;
  readonly description: string | null;
  readonly mediaUrl: string | null;
  readonly email: string | null;
  /** first_name and last_name as one name, in the order people here write it. */
  readonly name: string | null;
  readonly phone: string | null;
  readonly accountId: string | null;
}

/** The spec's limit of a description. */
export const MAX_DESCRIPTION = 4000;
const MAX_ADDRESS = 500;
const MAX_URL = 2048;
const MAX_NAME = 32;
const HAN = /\p{Script=Han}/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The ledger's own phone rule (onBehalfOf.phone). */
const PHONE = /^\+?[0-9 -]{5,20}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,63}$/;
const NUMBER = /^[+-]?(\d{1,3}(\.\d{1,12})?|\.\d{1,12})$/;

type Problems = { field: string; problems: string[] }[];

/**
 * The submission in the form's fields (each a string; the body's value wins over the query's),
 * or a ValidationError listing every problem. The api_key is only read here; it is checked later.
 */
export function parseSubmission(fields: Readonly<Record<string, string>>): Open311Submission {
  const problems: Problems = [];
  const problem = (field: string, text: string) => problems.push({ field, problems: [text] });
  const text = (field: string, max: number): string | null => {
    const raw = fields[field];
    if (raw === undefined) return null;
    try {
      assertStorableJson(raw, field);
    } catch {
      problem(field, '含有无法保存的字符');
      return null;
    }
    const value = raw.normalize('NFC').trim();
    if (value === '') return null;
    if ([...value].length > max) {
      problem(field, `不能超过 ${max} 个字符`);
      return null;
    }
    return value;
  };

  const apiKey = text('api_key', 256);
  const jurisdictionId = text('jurisdiction_id', 64);
  const serviceCode = text('service_code', 64);
  if (serviceCode === null) problem('service_code', '请选择服务类型（service_code）');

  const lat = text('lat', 32);
  const long = text('long', 32);
  let point: Open311Submission['point'] = null;
  if ((lat === null) !== (long === null))
    problem(lat === null ? 'lat' : 'long', 'lat 和 long 须同时提供');
  else if (lat !== null && long !== null) {
    const y = NUMBER.test(lat) ? Number(lat) : Number.NaN;
    const x = NUMBER.test(long) ? Number(long) : Number.NaN;
    if (!(y >= -90 && y <= 90)) problem('lat', '纬度须为 -90 到 90 之间的数');
    if (!(x >= -180 && x <= 180)) problem('long', '经度须为 -180 到 180 之间的数');
    if (y >= -90 && y <= 90 && x >= -180 && x <= 180) point = { lat: y, long: x };
  }
  const addressString = text('address_string', MAX_ADDRESS);
  const addressId = text('address_id', 64);
  if (addressId !== null && !UUID.test(addressId))
    problem('address_id', '须为本社区登记的房屋编号');
  if (lat === null && long === null && addressString === null && addressId === null)
    problem(
      'location',
      '请提供位置：lat 和 long，或 address_string（地址），或 address_id（房屋编号）',
    );

  const description = text('description', MAX_DESCRIPTION);
  const mediaUrl = text('media_url', MAX_URL);
  if (mediaUrl !== null && !isWebUrl(mediaUrl))
    problem('media_url', '须为 http:// 或 https:// 开头的完整网址');
  const email = text('email', 254);
  if (email !== null && !EMAIL.test(email)) problem('email', '电子邮箱格式不正确');
  const phone = text('phone', 20);
  if (phone !== null && !PHONE.test(phone)) problem('phone', '电话号码格式不正确');
  const first = text('first_name', MAX_NAME);
  const last = text('last_name', MAX_NAME);
  const name = fullName(first, last);
  if (name !== null && [...name].length > MAX_NAME)
    problem('first_name', `姓名合计不能超过 ${MAX_NAME} 个字符`);
  const accountId = text('account_id', 128);
  text('device_id', 128);

  if (problems.length > 0)
    throw new ValidationError(
      problems.map((p) => `${p.field}：${p.problems.join('；')}`).join('；'),
      { fields: problems },
    );
  return {
    apiKey,
    jurisdictionId,
    serviceCode: serviceCode as string,
    point,
    addressString,
    addressId,
    description,
    mediaUrl,
    email,
    name,
    phone,
    accountId,
  };
}

/** Family name first for a Chinese name (王 + 小明 = 王小明), given name first otherwise. */
function fullName(first: string | null, last: string | null): string | null {
  if (first === null || last === null) return first ?? last;
  return HAN.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * What the ledger's workers read: the description, then what the 311 app gave besides (the
 * address as typed, the coordinates, the photo's URL, an e-mail to reply to), one line each.
 */
export function ledgerContent(s: Open311Submission, serviceName: string): string {
  return [
    s.description ?? `${serviceName}（提交人未填写描述）`,
    s.addressString === null ? null : `地址：${s.addressString}`,
    s.point === null ? null : `位置：纬度 ${s.point.lat}，经度 ${s.point.long}`,
    s.mediaUrl === null ? null : `图片：${s.mediaUrl}`,
    s.email === null ? null : `邮箱：${s.email}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}
