import { type Queryable } from '../../libs/event-store/src';

export interface CatalogueRow {
  stream_id: string;
  category: string;
  version: string;
  event_count: string;
  first_occurred_at: Date | null;
  last_occurred_at: Date | null;
  last_event_type: string;
}

/** The stream catalogue's content, in stream id order. */
export async function readCatalogue(
  db: Queryable,
  table = 'stream_catalogue',
): Promise<CatalogueRow[]> {
  const { rows } = await db.query<CatalogueRow>(
    `SELECT stream_id, category, version, event_count, first_occurred_at, last_occurred_at,
            last_event_type
       FROM ${table} ORDER BY stream_id`,
  );
  return rows;
}

/** What the catalogue must hold, computed straight from `events` in SQL. */
export async function expectedCatalogue(db: Queryable): Promise<CatalogueRow[]> {
  const { rows } = await db.query<CatalogueRow>(
    `SELECT stream_id,
            CASE WHEN strpos(stream_id, '-') > 1 THEN split_part(stream_id, '-', 1)
                 ELSE stream_id END AS category,
            max(stream_position) AS version,
            count(*) AS event_count,
            min((metadata->>'occurredAt')::timestamptz) AS first_occurred_at,
            (array_agg((metadata->>'occurredAt')::timestamptz ORDER BY stream_position DESC))[1]
              AS last_occurred_at,
            (array_agg(type ORDER BY stream_position DESC))[1] AS last_event_type
       FROM events GROUP BY stream_id ORDER BY stream_id`,
  );
  return rows;
}
