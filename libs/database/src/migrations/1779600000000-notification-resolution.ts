import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 19, the residents' side of voting:
 * - an inbox row about a vote names its resolution (`voting-opened`, `voting-opened-notice`,
 *   `vote-reminder`, `vote-published`), so an owner's notice leads straight to the ballot; null for
 *   every other kind and for the rows written before;
 * - an SMS may go to a named user rather than a party's member (the owners called to vote): its
 *   `party` is then null. The unique key (event, recipient, kind) is unchanged.
 */
export class NotificationResolution1779600000000 implements MigrationInterface {
  name = 'NotificationResolution1779600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications ADD COLUMN resolution_id uuid;
      ALTER TABLE sms_deliveries ALTER COLUMN party DROP NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM sms_deliveries WHERE party IS NULL;
      ALTER TABLE sms_deliveries ALTER COLUMN party SET NOT NULL;
      ALTER TABLE notifications DROP COLUMN resolution_id;
    `);
  }
}
