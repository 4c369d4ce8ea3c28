import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A notice about a demand or a whistle names it (`demand_id`, `whistle_id`), so the inbox can open
 * it, as `case_id` and `resolution_id` do for cases and votes.
 */
export class NotificationLinks1781000000000 implements MigrationInterface {
  name = 'NotificationLinks1781000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications ADD COLUMN demand_id uuid, ADD COLUMN whistle_id uuid;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN demand_id, DROP COLUMN whistle_id;`);
  }
}
