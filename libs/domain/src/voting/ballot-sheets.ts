import {
  SerialAlreadyEnteredError,
  SerialInvalidError,
  SerialMismatchError,
  SerialVoidedError,
} from '../errors';
import { type BallotChannel } from './ballot-acceptance';
import { type Choice } from './tally';

/*
 * Printed ballot sheets (纸质表决票) with serials. Each unit of a vote's electorate may be issued one
 * sheet; its serial identifies the unit when a building lead enters the sheet, and it is entered
 * once. A serial is 16 characters of Crockford's base 32 (no I, L, O, U: nothing to misread),
 * printed in four groups, `RRRR-NNNN-NNNN-NNNC`:
 * - RRRR, the resolution's short code (the first 20 bits of its id), so a sheet of another vote is
 *   recognisable on sight;
 * - eleven random characters (55 bits): a serial cannot be guessed from another;
 * - C, a Luhn mod 32 check character: every single mistyped character, and every swap of two
 *   neighbouring characters but "0Z" ↔ "Z0", is caught before the database is asked
 *   (400 SERIAL_INVALID); a typo the check misses is almost surely a serial never issued (404).
 */

export const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = SERIAL_ALPHABET.length;
export const SERIAL_RANDOM_CHARS = 11;
const RESOLUTION_CHARS = 4;
const SERIAL_CHARS = RESOLUTION_CHARS + SERIAL_RANDOM_CHARS + 1;

/** The resolution's short code: the first 20 bits of its UUID in base 32. */
export function resolutionCode(resolutionId: string): string {
  const hex = resolutionId.replace(/-/g, '').slice(0, 5);
  const bits = Number.parseInt(hex, 16);
  if (!/^[0-9a-f]{5}$/i.test(hex) || Number.isNaN(bits)) {
    throw new SerialInvalidError('表决事项编号不是有效的 UUID', { resolutionId });
  }
  let code = '';
  for (let i = RESOLUTION_CHARS - 1; i >= 0; i--) code += SERIAL_ALPHABET[(bits >> (i * 5)) & 31];
  return code;
}

/** Luhn mod N over the alphabet: the character that makes `body + check` valid. */
export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * codePoint(body[i]!);
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return SERIAL_ALPHABET[(N - (sum % N)) % N]!;
}

function luhnValid(serial: string): boolean {
  let factor = 1;
  let sum = 0;
  for (let i = serial.length - 1; i >= 0; i--) {
    const addend = factor * codePoint(serial[i]!);
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return sum % N === 0;
}

function codePoint(c: string): number {
  const i = SERIAL_ALPHABET.indexOf(c);
  if (i < 0) throw new SerialInvalidError('表决票编号中含有无效字符', { character: c });
  return i;
}

/**
 * A new serial for a sheet of `resolutionId`, from `random`: at least 11 random bytes (the caller
 * draws them from a CSPRNG; the domain stays free of I/O). Each byte gives 5 bits.
 */
export function newSerial(resolutionId: string, random: Uint8Array): string {
  if (random.length < SERIAL_RANDOM_CHARS) {
    throw new RangeError(`newSerial needs ${SERIAL_RANDOM_CHARS} random bytes`);
  }
  let body = resolutionCode(resolutionId);
  for (let i = 0; i < SERIAL_RANDOM_CHARS; i++) body += SERIAL_ALPHABET[random[i]! & 31];
  return formatSerial(body + checkCharacter(body));
}

/** `RRRRNNNNNNNNNNNC` in groups of four. */
function formatSerial(compact: string): string {
  return compact.match(/.{1,4}/g)!.join('-');
}

/**
 * The canonical serial from what someone typed or scanned: case, spaces and hyphens do not matter,
 * and the letters people confuse with digits are read as Crockford says (O as 0, I and L as 1).
 * SERIAL_INVALID when the length or a character is wrong, or the check character does not match.
 */
export function parseSerial(input: unknown): string {
  if (typeof input !== 'string' || input.length > 64) {
    throw new SerialInvalidError('表决票编号格式不对', { serial: 'must be 16 characters' });
  }
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== SERIAL_CHARS || ![...compact].every((c) => SERIAL_ALPHABET.includes(c))) {
    throw new SerialInvalidError('表决票编号格式不对，应为16位字母数字（如 ABCD-1234-EFGH-5678）', {
      serial: input.slice(0, 32),
    });
  }
  if (!luhnValid(compact)) {
    throw new SerialInvalidError('表决票编号校验位不符，可能录入有误，请核对', {
      serial: formatSerial(compact),
    });
  }
  return formatSerial(compact);
}

