import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 21, item 7: `community_settings` gains the minimum evaluation response (最低参评比例), the
 * share of the units in scope that must evaluate for a round to count, kept exact as a fraction
 * from 0 to 1 (default 3/10). Fewer responses close the case `unevaluated`.
 */
export class MinEvaluationResponse1779750000000 implements MigrationInterface {
  name = 'MinEvaluationResponse1779750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        ADD COLUMN min_response_numerator integer NOT NULL DEFAULT 3,
        ADD COLUMN min_response_denominator integer NOT NULL DEFAULT 10,
        ADD CONSTRAINT community_settings_min_response_check
          CHECK (min_response_denominator > 0
                 AND min_response_numerator BETWEEN 0 AND min_response_denominator);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        DROP COLUMN min_response_numerator, DROP COLUMN min_response_denominator;
    `);
  }
}
