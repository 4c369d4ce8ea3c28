import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The demands ledger's deadlines as community settings (docs/demands.md, "Deadlines"): hours to
 * accept (签收), working days to resolve (办结, with per-category overrides as a jsonb object of
 * category → working days) and to confirm (评价). The defaults are the hotline's: 24, 7, 3.
 */
export class DemandDeadlines1779850000000 implements MigrationInterface {
  name = 'DemandDeadlines1779850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        ADD COLUMN demand_accept_hours numeric NOT NULL DEFAULT 24
          CONSTRAINT community_settings_demand_accept_hours_check CHECK (demand_accept_hours > 0),
        ADD COLUMN demand_resolve_working_days integer NOT NULL DEFAULT 7
          CONSTRAINT community_settings_demand_resolve_working_days_check
          CHECK (demand_resolve_working_days >= 1),
        ADD COLUMN demand_resolve_working_days_by_category jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN demand_confirm_working_days integer NOT NULL DEFAULT 3
          CONSTRAINT community_settings_demand_confirm_working_days_check
          CHECK (demand_confirm_working_days >= 1);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE community_settings
        DROP COLUMN demand_accept_hours,
        DROP COLUMN demand_resolve_working_days,
        DROP COLUMN demand_resolve_working_days_by_category,
        DROP COLUMN demand_confirm_working_days;
    `);
  }
}
