import {
  formatArea,
  groupThousands,
  percentAgainst,
  percentText,
  reaches,
  squareMetres,
} from './exact';

describe('reaches', () => {
  it('counts 以上 (at least) inclusively', () => {
    expect(reaches(6, 9, 'at-least', '2/3')).toBe(true);
    expect(reaches(5, 9, 'at-least', '2/3')).toBe(false);
    expect(reaches(3, 4, 'at-least', '3/4')).toBe(true);
    expect(reaches(74, 100, 'at-least', '3/4')).toBe(false);
  });

  it('counts 过半数 (more than half) strictly', () => {
    expect(reaches(5, 10, 'more-than', '1/2')).toBe(false);
    expect(reaches(6, 10, 'more-than', '1/2')).toBe(true);
    expect(reaches(1, 1, 'more-than', '1/2')).toBe(true);
  });

  it('reaches nothing over an empty denominator', () => {
    expect(reaches(0, 0, 'at-least', '3/4')).toBe(false);
    expect(reaches(0, 0, 'more-than', '1/2')).toBe(false);
  });

  it('stays exact where the products pass 2^53 and floating point is wrong', () => {
    // The largest safe total area; just below two thirds of it.
    const total = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991
    const below = 6004799503160660; // 3·below = 2·total − 2
    expect(BigInt(below) * 3n < BigInt(total) * 2n).toBe(true);
    expect(below / total >= 2 / 3).toBe(true); // float division says "two thirds reached": wrong
    expect(reaches(below, total, 'at-least', '2/3')).toBe(false);
    expect(reaches(below + 1, total, 'at-least', '2/3')).toBe(true);

    // Here even float cross-multiplication is wrong: both products round to the same double.
    const total2 = 9007199254740986;
    const below2 = 6004799503160657;
    expect(BigInt(below2) * 3n < BigInt(total2) * 2n).toBe(true);
    expect(below2 * 3 >= total2 * 2).toBe(true);
    expect(reaches(below2, total2, 'at-least', '2/3')).toBe(false);

    // Three quarters, the same way.
    const below3 = 6755399441055743;
    expect(BigInt(below3) * 4n < BigInt(total) * 3n).toBe(true);
    expect(below3 * 4 >= total * 3).toBe(true);
    expect(reaches(below3, total, 'at-least', '3/4')).toBe(false);
  });
});

describe('percentText', () => {
  it('rounds half up, exactly', () => {
    expect(percentText(6000, 9000, 2)).toBe('66.67');
    expect(percentText(1, 3, 2)).toBe('33.33');
    expect(percentText(1, 8, 2)).toBe('12.50');
    expect(percentText(1, 800, 2)).toBe('0.13'); // 0.125 rounds up
    expect(percentText(9, 9, 2)).toBe('100.00');
    expect(percentText(0, 9, 2)).toBe('0.00');
    expect(percentText(1, 3, 0)).toBe('33');
  });
});

describe('percentAgainst', () => {
  it('shows two decimals when that cannot mislead', () => {
    expect(percentAgainst(6000, 9000, 'at-least', '2/3')).toBe('66.67');
    expect(percentAgainst(1, 2, 'more-than', '1/2')).toBe('50.00');
    expect(percentAgainst(5, 9, 'at-least', '2/3')).toBe('55.56');
    // Just above two thirds looks like two thirds, and two thirds is reached either way.
    expect(percentAgainst(6667, 10000, 'at-least', '2/3')).toBe('66.67');
    // Just below half looks like half, and half is not more than half either.
    expect(percentAgainst(4999999, 10000000, 'more-than', '1/2')).toBe('50.00');
  });

  it('adds decimals rather than show a ratio just below the threshold as equal to it', () => {
    // 66,666/100,000 would round to "66.67%", the same as two thirds, yet it falls short.
    expect(percentAgainst(66666, 100000, 'at-least', '2/3')).toBe('66.666');
    expect(reaches(66666, 100000, 'at-least', '2/3')).toBe(false);
    const p = percentAgainst(6004799503160660, Number.MAX_SAFE_INTEGER, 'at-least', '2/3');
    expect(p).toMatch(/^66\.6666666666666\d*$/);
  });

  it('adds decimals rather than show a ratio just over half as exactly half', () => {
    expect(percentAgainst(5000001, 10000000, 'more-than', '1/2')).toBe('50.00001');
    expect(reaches(5000001, 10000000, 'more-than', '1/2')).toBe(true);
  });

  it('is null with nothing to divide by', () => {
    expect(percentAgainst(0, 0, 'more-than', '1/2')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes areas with two decimals and thousands separators', () => {
    expect(formatArea(600000)).toBe('6,000.00');
    expect(formatArea(8950)).toBe('89.50');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(0)).toBe('0.00');
    expect(formatArea(140000000)).toBe('1,400,000.00');
    expect(formatArea(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91');
  });

  it('groups headcounts', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(10000)).toBe('10,000');
    expect(groupThousands(1234567)).toBe('1,234,567');
  });

  it('gives square metres for display', () => {
    expect(squareMetres(8950)).toBe(89.5);
    expect(squareMetres(600000)).toBe(6000);
    expect(JSON.stringify(squareMetres(14001))).toBe('140.01');
  });
});
