import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The advisory lock class of "a resolution's ballot box" (the first key of the two-int form). */
const VOTING_LOCK_CLASS = 278;

/**
 * Ballots and the close of their resolution meet on an advisory lock instead of the resolution's
 * `streams` row.
 *
 * Before: every BallotCast took `FOR SHARE` on the row of `resolution-<id>`, and VotingClosed's
 * append updated that row, so the close waited for ballots in flight. Correct, but a row share lock
 * is written into the row: each ballot rewrote the one hot tuple's xmax (a heap write and a WAL
 * record), and ballots in flight together made PostgreSQL build and extend a MultiXact per lock
 * (pg_multixact). With an estate voting at once this was most of the server's work per ballot.
 *
 * Now: a BallotCast takes the transaction-level advisory lock of its resolution in shared mode
 * (memory only: the lock manager, no row, no WAL), and a VotingClosed takes the same lock in
 * exclusive mode before it is inserted. The guarantee is unchanged: the close waits for every ballot
 * in flight to commit; a ballot after it waits for the close to commit, then its check (a fresh
 * snapshot, after the lock) sees VotingClosed and fails with 23V01. The key is (class, hashtext of
 * the resolution's stream): a hash collision between two resolutions only makes one wait for the
 * other, never lets a ballot through.
 */
export class BallotCloseAdvisoryLock1778000000000 implements MigrationInterface {
  name = 'BallotCloseAdvisoryLock1778000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ballot_requires_open_voting() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_stream text := 'resolution-' || coalesce(NEW.data->>'resolutionId', '');
      BEGIN
        -- Shared with the resolution's other ballots, exclusive with its close (below).
        PERFORM pg_advisory_xact_lock_shared(${VOTING_LOCK_CLASS}, hashtext(v_stream));
        -- After the lock: a close that committed meanwhile is visible to this statement.
        IF NOT EXISTS (SELECT 1 FROM streams WHERE stream_id = v_stream) OR EXISTS (
          SELECT 1 FROM events WHERE stream_id = v_stream AND type = 'VotingClosed'
        ) THEN
          RAISE EXCEPTION 'voting on resolution % is not open', NEW.data->>'resolutionId'
            USING ERRCODE = '23V01';
        END IF;
        RETURN NEW;
      END
      $fn$;

      CREATE FUNCTION voting_close_waits_for_ballots() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(${VOTING_LOCK_CLASS}, hashtext(NEW.stream_id));
        RETURN NEW;
      END
      $fn$;

      CREATE TRIGGER events_voting_close_waits_for_ballots
        BEFORE INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'VotingClosed')
        EXECUTE FUNCTION voting_close_waits_for_ballots();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER events_voting_close_waits_for_ballots ON events;
      DROP FUNCTION voting_close_waits_for_ballots();
      CREATE OR REPLACE FUNCTION ballot_requires_open_voting() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_stream text := 'resolution-' || coalesce(NEW.data->>'resolutionId', '');
        v_found  boolean;
      BEGIN
        PERFORM 1 FROM streams WHERE stream_id = v_stream FOR SHARE;
        v_found := FOUND;
        IF NOT v_found OR EXISTS (
          SELECT 1 FROM events WHERE stream_id = v_stream AND type = 'VotingClosed'
        ) THEN
          RAISE EXCEPTION 'voting on resolution % is not open', NEW.data->>'resolutionId'
            USING ERRCODE = '23V01';
        END IF;
        RETURN NEW;
      END
      $fn$;
    `);
  }
}
