/**
 * The ledger's keyset cursor (`nextCursor`, `?cursor=`): where the next page starts, as the sort
 * keys of the last demand shown, so a page deep in the ledger is one index range from there
 * instead of every row before it counted off. Opaque to clients: base64url of a JSON array
 * `[sort, ...keys]`; instants with their microseconds (PostgreSQL's precision), so demands received
 * in the same millisecond are neither skipped nor shown twice.
 */
import { ValidationError } from '@yishi/domain';

export type DemandListSort = 'received' | 'due';

/** The sort keys of one demand, in the order of its sort. */
export type DemandCursor =
  | { readonly sort: 'received'; readonly receivedAt: string; readonly demandId: string }
  | {
      readonly sort: 'due';
      /** The status group (1 waiting, 2 elsewhere, 3 finished). */
      readonly group: number;
      readonly dueKey: string;
      readonly receivedAt: string;
      readonly demandId: string;
    };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An instant as the cursor keeps it, in SQL over a timestamptz column (UTC, microseconds). */
export const cursorInstantSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeDemandCursor(c: DemandCursor): string {
  const keys =
    c.sort === 'received'
      ? [c.sort, c.receivedAt, c.demandId]
      : [c.sort, c.group, c.dueKey, c.receivedAt, c.demandId];
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

const refused = (message: string) =>
  new ValidationError(message, { fields: [{ field: 'cursor', problems: [message] }] });

/**
 * The cursor a client sent back, for a list sorted by `sort`; 400 when it is not one we made, or
 * was made for the other sort.
 */
export function decodeDemandCursor(text: string, sort: DemandListSort): DemandCursor {
  const c = parse(text);
  if (c === undefined) throw refused('翻页标记（cursor）无效，请回到第一页重新查看');
  if (c.sort !== sort) throw refused('翻页标记（cursor）属于另一种排序方式，请回到第一页重新查看');
  return c;
}

function parse(text: string): DemandCursor | undefined {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(keys)) return undefined;
  const instant = (v: unknown): v is string =>
    typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));
  const uuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
  const [sort, ...rest] = keys as unknown[];
  if (sort === 'received' && rest.length === 2) {
    const [receivedAt, demandId] = rest;
    if (instant(receivedAt) && uuid(demandId)) return { sort, receivedAt, demandId };
  }
  if (sort === 'due' && rest.length === 4) {
    const [group, dueKey, receivedAt, demandId] = rest;
    if (
      (group === 1 || group === 2 || group === 3) &&
      instant(dueKey) &&
      instant(receivedAt) &&
      uuid(demandId)
    )
      return { sort, group, dueKey, receivedAt, demandId };
  }
  return undefined;
}
