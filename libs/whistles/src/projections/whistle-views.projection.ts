/**
 * The whistles' read model (docs/whistles.md, "Reads"): `whistle_views`, one row per whistle with
 * its folded state (jsonb), the columns the lists filter and sort on (community, street, the
 * departments it is with now, GIN-indexed, status, the next deadline) and the version it reflects;
 * `whistle_track_facts`, a row per track (the domain's whistleTrackFacts) for the street's figures.
 */
import {
  currentDepartmentIds,
  currentTracks,
  foldWhistle,
  pendingDeadline,
  type Whistle,
  WHISTLE_EVENT_LABELS,
  type WhistleEvent,
  whistleTrackFacts,
  type WhistleTrackFacts,
} from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { eventsByEntity, ident, type Projection, type TableNames } from '@yishi/projections';
import { whistleIdOf } from '../whistle-repository';

type Table = 'whistle_views' | 'whistle_track_facts';

/** The earliest deadline a current track waits on, or null. */
export function nextDueAt(w: Whistle): string | null {
  if (w.status === 'withdrawn') return null;
  const due = currentTracks(w)
    .map((t) => pendingDeadline(t)?.dueAt ?? null)
    .filter((d): d is string => d !== null)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return due[0] ?? null;
}

export const whistleViewsProjection: Projection<Table> = {
  name: 'whistle-views',
  tables: ['whistle_views', 'whistle_track_facts'],
  eventTypes: Object.keys(WHISTLE_EVENT_LABELS),

  async createTables(db: Queryable, t: TableNames<Table>): Promise<void> {
    const v = t.whistle_views;
    const f = t.whistle_track_facts;
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(v)} (
        whistle_id      uuid PRIMARY KEY,
        community_id    uuid NOT NULL,
        street_id       uuid NOT NULL,
        -- The departments it is with now (tracks not passed on).
        department_ids  uuid[] NOT NULL,
        status          text NOT NULL,
        subject         text NOT NULL,
        demand_id       uuid,
        case_id         uuid,
        issued_at       timestamptz NOT NULL,
        issued_by       text NOT NULL,
        next_due_at     timestamptz,
        tracks          jsonb NOT NULL,
        version         bigint NOT NULL,
        state           jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_departments`)}
        ON ${ident(v)} USING gin (department_ids);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_community`)}
        ON ${ident(v)} (community_id, issued_at DESC);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_street`)}
        ON ${ident(v)} (street_id, status);
      CREATE TABLE IF NOT EXISTS ${ident(f)} (
        whistle_id          uuid NOT NULL,
        track_number        integer NOT NULL,
        community_id        uuid NOT NULL,
        street_id           uuid NOT NULL,
        department_id       uuid NOT NULL,
        status              text NOT NULL,
        whistle_status      text NOT NULL,
        issued_at           timestamptz NOT NULL,
        transferred_from    uuid,
        accept_due_at       timestamptz NOT NULL,
        accepted_at         timestamptz,
        accepted_on_time    boolean,
        first_check_in_at   timestamptz,
        hours_to_check_in   double precision,
        first_answer_at     timestamptz,
        hours_to_answer     double precision,
        transferred_to      uuid,
        transfer_reason     text,
        ratings             text[] NOT NULL,
        rating              text,
        reopenings          integer NOT NULL,
        overdue_escalations integer NOT NULL,
        PRIMARY KEY (whistle_id, track_number)
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${f}_street`)}
        ON ${ident(f)} (street_id, department_id, issued_at);
    `);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const byWhistle = eventsByEntity(events, whistleIdOf);
    if (byWhistle.size === 0) return;
    const ids = [...byWhistle.keys()];
    const { rows } = await db.query<{ whistle_id: string; state: Whistle }>(
      `SELECT whistle_id, state FROM ${ident(t.whistle_views)} WHERE whistle_id = ANY($1::uuid[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.whistle_id, r.state]));
    const next = ids.map((id) => {
      const recorded = byWhistle.get(id)!;
      const state = foldWhistle(
        recorded.map((r) => ({ type: r.type, data: r.data }) as WhistleEvent),
        current.get(id) ?? null,
      );
      if (state === null) throw new Error(`whistle ${id} folded to nothing`);
      return { state, version: recorded.at(-1)!.streamPosition };
    });
    const col = <T>(fn: (w: Whistle) => T): T[] => next.map((n) => fn(n.state));
    await db.query(
      `INSERT INTO ${ident(t.whistle_views)}
         (whistle_id, community_id, street_id, department_ids, status, subject, demand_id, case_id,
          issued_at, issued_by, next_due_at, tracks, version, state)
       SELECT w.id, w.community_id, w.street_id,
              ARRAY(SELECT jsonb_array_elements_text(w.departments))::uuid[],
              w.status, w.subject, w.demand_id, w.case_id, w.issued_at, w.issued_by,
              w.next_due_at, w.tracks, w.version, w.state
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::jsonb[], $5::text[], $6::text[],
                     $7::uuid[], $8::uuid[], $9::timestamptz[], $10::text[], $11::timestamptz[],
                     $12::jsonb[], $13::bigint[], $14::jsonb[])
           AS w(id, community_id, street_id, departments, status, subject, demand_id, case_id,
                issued_at, issued_by, next_due_at, tracks, version, state)
       ON CONFLICT (whistle_id) DO UPDATE SET
         department_ids = EXCLUDED.department_ids, status = EXCLUDED.status,
         next_due_at = EXCLUDED.next_due_at, tracks = EXCLUDED.tracks,
         version = EXCLUDED.version, state = EXCLUDED.state`,
      [
        col((w) => w.id),
        col((w) => w.communityId),
        col((w) => w.streetId),
        col((w) => JSON.stringify(currentDepartmentIds(w))),
        col((w) => w.status),
        col((w) => w.subject),
        col((w) => w.source.demandId),
        col((w) => w.source.caseId),
        col((w) => w.issuedAt),
        col((w) => w.issuedBy),
        col(nextDueAt),
        col((w) => JSON.stringify(w.tracks)),
        next.map((n) => n.version),
        col((w) => JSON.stringify(w)),
      ],
    );
    await writeFacts(
      db,
      t.whistle_track_facts,
      ids,
      next.flatMap((n) => whistleTrackFacts(n.state)),
    );
  },
};

