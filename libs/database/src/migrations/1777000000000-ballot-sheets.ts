import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Printed ballot sheets with serials (docs/voting.md, "Ballot sheets with serials"):
 * - `ballot_sheets`: one live sheet per (resolution, unit), its serial unique. A voided sheet stays
 *   (with who voided it and why) and a new one is issued for the unit.
 * - A serial is entered once, and the mark commits with the ballot: an AFTER INSERT trigger on
 *   `events` marks the sheet of a BallotCast that names a `serial` as entered (outcome `cast`), in
 *   the append's own transaction, or raises SQLSTATE 23V02 when the sheet is not there to mark
 *   (entered already, voided, or not this unit's), which rolls the append back. AFTER, not
 *   BEFORE: append_batch claims new streams with INSERT … ON CONFLICT DO NOTHING, and a BEFORE
 *   trigger would mark a sheet for a row that is then skipped. No process can die between the
 *   ballot and the mark: there is no between.
 * - A paper sheet refused because the unit had already voted is marked entered with outcome
 *   `refused` and the choice it carried, so the conflict report shows it; it never becomes a ballot.
 */
export class BallotSheets1777000000000 implements MigrationInterface {
  name = 'BallotSheets1777000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ballot_sheets (
        serial        text PRIMARY KEY,
        resolution_id uuid NOT NULL,
        community_id  uuid NOT NULL REFERENCES communities (id),
        unit_id       uuid NOT NULL REFERENCES units (id),
        issued_by     uuid NOT NULL REFERENCES users (id),
        issued_at     timestamptz NOT NULL DEFAULT now(),
        entered_at    timestamptz,
        entered_by    uuid REFERENCES users (id),
        outcome       text CHECK (outcome IN ('cast', 'refused')),
        choice        text CHECK (choice IN ('for', 'against', 'abstain')),
        voided_at     timestamptz,
        voided_by     uuid REFERENCES users (id),
        void_reason   text,
        CONSTRAINT ballot_sheets_entry CHECK (
          (entered_at IS NULL) = (outcome IS NULL) AND (entered_at IS NULL) = (entered_by IS NULL)),
        CONSTRAINT ballot_sheets_void CHECK (
          (voided_at IS NULL) = (voided_by IS NULL) AND (voided_at IS NULL OR entered_at IS NULL))
      );
      CREATE UNIQUE INDEX ballot_sheets_live ON ballot_sheets (resolution_id, unit_id)
        WHERE voided_at IS NULL;
      CREATE INDEX ballot_sheets_resolution ON ballot_sheets (resolution_id, unit_id, issued_at);

      CREATE FUNCTION ballot_marks_sheet_entered() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE ballot_sheets
           SET entered_at = now(), entered_by = (NEW.data->>'castBy')::uuid, outcome = 'cast',
               choice = NEW.data->>'choice'
         WHERE serial = NEW.data->>'serial'
           AND resolution_id = (NEW.data->>'resolutionId')::uuid
           AND unit_id = (NEW.data->>'unitId')::uuid
           AND entered_at IS NULL AND voided_at IS NULL;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'ballot sheet % cannot be entered', NEW.data->>'serial'
            USING ERRCODE = '23V02';
        END IF;
        RETURN NULL;
      END
      $fn$;

      CREATE TRIGGER events_ballot_marks_sheet_entered
        AFTER INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'BallotCast' AND NEW.data ? 'serial')
        EXECUTE FUNCTION ballot_marks_sheet_entered();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER events_ballot_marks_sheet_entered ON events;
      DROP FUNCTION ballot_marks_sheet_entered();
      DROP TABLE ballot_sheets;
    `);
  }
}
