import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Whistles (吹哨报到, docs/whistles.md): a department's photos of a check-in (报到) or an answer
 * (反馈) are uploads like a demand's, attached to the whistle that names them (`whistle_id`). An
 * upload is attached to one demand or one whistle, never both. The read model (`whistle_views`,
 * `whistle_track_facts`) is the projection's own (whistle-views.projection.ts), like the demands'.
 */
export class Whistles1780600000000 implements MigrationInterface {
  name = 'Whistles1780600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE uploads ADD COLUMN whistle_id uuid;
      ALTER TABLE uploads
        DROP CONSTRAINT uploads_attached,
        ADD CONSTRAINT uploads_attached CHECK (
          ((demand_id IS NULL AND whistle_id IS NULL) = (attached_at IS NULL))
          AND (demand_id IS NULL OR whistle_id IS NULL)
        );
      CREATE INDEX uploads_whistle ON uploads (whistle_id) WHERE whistle_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX uploads_whistle;
      DELETE FROM uploads WHERE whistle_id IS NOT NULL;
      ALTER TABLE uploads
        DROP CONSTRAINT uploads_attached,
        DROP COLUMN whistle_id,
        ADD CONSTRAINT uploads_attached CHECK ((demand_id IS NULL) = (attached_at IS NULL));
    `);
  }
}
