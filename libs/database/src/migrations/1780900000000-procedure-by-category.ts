import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A community's procedure per case category (docs/procedure.md): `{category: {meeting?,
 * decision?}}`, for cases opened after a change; a category not named gets its mechanism's.
 */
export class ProcedureByCategory1780900000000 implements MigrationInterface {
  name = 'ProcedureByCategory1780900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        ADD COLUMN procedure_by_category jsonb NOT NULL DEFAULT '{}'
          CHECK (jsonb_typeof(procedure_by_category) = 'object');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community_settings DROP COLUMN procedure_by_category;`);
  }
}
