import { CASE_EVENT_TYPES } from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { ident, type Projection, type TableNames } from '@yishi/projections';
import { caseIdOf } from '../case-repository';

type Table = 'case_timeline';

/** The audit timeline of each case (GET /cases/:id/events): every step, who and when, oldest first. */
export const caseTimelineProjection: Projection<Table> = {
  name: 'case-timeline',
  tables: ['case_timeline'],
  eventTypes: CASE_EVENT_TYPES,

  async createTables(db: Queryable, t: TableNames<Table>): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(t.case_timeline)} (
        case_id     uuid NOT NULL,
        position    bigint NOT NULL,
        event_id    uuid NOT NULL,
        type        text NOT NULL,
        data        jsonb NOT NULL,
        actor_id    text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, position)
      );
    `);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const rows = events.flatMap((e) => {
      const id = caseIdOf(e.streamId);
      return id === undefined ? [] : [{ id, e }];
    });
    if (rows.length === 0) return;
    // Re-applying a batch (a crash before the checkpoint moved) rewrites the same rows.
    await db.query(
      `INSERT INTO ${ident(t.case_timeline)} (case_id, position, event_id, type, data, actor_id, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::timestamptz[])
       ON CONFLICT (case_id, position) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.e.streamPosition),
        rows.map((r) => r.e.eventId),
        rows.map((r) => r.e.type),
        rows.map((r) => JSON.stringify(r.e.data)),
        rows.map((r) => r.e.metadata.actorId),
        rows.map((r) => r.e.metadata.occurredAt),
      ],
    );
  },
};
