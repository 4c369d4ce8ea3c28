import { ValidationError } from '../errors';

/*
 * The two numbers that prove a resident owns a unit (实名绑定): the owner's resident identity card
 * number (居民身份证号码, GB 11643) and the property certificate number (不动产权证号). They are
 * normalised here, before they are hashed; no code keeps or shows them in clear.
 */

/** GB 11643-1999: weights of the 17 digits, and the check character for sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The longest certificate number accepted (they run to about 30 characters). */
export const MAX_CERTIFICATE_LENGTH = 64;

/** What each refusal says to the person typing the number. */
const REASON_TEXT: Readonly<Record<string, string>> = {
  ID_NUMBER_INVALID: '身份证号格式不正确：须为 18 位，前 17 位是数字，最后一位是数字或 X',
  ID_NUMBER_CHECKSUM: '身份证号的校验位不正确，请逐位核对',
  CERTIFICATE_NUMBER_INVALID: '不动产权证号格式不正确，请按证书上的写法填写',
};

function invalid(field: string, problem: string, reason: string): ValidationError {
  // The value itself is never echoed back: it is the very thing that must not leak.
  return new ValidationError(REASON_TEXT[reason] ?? '证件号码格式不正确', {
    fields: [{ field, problems: [problem] }],
    reason,
  });
}

/** The check character (0-9 or X) of the first 17 digits of an ID number. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * An 18-character ID number, trimmed, full-width characters folded (NFKC) and a lower-case x
 * upper-cased, with its GB 11643 check character verified and a plausible birth date. 400
 * VALIDATION_FAILED (`reason: ID_NUMBER_INVALID`) otherwise, naming the field only.
 */
export function normaliseIdNumber(raw: unknown, field = 'idNumber'): string {
  if (typeof raw !== 'string') throw invalid(field, 'must be a string', 'ID_NUMBER_INVALID');
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value))
    throw invalid(field, 'must be 18 characters: 17 digits and a digit or X', 'ID_NUMBER_INVALID');
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > Date.now()
  )
    throw invalid(field, 'has no valid date of birth (digits 7 to 14)', 'ID_NUMBER_INVALID');
  if (idNumberCheckCharacter(value) !== value[17])
    throw invalid(field, 'fails the GB 11643 check character', 'ID_NUMBER_CHECKSUM');
  return value;
}

/**
 * A property certificate number (e.g. `赣(2023)金溪县不动产权第0001234号`): NFKC (full-width
 * brackets and digits folded), whitespace removed, letters upper-cased; 4 to 64 characters.
 */
export function normaliseCertificateNumber(raw: unknown, field = 'certificateNumber'): string {
  if (typeof raw !== 'string')
    throw invalid(field, 'must be a string', 'CERTIFICATE_NUMBER_INVALID');
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (value.length < 4 || value.length > MAX_CERTIFICATE_LENGTH || !/\d/.test(value))
    throw invalid(
      field,
      `must be 4 to ${MAX_CERTIFICATE_LENGTH} characters with digits`,
      'CERTIFICATE_NUMBER_INVALID',
    );
  return value;
}
