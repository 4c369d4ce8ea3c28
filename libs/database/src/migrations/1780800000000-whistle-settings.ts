import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A community's whistle deadlines (docs/whistles.md, "Deadlines"): working hours for a department
 * to accept (签收, default 2) and working days from acceptance to answer (反馈, default 5). Fixed on
 * each whistle when it is issued, so a change applies to whistles issued after it.
 */
export class WhistleSettings1780800000000 implements MigrationInterface {
  name = 'WhistleSettings1780800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        ADD COLUMN whistle_accept_working_hours numeric NOT NULL DEFAULT 2
          CHECK (whistle_accept_working_hours > 0),
        ADD COLUMN whistle_answer_working_days integer NOT NULL DEFAULT 5
          CHECK (whistle_answer_working_days BETWEEN 1 AND 366);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        DROP COLUMN whistle_accept_working_hours,
        DROP COLUMN whistle_answer_working_days;
    `);
  }
}