/** Replaces the whistles' track rows (a whistle's tracks only grow; a rewrite keeps it simple). */
async function writeFacts(
  db: Queryable,
  table: string,
  whistleIds: readonly string[],
  facts: readonly WhistleTrackFacts[],
): Promise<void> {
  await db.query(`DELETE FROM ${ident(table)} WHERE whistle_id = ANY($1::uuid[])`, [whistleIds]);
  const col = <T>(fn: (f: WhistleTrackFacts) => T): T[] => facts.map(fn);
  await db.query(
    `INSERT INTO ${ident(table)}
       (whistle_id, track_number, community_id, street_id, department_id, status, whistle_status,
        issued_at, transferred_from, accept_due_at, accepted_at, accepted_on_time,
        first_check_in_at, hours_to_check_in, first_answer_at, hours_to_answer, transferred_to,
        transfer_reason, ratings, rating, reopenings, overdue_escalations)
     SELECT f.whistle_id, f.track_number, f.community_id, f.street_id, f.department_id, f.status,
            f.whistle_status, f.issued_at, f.transferred_from, f.accept_due_at, f.accepted_at,
            f.accepted_on_time, f.first_check_in_at, f.hours_to_check_in, f.first_answer_at,
            f.hours_to_answer, f.transferred_to, f.transfer_reason,
            ARRAY(SELECT jsonb_array_elements_text(f.ratings)), f.rating, f.reopenings,
            f.overdue_escalations
       FROM unnest($1::uuid[], $2::integer[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[],
                   $7::text[], $8::timestamptz[], $9::uuid[], $10::timestamptz[],
                   $11::timestamptz[], $12::boolean[], $13::timestamptz[],
                   $14::double precision[], $15::timestamptz[], $16::double precision[],
                   $17::uuid[], $18::text[], $19::jsonb[], $20::text[], $21::integer[],
                   $22::integer[])
         AS f(whistle_id, track_number, community_id, street_id, department_id, status,
              whistle_status, issued_at, transferred_from, accept_due_at, accepted_at,
              accepted_on_time, first_check_in_at, hours_to_check_in, first_answer_at,
              hours_to_answer, transferred_to, transfer_reason, ratings, rating, reopenings,
              overdue_escalations)`,
    [
      col((f) => f.whistleId),
      col((f) => f.trackNumber),
      col((f) => f.communityId),
      col((f) => f.streetId),
      col((f) => f.departmentId),
      col((f) => f.status),
      col((f) => f.whistleStatus),
      col((f) => f.issuedAt),
      col((f) => f.transferredFrom),
      col((f) => f.acceptDueAt),
      col((f) => f.acceptedAt),
      col((f) => f.acceptedOnTime),
      col((f) => f.firstCheckInAt),
      col((f) => f.hoursToCheckIn),
      col((f) => f.firstAnswerAt),
      col((f) => f.hoursToAnswer),
      col((f) => f.transferredAway?.toDepartmentId ?? null),
      col((f) => f.transferredAway?.reason ?? null),
      col((f) => JSON.stringify(f.ratings)),
      col((f) => f.rating),
      col((f) => f.reopenings),
      col((f) => f.overdueEscalations),
    ],
  );
}
