import { CodedError, ValidationError } from '../errors';
import {
  idNumberCheckCharacter,
  normaliseCertificateNumber,
  normaliseIdNumber,
} from './identity-numbers';

/** A valid ID number from 17 digits. */
const valid = (first17: string) => first17 + idNumberCheckCharacter(first17);

describe('ID numbers (GB 11643)', () => {
  it('computes the check character of the standard example', () => {
    // The example of GB 11643-1999: 11010519491231002X.
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(normaliseIdNumber('11010519491231002X')).toBe('11010519491231002X');
  });

  it('trims, folds full-width digits and upper-cases x', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, length or birth date without echoing the value', () => {
    const good = valid('36102719800101001');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const [input, reason] of [
      [wrongCheck, 'ID_NUMBER_CHECKSUM'],
      ['3610271980010100', 'ID_NUMBER_INVALID'],
      [valid('36102719801301001'), 'ID_NUMBER_INVALID'],
      [valid('36102718000101001'), 'ID_NUMBER_INVALID'],
      [42, 'ID_NUMBER_INVALID'],
    ] as const) {
      let error: unknown;
      try {
        normaliseIdNumber(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CodedError);
      expect((error as CodedError).code).toBe('VALIDATION_FAILED');
      expect((error as CodedError).details.reason).toBe(reason);
      expect(JSON.stringify((error as CodedError).details)).not.toContain('1980');
      expect((error as CodedError).message).not.toContain('1980');
    }
  });
});

describe('certificate numbers', () => {
  it('folds full-width brackets, removes spaces and upper-cases', () => {
    expect(normaliseCertificateNumber(' 赣（2023）金溪县 不动产权第0001234号 ')).toBe(
      '赣(2023)金溪县不动产权第0001234号',
    );
    expect(normaliseCertificateNumber('jx-2023-01')).toBe('JX-2023-01');
  });

  it('refuses what cannot be a certificate number', () => {
    for (const input of ['', 'abc', '不动产权证', 'x'.repeat(70) + '1', null])
      expect(() => normaliseCertificateNumber(input)).toThrow(ValidationError);
  });
});
