import { type Queryable, type RecordedEvent } from '@yishi/event-store';

/**
 * Physical table name for each logical table a projection owns: the live names, or the
 * `__rebuild` copies a rebuild fills before it swaps them in.
 */
export type TableNames<TTable extends string = string> = Readonly<Record<TTable, string>>;

/**
 * A read model built from the event log. Framework-free: plain functions over a `Queryable` (a pg
 * client inside the caller's transaction), so the runner and a rebuild drive it the same way.
 */
export interface Projection<TTable extends string = string> {
  /** Stable and unique: names the checkpoint (`projection:<name>`) and the CLI argument. */
  readonly name: string;
  /** Logical names of the tables it owns (lower-case identifiers of at most 40 characters). */
  readonly tables: readonly TTable[];
  /** Event types it reads; the others are skipped before `apply`. All when absent. */
  readonly eventTypes?: readonly string[];
  /**
   * DDL for the tables under the given physical names, idempotent (`IF NOT EXISTS`). Name indexes
   * and constraints `<physical table>_<suffix>`: a rebuild renames the prefix when it swaps.
   */
  createTables(db: Queryable, tables: TableNames<TTable>): Promise<void>;
  /**
   * Writes a batch of events (in log order) to the read model, in batches: one set-based statement
   * per table (`INSERT ... SELECT FROM unnest(...) ON CONFLICT ...`), never one per event. Runs
   * inside the caller's transaction, which also moves the checkpoint.
   */
  apply(db: Queryable, events: readonly RecordedEvent[], tables: TableNames<TTable>): Promise<void>;
  /**
   * Fills what the live tables lack that the checkpoint will never replay: a table added to a
   * projection that already ran, derived from its other tables. The runner calls it at each
   * leadership after `createTables`, in the same transaction, the checkpoint row locked (no batch
   * interleaves); it must be cheap when there is nothing to fill. Returns the rows it wrote. A
   * rebuild does not call it: it writes every table from the log.
   */
  upgrade?(db: Queryable, tables: TableNames<TTable>): Promise<number>;
}

export const REBUILD_SUFFIX = '__rebuild';

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The checkpoint and leadership name of a projection's runner. */
export function projectionCheckpointName(projection: Pick<Projection, 'name'>): string {
  return `projection:${projection.name}`;
}

/** Quotes a lower-case SQL identifier, refusing anything else (names are interpolated into DDL). */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export function liveTableNames<TTable extends string>(
  projection: Pick<Projection<TTable>, 'tables'>,
): TableNames<TTable> {
  return tableNames(projection.tables, '');
}

export function rebuildTableNames<TTable extends string>(
  projection: Pick<Projection<TTable>, 'tables'>,
): TableNames<TTable> {
  return tableNames(projection.tables, REBUILD_SUFFIX);
}

function tableNames<TTable extends string>(
  tables: readonly TTable[],
  suffix: string,
): TableNames<TTable> {
  const names = {} as Record<TTable, string>;
  for (const table of tables) {
    if (!TABLE_NAME.test(table)) {
      throw new Error(
        `projection table name ${JSON.stringify(table)} must be a lower-case identifier of at most 40 characters`,
      );
    }
    names[table] = `${table}${suffix}`;
  }
  return names;
}

/** The events a projection reads (all when it names no types). */
export function relevantEvents(
  projection: Pick<Projection, 'eventTypes'>,
  events: readonly RecordedEvent[],
): readonly RecordedEvent[] {
  const types = projection.eventTypes;
  if (types === undefined) return events;
  const wanted = new Set(types);
  return events.filter((e) => wanted.has(e.type));
}

/**
 * A batch's events grouped by the entity whose stream they belong to (`idOf` gives the entity's id
 * from a stream id, or undefined for another kind of stream), each group in log order.
 */
export function eventsByEntity(
  events: readonly RecordedEvent[],
  idOf: (streamId: string) => string | undefined,
): Map<string, RecordedEvent[]> {
  const grouped = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const id = idOf(e.streamId);
    if (id === undefined) continue;
    const group = grouped.get(id);
    if (group === undefined) grouped.set(id, [e]);
    else group.push(e);
  }
  return grouped;
}