/** A sheet as stored: which vote and unit it is for, and whether it was entered or voided. */
export interface BallotSheetRecord {
  readonly serial: string;
  readonly resolutionId: string;
  readonly unitId: string;
  readonly enteredAt: string | null;
  readonly voidedAt: string | null;
}

/**
 * The unit a sheet's entry votes for, checked against the vote it is entered in and the unit the
 * request names (if any). SERIAL_MISMATCH for a sheet of another vote or another unit,
 * SERIAL_VOIDED for a sheet replaced by a new one, SERIAL_ALREADY_ENTERED for one entered already
 * (the database checks that last one again as the ballot is stored: this answer is the early one).
 */
export function unitOfSheet(
  sheet: BallotSheetRecord,
  resolutionId: string,
  namedUnitId: string | null,
): string {
  if (sheet.resolutionId !== resolutionId) {
    throw new SerialMismatchError('这张表决票不属于本次表决', {
      serial: sheet.serial,
      resolutionId,
    });
  }
  if (namedUnitId !== null && namedUnitId !== sheet.unitId) {
    throw new SerialMismatchError('表决票编号与所填房屋不符', {
      serial: sheet.serial,
      unitId: namedUnitId,
    });
  }
  if (sheet.voidedAt !== null) {
    throw new SerialVoidedError('这张表决票已作废，请录入补发的新票', { serial: sheet.serial });
  }
  if (sheet.enteredAt !== null) {
    throw new SerialAlreadyEnteredError('这张表决票已经录入，每张只能录入一次', {
      serial: sheet.serial,
      enteredAt: sheet.enteredAt,
    });
  }
  return sheet.unitId;
}

/** One ballot of a unit, as the conflict report sees it: stored ones and refused paper entries. */
export interface UnitBallotEntry {
  readonly channel: BallotChannel;
  readonly byOwner: boolean;
  readonly choice: Choice;
  readonly castBy: string;
  readonly castAt: string;
  readonly sheetRef: string | null;
  readonly serial: string | null;
  /** True for a paper sheet entered after the unit had voted: kept out of the unit's stream. */
  readonly refused: boolean;
}

export type ConflictBallotStatus = 'counted' | 'replaced' | 'refused';

export interface UnitConflict {
  readonly ballots: readonly (UnitBallotEntry & { readonly status: ConflictBallotStatus })[];
  readonly counted: BallotChannel;
  readonly reason: { readonly zh: string; readonly en: string };
}

/**
 * Whether a unit has both a paper and an electronic (online or proxy) ballot, and if so which one
 * counts and why. `stored` are the unit's BallotCast events in stream order (the latest counts),
 * `refused` the paper sheets entered after the unit had voted (never counted). Undefined when the
 * unit has no such conflict.
 */
export function unitConflict(
  stored: readonly UnitBallotEntry[],
  refused: readonly UnitBallotEntry[],
): UnitConflict | undefined {
  const all = [...stored, ...refused];
  if (!all.some((b) => b.channel === 'paper') || !all.some((b) => b.channel !== 'paper')) {
    return undefined;
  }
  const last = stored.at(-1);
  if (last === undefined) return undefined;
  const statusOf = (i: number): ConflictBallotStatus =>
    i === stored.length - 1 ? 'counted' : 'replaced';
  const ballots: UnitConflict['ballots'] = [
    ...stored.map((b, i) => ({ ...b, status: statusOf(i) })),
    ...refused.map((b) => ({ ...b, status: 'refused' as const })),
  ].sort((a, b) => Date.parse(a.castAt) - Date.parse(b.castAt));
  const replacedPaper = stored.slice(0, -1).some((b) => b.channel === 'paper');
  let reason: UnitConflict['reason'];
  if (last.channel === 'paper') {
    // A paper ballot never replaces another, so this is only reached by data written otherwise.
    reason = { zh: '纸质选票有效', en: 'the paper ballot counts' };
  } else if (replacedPaper) {
    reason = {
      zh: '业主本人线上投票优先：业主本人的线上投票替换了楼栋长录入的纸质选票',
      en: "the owner's own online ballot takes precedence and replaced the paper ballot",
    };
  } else if (last.channel === 'proxy') {
    reason = {
      zh: '该户已有受托人（委托书）投票，之后录入的纸质选票未计入',
      en: 'the unit had voted by proxy; the paper sheet entered later was refused',
    };
  } else {
    reason = {
      zh: '该户业主已在线上投票，之后录入的纸质选票未计入（每户只计一票）',
      en: 'the owner had voted online; the paper sheet entered later was refused (one ballot per unit)',
    };
  }
  return { ballots, counted: last.channel, reason };
}
