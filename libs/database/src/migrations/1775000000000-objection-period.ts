import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 9, objection period (询异) and publication (公示): `community_settings` gains
 * `objection_working_days` (0: no objection period, the result is final at the close),
 * `objection_hours` (when not null, the period in clock hours instead) and `ballot_disclosure`
 * (`open`: 实名, each unit's room, area and choice are published; `totals`: totals only).
 */
export class ObjectionPeriod1775000000000 implements MigrationInterface {
  name = 'ObjectionPeriod1775000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        ADD COLUMN objection_working_days integer NOT NULL DEFAULT 0
          CHECK (objection_working_days BETWEEN 0 AND 366),
        ADD COLUMN objection_hours numeric CHECK (objection_hours >= 0),
        ADD COLUMN ballot_disclosure text NOT NULL DEFAULT 'totals'
          CHECK (ballot_disclosure IN ('open', 'totals'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        DROP COLUMN objection_working_days, DROP COLUMN objection_hours,
        DROP COLUMN ballot_disclosure;
    `);
  }
}
