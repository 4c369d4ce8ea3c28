/*
 * Pure: a Chinese address as the 12345 hotline writes it, matched against a community's unit
 * ledger. Addresses come in many hands for one flat:
 *   金泰和庄12号楼2单元301   金泰和庄小区12栋2门301室   金泰和庄12-2-301   １２幢２单元３０１
 *   XX市XX县秀谷镇学苑社区金泰和庄十二号楼二单元301
 * The estate is found by name (with or without 小区), the building by 号楼 / 栋 / 幢 / 座 (or 号
 * before an entrance), the entrance by 单元 / 门, the room by its digits (室 / 号 / 户 optional),
 * or all three from a dashed `12-2-301`. The ledger's own names are read the same way
 * (`12号楼`, `12栋` and `12` are one building).
 *
 * The answer is the unit when exactly one unit fits; the building when the building is certain but
 * the unit is not (no room given, a room the ledger lacks, or several entrances with that room);
 * otherwise nothing. A bare `3楼` is a floor, not a building, and a road number (`XX路88号`) is not
 * a building either.
 */

/** A unit of the ledger as the matcher needs it (names as the registry stores them). */
export interface LedgerUnit {
  readonly id: string;
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
}

export type AddressMatch =
  | {
      readonly kind: 'unit';
      readonly unitId: string;
      readonly estate: string;
      readonly building: string;
    }
  | {
      readonly kind: 'building';
      readonly estate: string;
      readonly building: string;
      /** Why not the unit: none given, the ledger has no such room, or several fit. */
      readonly reason: 'no-room' | 'unknown-room' | 'ambiguous-unit';
    };

/** What the address says, each part as a key comparable with the ledger's. */
export interface AddressParts {
  readonly estate: string | null;
  readonly building: string | null;
  readonly entrance: string | null;
  readonly room: string | null;
}

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 as digits: 十二 → 12, 二十 → 20, 二十三 → 23. */
function chineseNumber(text: string): string {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return text;
  const ten = text.indexOf('十');
  if (ten < 0) return [...text].map((c) => String(DIGIT[c] ?? '')).join('');
  const tens = ten === 0 ? 1 : (DIGIT[text.slice(0, ten)] ?? NaN);
  const ones = ten === text.length - 1 ? 0 : (DIGIT[text.slice(ten + 1)] ?? NaN);
  const n = tens * 10 + ones;
  return Number.isNaN(n) ? text : String(n);
}

const CN_NUMBER = '[零〇一二两三四五六七八九十]{1,3}';

/**
 * Full-width digits, letters and dashes to ASCII (NFKC), spaces out, letters upper-case, and small
 * Chinese numbers before 号楼 / 栋 / 幢 / 座 / 号 / 单元 / 门 as digits.
 */
export function normaliseAddress(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[‐‑‒–—―−~]/g, '-')
    .toUpperCase()
    .replace(new RegExp(`(${CN_NUMBER})(?=号楼|栋|幢|座|号|单元|门)`, 'g'), (m: string) =>
      chineseNumber(m),
    );
}

/** A building's key: `12号楼`, `12栋`, `12幢`, `12` → `12`; `A座` → `A`; else the name itself. */
export function buildingKey(name: string): string {
  const n = normaliseAddress(name);
  const m = /^0*([0-9]+|[A-Z])(?:号楼|号|栋|幢|座|楼)?$/.exec(n);
  return m === null ? n : m[1]!;
}

/** An entrance's key: `2单元`, `2门`, `2`, `二单元` → `2`. */
export function entranceKey(name: string): string {
  const n = normaliseAddress(name);
  const m = /^0*([0-9]+|[A-Z])(?:单元|门)?$/.exec(n);
  return m === null ? n : m[1]!;
}

/** A room's key: `0501`, `501室`, `501号` → `501`. */
export function roomKey(name: string): string {
  const n = normaliseAddress(name);
  const m = /^0*([0-9]+[A-Z]?)(?:室|号|户)?$/.exec(n);
  return m === null ? n : m[1]!;
}

