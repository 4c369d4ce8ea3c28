import {
  checkCharacter,
  newSerial,
  parseSerial,
  resolutionCode,
  SERIAL_ALPHABET,
  unitConflict,
  unitOfSheet,
  type UnitBallotEntry,
} from './ballot-sheets';

const RESOLUTION = '3f2a9c10-7b5e-4d8a-9a61-0c2e4b7d9f01';
const bytes = (...values: number[]) => Uint8Array.from(values);
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('ballot sheet serials', () => {
  const serial = newSerial(RESOLUTION, bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));

  it('are 16 characters in four groups: the resolution code, 11 random, one check character', () => {
    expect(serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(serial.slice(0, 4)).toBe(resolutionCode(RESOLUTION));
    // 0x3f2a9 = 0b0011 1111 0010 1010 1001 → 00111 11100 10101 01001 → 7 W N 9
    expect(resolutionCode(RESOLUTION)).toBe('7WN9');
    expect(serial.slice(5, 19).replace(/-/g, '').slice(0, 11)).toBe('123456789AB');
    expect(parseSerial(serial)).toBe(serial);
  });

  it('read back whatever the case, spacing and hyphens, and O, I, L as 0, 1, 1', () => {
    const compact = serial.replace(/-/g, '');
    expect(parseSerial(compact.toLowerCase())).toBe(serial);
    expect(parseSerial(` ${compact.slice(0, 8)} ${compact.slice(8)} `)).toBe(serial);
    const withZero = newSerial(RESOLUTION, bytes(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0));
    expect(parseSerial(withZero.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(withZero);
  });

  it('catch every single mistyped character and every swap of neighbours but 0Z (SERIAL_INVALID)', () => {
    const compact = serial.replace(/-/g, '');
    let tried = 0;
    for (let i = 0; i < compact.length; i++)
      for (const c of SERIAL_ALPHABET) {
        if (c === compact[i]) continue;
        const typo = compact.slice(0, i) + c + compact.slice(i + 1);
        expect(codeOf(() => parseSerial(typo))).toBe('SERIAL_INVALID');
        tried++;
      }
    expect(tried).toBe(16 * 31);
    for (let i = 0; i + 1 < compact.length; i++) {
      const pair = compact.slice(i, i + 2);
      // Luhn mod N's one blind spot: the first and last characters of the alphabet swapped.
      if (compact[i] === compact[i + 1] || pair === '0Z' || pair === 'Z0') continue;
      const swapped = compact.slice(0, i) + compact[i + 1]! + compact[i]! + compact.slice(i + 2);
      expect(codeOf(() => parseSerial(swapped))).toBe('SERIAL_INVALID');
    }
  });

  it('refuse a wrong length, a character outside the alphabet, and anything not a string', () => {
    expect(codeOf(() => parseSerial(serial.slice(0, -1)))).toBe('SERIAL_INVALID');
    expect(codeOf(() => parseSerial(`${serial}0`))).toBe('SERIAL_INVALID');
    expect(codeOf(() => parseSerial(serial.replace(/.$/, 'U')))).toBe('SERIAL_INVALID');
    expect(codeOf(() => parseSerial(42))).toBe('SERIAL_INVALID');
    expect(codeOf(() => parseSerial('x'.repeat(100)))).toBe('SERIAL_INVALID');
  });

  it('check characters agree with validation for many random bodies', () => {
    for (let n = 0; n < 200; n++) {
      const random = Uint8Array.from({ length: 11 }, () => Math.floor(Math.random() * 256));
      const s = newSerial(RESOLUTION, random);
      expect(parseSerial(s)).toBe(s);
      const body = s.replace(/-/g, '').slice(0, 15);
      expect(checkCharacter(body)).toBe(s.at(-1));
    }
  });
});

describe('unitOfSheet', () => {
  const sheet = {
    serial: 'AAAA-BBBB-CCCC-DDDD',
    resolutionId: 'r1',
    unitId: 'u1',
    enteredAt: null,
    voidedAt: null,
  };
  it("names the sheet's unit, which must be the one named if any", () => {
    expect(unitOfSheet(sheet, 'r1', null)).toBe('u1');
    expect(unitOfSheet(sheet, 'r1', 'u1')).toBe('u1');
    expect(codeOf(() => unitOfSheet(sheet, 'r1', 'u2'))).toBe('SERIAL_MISMATCH');
  });
  it('refuses a sheet of another vote, a voided one and one entered already', () => {
    expect(codeOf(() => unitOfSheet(sheet, 'r2', null))).toBe('SERIAL_MISMATCH');
    expect(codeOf(() => unitOfSheet({ ...sheet, voidedAt: 'x' }, 'r1', null))).toBe(
      'SERIAL_VOIDED',
    );
    expect(codeOf(() => unitOfSheet({ ...sheet, enteredAt: 'x' }, 'r1', null))).toBe(
      'SERIAL_ALREADY_ENTERED',
    );
  });
});

describe('unitConflict', () => {
  const ballot = (
    channel: UnitBallotEntry['channel'],
    castAt: string,
    extra: Partial<UnitBallotEntry> = {},
  ): UnitBallotEntry => ({
    channel,
    byOwner: channel === 'online',
    choice: 'for',
    castBy: channel,
    castAt,
    sheetRef: channel === 'paper' ? 'S' : null,
    serial: channel === 'paper' ? 'S' : null,
    refused: false,
    ...extra,
  });

  it('is none for a unit with one kind of ballot', () => {
    expect(unitConflict([ballot('online', '2026-01-01T00:00:00Z')], [])).toBeUndefined();
    expect(unitConflict([ballot('paper', '2026-01-01T00:00:00Z')], [])).toBeUndefined();
  });

  it("paper, then the owner's own online ballot: the online one counts and replaced the paper", () => {
    const c = unitConflict(
      [ballot('paper', '2026-01-01T00:00:00Z'), ballot('online', '2026-01-02T00:00:00Z')],
      [],
    );
    expect(c?.counted).toBe('online');
    expect(c?.ballots.map((b) => [b.channel, b.status])).toEqual([
      ['paper', 'replaced'],
      ['online', 'counted'],
    ]);
    expect(c?.reason.zh).toContain('业主本人线上投票优先');
  });

  it('online (or proxy), then a refused paper sheet: the electronic one counts', () => {
    const refused = ballot('paper', '2026-01-01T00:00:00Z', { refused: true });
    const online = unitConflict([ballot('online', '2026-01-02T00:00:00Z')], [refused]);
    expect(online?.counted).toBe('online');
    expect(online?.ballots.map((b) => [b.channel, b.status])).toEqual([
      ['paper', 'refused'],
      ['online', 'counted'],
    ]);
    expect(online?.reason.zh).toContain('纸质选票未计入');
    const proxy = unitConflict([ballot('proxy', '2026-01-02T00:00:00Z')], [refused]);
    expect(proxy?.counted).toBe('proxy');
    expect(proxy?.reason.zh).toContain('受托人');
  });
});
