/**
 * Exact arithmetic for the voting rules. Areas are integers of 0.01 m² and headcounts integers; a
 * ratio is compared with a legal fraction by cross-multiplication in BigInt, never by dividing in
 * floating point: a double cannot hold every product of two large areas, and 2/3 has no exact
 * binary form.
 */

/**
 * The fractions Article 278 names: two thirds, more than half, three quarters; and `1/1`, all of
 * them, which a council's agreement needs (every party present).
 */
export type LegalFraction = '2/3' | '1/2' | '3/4' | '1/1';

/** `at-least` is 以上 (inclusive); `more-than` is 过半数 (strict). */
export type Comparison = 'at-least' | 'more-than';

const FRACTIONS: Readonly<Record<LegalFraction, readonly [bigint, bigint]>> = {
  '2/3': [2n, 3n],
  '1/2': [1n, 2n],
  '3/4': [3n, 4n],
  '1/1': [1n, 1n],
};

export function fractionParts(fraction: LegalFraction): readonly [bigint, bigint] {
  return FRACTIONS[fraction];
}

/**
 * Whether `numerator / denominator` reaches `fraction` (p/q): `at-least` is n·q ≥ d·p, `more-than`
 * is n·q > d·p. An empty denominator (nobody, or no area) reaches nothing.
 */
export function reaches(
  numerator: number,
  denominator: number,
  comparison: Comparison,
  fraction: LegalFraction,
): boolean {
  if (denominator === 0) return false;
  const [p, q] = FRACTIONS[fraction];
  const left = BigInt(numerator) * q;
  const right = BigInt(denominator) * p;
  switch (comparison) {
    case 'at-least':
      return left >= right;
    case 'more-than':
      return left > right;
  }
}

/** `n / d` as a percentage rounded half up to `decimals` places, e.g. "66.67"; exact, via BigInt. */
export function percentText(numerator: number, denominator: number, decimals: number): string {
  return scaledRatioText(BigInt(numerator), BigInt(denominator), decimals);
}

function scaledRatioText(n: bigint, d: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = n * 100n * scale;
  let q = scaled / d;
  if ((scaled % d) * 2n >= d) q += 1n;
  const whole = q / scale;
  if (decimals === 0) return whole.toString();
  const fraction = (q % scale).toString().padStart(decimals, '0');
  return `${whole.toString()}.${fraction}`;
}

/**
 * The percentage of `n / d` for reading beside a threshold: two decimals, or as many more as it
 * takes when two would show the threshold itself while the verdict differs from the threshold's
 * own. Just below two thirds reads "66.6666%", never a misleading "66.67%"; just over half reads
 * "50.0001%", not "50.00%". Null when `d` is 0.
 */
export function percentAgainst(
  numerator: number,
  denominator: number,
  comparison: Comparison,
  fraction: LegalFraction,
): string | null {
  if (denominator === 0) return null;
  const [p, q] = FRACTIONS[fraction];
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const heldAtThreshold = comparison === 'at-least';
  const misleading = reaches(numerator, denominator, comparison, fraction) !== heldAtThreshold;
  // Two different rationals with denominators d and q differ by at least 1/(d·q), so this ends.
  for (let decimals = 2; ; decimals += 1) {
    const actual = scaledRatioText(n, d, decimals);
    if (!misleading || actual !== scaledRatioText(p, q, decimals)) return actual;
  }
}

/** Square metres for display (8950 → 89.5); exact values stay in hundredths. */
export function squareMetres(hundredths: number): number {
  return hundredths / 100;
}

/** "6,000.00" for 600000 hundredths of a square metre. */
export function formatArea(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const cents = hundredths % 100;
  return `${groupThousands(whole)}.${cents.toString().padStart(2, '0')}`;
}

/** "10,000" for 10000. */
export function groupThousands(value: number): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
