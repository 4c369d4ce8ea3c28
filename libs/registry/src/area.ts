/** Registered areas are stored exactly, as integers of 0.01 m². */
export const MAX_AREA_HUNDREDTHS = 10_000_000; // 100,000.00 m², far above any single unit

/**
 * "89.5", "89.50", "120", 89.5 → hundredths; undefined when it is not a positive decimal with at
 * most two places. Never goes through floating-point arithmetic: a number is read by its shortest
 * decimal text, which is what the sender wrote.
 */
export function parseArea(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') text = value.trim();
  else return undefined;
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (match === null) return undefined;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return hundredths > 0 && hundredths <= MAX_AREA_HUNDREDTHS ? hundredths : undefined;
}

/** Hundredths → the JSON number the API returns (89.5 for 8950). */
export function areaNumber(hundredths: number): number {
  return hundredths / 100;
}

/** Hundredths → text with two decimals ("89.50"), for CSV and Chinese text. */
export function areaText(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
