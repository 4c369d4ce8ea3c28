import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Voting and follow-up (docs/workflow.md, "Voting and follow-up"):
 * - partial expression indexes, so that the ballots of one resolution, a resolution's case and a
 *   task's case are index lookups, never a scan of the log;
 * - the ballot box closes for good: a BallotCast is stored only while its resolution's stream
 *   (`resolution-<id>`) exists and holds no VotingClosed. The check takes a FOR SHARE lock on the
 *   resolution's `streams` row; appending VotingClosed takes FOR UPDATE on the same row (inside
 *   append_event), so the close waits for ballots in flight, and a ballot after it sees it. The
 *   tally, read after the close commits, therefore counts every ballot that was ever accepted.
 *   SQLSTATE 23V01 (class 23, integrity): an append that fails it is an error of that append alone.
 */
export class VotingAndTasks1768000000000 implements MigrationInterface {
  name = 'VotingAndTasks1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX events_ballot_resolution_idx ON events ((data->>'resolutionId'))
        WHERE type = 'BallotCast';
      CREATE INDEX events_resolution_drafted_idx ON events ((data->>'resolutionId'))
        WHERE type = 'ResolutionDrafted';
      CREATE INDEX events_task_idx ON events ((data->>'taskId'), stream_position)
        WHERE type IN ('TaskAssigned', 'TaskReassigned');

      CREATE FUNCTION ballot_requires_open_voting() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_stream text := 'resolution-' || coalesce(NEW.data->>'resolutionId', '');
        v_found  boolean;
      BEGIN
        PERFORM 1 FROM streams WHERE stream_id = v_stream FOR SHARE;
        v_found := FOUND;
        -- After the lock: a close that committed meanwhile is visible to this statement.
        IF NOT v_found OR EXISTS (
          SELECT 1 FROM events WHERE stream_id = v_stream AND type = 'VotingClosed'
        ) THEN
          RAISE EXCEPTION 'voting on resolution % is not open', NEW.data->>'resolutionId'
            USING ERRCODE = '23V01';
        END IF;
        RETURN NEW;
      END
      $fn$;

      CREATE TRIGGER events_ballot_requires_open_voting
        BEFORE INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'BallotCast')
        EXECUTE FUNCTION ballot_requires_open_voting();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER events_ballot_requires_open_voting ON events;
      DROP FUNCTION ballot_requires_open_voting();
      DROP INDEX events_task_idx;
      DROP INDEX events_resolution_drafted_idx;
      DROP INDEX events_ballot_resolution_idx;
    `);
  }
}
