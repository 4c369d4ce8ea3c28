import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Meetings for real (docs/procedure.md, "Meetings for real"):
 * - a meeting's case is an index lookup on its MeetingScheduled or MeetingRecorded (the log is the
 *   truth, so a sign-in right after the meeting is scheduled finds it);
 * - `meeting_codes`: the one-time code shown in the room, one per meeting (a new one replaces it),
 *   valid until `expires_at`. Not event-sourced: it proves presence for fifteen minutes and means
 *   nothing after; the sign-in it admits is in the log, with `by: 'code'`;
 * - the photos of a meeting's minutes are uploads attached to its case (`case_id`), readable by
 *   the case's readers.
 */
export class Meetings1781100000000 implements MigrationInterface {
  name = 'Meetings1781100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX events_meeting_idx ON events ((data->>'meetingId'))
        WHERE type IN ('MeetingScheduled', 'MeetingRecorded');

      CREATE TABLE meeting_codes (
        meeting_id   uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        code         text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
        expires_at   timestamptz NOT NULL,
        issued_by    uuid NOT NULL REFERENCES users (id),
        issued_at    timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE uploads ADD COLUMN case_id uuid;
      ALTER TABLE uploads DROP CONSTRAINT uploads_attached;
      -- One owner at most (a demand, a whistle or a case), and attached exactly when it has one.
      ALTER TABLE uploads ADD CONSTRAINT uploads_attached CHECK (
        num_nonnulls(demand_id, whistle_id, case_id) <= 1
        AND (attached_at IS NULL) = (num_nonnulls(demand_id, whistle_id, case_id) = 0)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM uploads WHERE case_id IS NOT NULL;
      ALTER TABLE uploads DROP CONSTRAINT uploads_attached;
      ALTER TABLE uploads DROP COLUMN case_id;
      ALTER TABLE uploads ADD CONSTRAINT uploads_attached CHECK (
        ((demand_id IS NULL AND whistle_id IS NULL) = (attached_at IS NULL))
        AND (demand_id IS NULL OR whistle_id IS NULL)
      );
      DROP TABLE meeting_codes;
      DROP INDEX events_meeting_idx;
    `);
  }
}
