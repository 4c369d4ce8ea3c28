import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Canvassing (扫楼) and reminders to non-voters (issue 9; docs/voting.md):
 * - `canvass_visits`: each visit a building lead or grid worker records to a unit while its vote is
 *   open (channel, outcome, note, when), with who recorded it and when. Never updated or deleted:
 *   a unit's status on the board is its latest visit's outcome (by visit time), `voted` above all.
 * - `community_settings.vote_reminder_hours`: hours before a vote closes at which owners whose
 *   units have not voted are reminded.
 */
export class CanvassAndVoteReminders1776000000000 implements MigrationInterface {
  name = 'CanvassAndVoteReminders1776000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE canvass_visits (
        id            uuid PRIMARY KEY,
        community_id  uuid NOT NULL REFERENCES communities (id),
        resolution_id uuid NOT NULL,
        unit_id       uuid NOT NULL REFERENCES units (id),
        channel       text NOT NULL CHECK (channel IN ('door', 'phone', 'video', 'on-site')),
        outcome       text NOT NULL
                        CHECK (outcome IN ('reached', 'promised', 'declined', 'unreachable')),
        note          text,
        visited_at    timestamptz NOT NULL,
        recorded_by   uuid NOT NULL REFERENCES users (id),
        recorded_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX canvass_visits_latest
        ON canvass_visits (resolution_id, unit_id, visited_at DESC, recorded_at DESC);

      ALTER TABLE community_settings
        ADD COLUMN vote_reminder_hours double precision[] NOT NULL DEFAULT '{72,24}';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings DROP COLUMN vote_reminder_hours;
      DROP TABLE canvass_visits;
    `);
  }
}