/** An estate's name without a generic ending, to find `幸福里` in `幸福里小区` and the other way round. */
const estateCore = (name: string): string =>
  normaliseAddress(name).replace(/(小区|花园|家园|公寓|社区)$/, '');

const BUILDING = /(?:^|[^0-9A-Z])([0-9]+|[A-Z])(?:号楼|栋|幢|座|号(?=[0-9]+(?:单元|门)))/;
const ENTRANCE = /([0-9]+)(?:单元|门)/;
const DASHED = /(?:^|[^0-9])([0-9]+|[A-Z])-([0-9]+)(?:-([0-9]+[A-Z]?))?(?![0-9])/;

/**
 * Reads the parts of an address. `estates`: the community's estate names; the longest one the
 * address names (with or without 小区) is the estate, and only what follows it is read for the rest.
 */
export function parseAddress(address: string, estates: readonly string[]): AddressParts {
  const text = normaliseAddress(address);
  let estate: string | null = null;
  let rest = text;
  let bestLength = 0;
  for (const name of estates) {
    for (const form of new Set([normaliseAddress(name), estateCore(name)])) {
      const at = form === '' ? -1 : text.indexOf(form);
      if (at >= 0 && form.length > bestLength) {
        bestLength = form.length;
        estate = name;
        rest = text.slice(at + form.length).replace(/^(小区|花园|家园|公寓|社区)/, '');
      }
    }
  }

  const dashed = DASHED.exec(rest);
  if (dashed !== null && BUILDING.exec(rest) === null) {
    const [, building, second, third] = dashed;
    return third === undefined
      ? { estate, building: building!, entrance: null, room: roomKey(second!) }
      : { estate, building: building!, entrance: entranceKey(second!), room: roomKey(third) };
  }

  const b = BUILDING.exec(rest);
  if (b === null) return { estate, building: null, entrance: null, room: null };
  const afterBuilding = rest.slice(b.index + b[0].length);
  const e = ENTRANCE.exec(afterBuilding);
  const afterEntrance = e === null ? afterBuilding : afterBuilding.slice(e.index + e[0].length);
  // The room: the first run of 3 or 4 digits (a floor's `5楼` is skipped), with an optional letter.
  const r = /(?:^|[^0-9])([0-9]{3,4}[A-Z]?)(?:室|号|户)?(?![0-9])/.exec(afterEntrance);
  return {
    estate,
    building: b[1]!,
    entrance: e === null ? null : entranceKey(e[1]!),
    room: r === null ? null : roomKey(r[1]!),
  };
}

/** The unit (or only the building) an address names in the ledger; null when it names neither. */
export function matchAddressToUnit(
  address: string,
  units: readonly LedgerUnit[],
): AddressMatch | null {
  const estates = [...new Set(units.map((u) => u.estate))];
  const parts = parseAddress(address, estates);
  if (parts.building === null) return null;
  const inBuilding = units.filter(
    (u) =>
      (parts.estate === null || u.estate === parts.estate) &&
      buildingKey(u.building) === parts.building,
  );
  // Without an estate, the building must be one estate's only.
  const places = new Set(inBuilding.map((u) => JSON.stringify([u.estate, u.building])));
  if (places.size !== 1) return null;
  const { estate, building } = inBuilding[0]!;
  if (parts.room === null) return { kind: 'building', estate, building, reason: 'no-room' };
  const fits = inBuilding.filter(
    (u) =>
      roomKey(u.room) === parts.room &&
      (parts.entrance === null || entranceKey(u.entrance) === parts.entrance),
  );
  if (fits.length === 1) return { kind: 'unit', unitId: fits[0]!.id, estate, building };
  return {
    kind: 'building',
    estate,
    building,
    reason: fits.length === 0 ? 'unknown-room' : 'ambiguous-unit',
  };
}
