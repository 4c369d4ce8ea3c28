import { stringify } from 'csv-stringify/sync';

/** A cell of an export: text, a number, or nothing. */
export type CsvCell = string | number | null;

/**
 * A CSV file for Excel and WPS: UTF-8 with a byte-order mark (without it Excel reads GBK and the
 * Chinese is garbled), CRLF line ends, RFC 4180 quoting by csv-stringify (any line break in a field
 * quoted too). A text cell that starts with = + - or @ gets a leading ' so that a spreadsheet shows
 * it instead of running it as a formula (CSV injection); numbers are left as they are.
 */
export function csvFile(rows: readonly (readonly CsvCell[])[]): string {
  const safe = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' && /^[=+\-@]/.test(cell) ? `'${cell}` : cell)),
  );
  return `\uFEFF${stringify(safe, { record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`;
}

/** A rate (0 to 1) as a percentage with two decimals for a CSV cell; null stays empty. */
export function csvPercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10_000) / 100;
}
