import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 6, follow-up and accountability:
 * - `case_deadlines` also holds the timers of tasks: `task-reminder` before a task's due date and
 *   `task-escalation` (吹哨) at it, keyed by `task_id` (the nil UUID for acknowledgement rows) and,
 *   in `entry`, the revision of the task's due date (1, then one more per reassignment);
 * - `community_settings` gains the working-day deadlines: `acknowledgement_working_days` (null:
 *   hours), `reminder_before_working_days`, `task_due_working_days`, `task_reminder_before_hours`.
 * - `evidence_files`: uploaded task evidence (photos, documents), the bytes under DATA_DIR.
 */
export class FollowUp1773000000000 implements MigrationInterface {
  name = 'FollowUp1773000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_deadlines
        ADD COLUMN task_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
        DROP CONSTRAINT case_deadlines_kind_check,
        ADD CONSTRAINT case_deadlines_kind_check
          CHECK (kind IN ('reminder', 'escalation', 'task-reminder', 'task-escalation')),
        DROP CONSTRAINT case_deadlines_pkey,
        ADD CONSTRAINT case_deadlines_pkey PRIMARY KEY (case_id, entry, party, kind, task_id);
      DROP INDEX case_deadlines_pending;
      CREATE INDEX case_deadlines_pending ON case_deadlines (case_id, entry, party, kind, task_id)
        WHERE status = 'pending';

      ALTER TABLE community_settings
        ADD COLUMN acknowledgement_working_days integer
          CHECK (acknowledgement_working_days BETWEEN 1 AND 366),
        ADD COLUMN reminder_before_working_days integer
          CHECK (reminder_before_working_days BETWEEN 0 AND 366),
        ADD COLUMN task_due_working_days integer NOT NULL DEFAULT 10
          CHECK (task_due_working_days BETWEEN 1 AND 366),
        ADD COLUMN task_reminder_before_hours numeric NOT NULL DEFAULT 24
          CHECK (task_reminder_before_hours >= 0);

      CREATE TABLE evidence_files (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        case_id      uuid NOT NULL,
        task_id      uuid NOT NULL,
        -- Sniffed from the bytes, never taken from the request.
        content_type text NOT NULL,
        size_bytes   integer NOT NULL CHECK (size_bytes > 0),
        sha256       text NOT NULL,
        file_name    text,
        storage_key  text NOT NULL,
        uploaded_by  uuid NOT NULL,
        uploaded_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX evidence_files_task ON evidence_files (task_id, uploaded_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE evidence_files;
      ALTER TABLE community_settings
        DROP COLUMN acknowledgement_working_days, DROP COLUMN reminder_before_working_days,
        DROP COLUMN task_due_working_days, DROP COLUMN task_reminder_before_hours;
      DELETE FROM case_deadlines WHERE kind IN ('task-reminder', 'task-escalation');
      ALTER TABLE case_deadlines
        DROP CONSTRAINT case_deadlines_pkey,
        ADD CONSTRAINT case_deadlines_pkey PRIMARY KEY (case_id, entry, party, kind),
        DROP CONSTRAINT case_deadlines_kind_check,
        ADD CONSTRAINT case_deadlines_kind_check CHECK (kind IN ('reminder', 'escalation')),
        DROP COLUMN task_id;
      DROP INDEX case_deadlines_pending;
      CREATE INDEX case_deadlines_pending ON case_deadlines (case_id, entry, party, kind)
        WHERE status = 'pending';
    `);
  }
}
