/* The ledger's search grams: every substring of a demand's text finds it, whatever its case. */
import fc from 'fast-check';
import { demandSearchGrams, querySearchGrams } from './search-grams';

const text = fc.string({
  unit: fc.constantFrom(...'路灯坏了号楼ABCxyz0123 %_İΣ😀'),
  maxLength: 30,
});
const anyText = fc.string({ unit: 'binary', maxLength: 30 });

describe('demand search grams', () => {
  it('hold the 1-, 2- and 3-character grams of the number and the content, lower-cased', () => {
    const grams = demandSearchGrams('XY-1', '路灯');
    expect(grams.sort()).toEqual(
      ['x', 'y', '-', '1', ' ', '路', '灯', 'xy', 'y-', '-1', '1 ', ' 路', '路灯']
        .concat(['xy-', 'y-1', '-1 ', '1 路', ' 路灯'])
        .sort(),
    );
  });

  it('look a query up by itself up to three characters, else by its 3-grams', () => {
    expect(querySearchGrams('灯')).toEqual(['灯']);
    expect(querySearchGrams('路灯')).toEqual(['路灯']);
    expect(querySearchGrams('XY-')).toEqual(['xy-']);
    expect(querySearchGrams('路灯坏了路灯坏')).toEqual(['路灯坏', '灯坏了', '坏了路', '了路灯']);
    expect(querySearchGrams('')).toEqual([]);
    // A character outside the basic plane is one character, not two halves.
    expect(querySearchGrams('😀路')).toEqual(['😀路']);
  });

  it("find every part of a demand's text, in upper or lower case", () => {
    for (const unit of [text, anyText])
      fc.assert(
        fc.property(
          unit,
          unit,
          fc.nat(),
          fc.nat(),
          fc.boolean(),
          (number, content, a, b, upper) => {
            const chars = Array.from(`${number} ${content}`);
            const from = a % chars.length;
            const part = chars.slice(from, from + 1 + (b % (chars.length - from))).join('');
            // Each character's case changed on its own, where it comes back to the same lower case
            // (ß's upper case is two characters, ς's is Σ, whose lower case is σ: left as they are).
            const q = Array.from(part, (c) => {
              const changed = upper ? c.toUpperCase() : c.toLowerCase();
              return Array.from(changed).length === 1 && changed.toLowerCase() === c.toLowerCase()
                ? changed
                : c;
            }).join('');
            const grams = new Set(demandSearchGrams(number, content));
            expect(querySearchGrams(q).filter((g) => !grams.has(g))).toEqual([]);
          },
        ),
      );
  });
});
