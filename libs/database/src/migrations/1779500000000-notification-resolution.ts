import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An inbox row about a vote names its resolution (`voting-opened`, `voting-opened-notice`,
 * `vote-reminder`, `vote-published`), so an owner's notice leads straight to the ballot: issue 19.
 * Null for every other kind and for the rows written before.
 */
export class NotificationResolution1779500000000 implements MigrationInterface {
  name = 'NotificationResolution1779500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN resolution_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN resolution_id`);
  }
}
