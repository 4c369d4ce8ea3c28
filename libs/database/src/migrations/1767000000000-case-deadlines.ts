import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Acknowledgement deadlines (docs/workflow.md, "Deadlines and escalation"): per stage entry and
 * required party, one `reminder` row (due at the event's remindAt) and one `escalation` row (due at
 * the deadline). They are the timers' truth: the delayed BullMQ jobs only wake their processors,
 * which re-read the row and the case, and the reconciler re-creates the job of every pending row.
 */
export class CaseDeadlines1767000000000 implements MigrationInterface {
  name = 'CaseDeadlines1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_deadlines (
        -- Stable for the row's life: the reminder notification's source id (its inbox unique key).
        id         uuid NOT NULL,
        case_id    uuid NOT NULL,
        entry      integer NOT NULL CHECK (entry >= 1),
        stage      text NOT NULL,
        party      text NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        due_at     timestamptz NOT NULL,
        -- The acknowledgement deadline itself (the escalation's due_at), quoted in the reminder.
        deadline   timestamptz NOT NULL,
        status     text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'done', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- When it left pending (done or cancelled).
        done_at    timestamptz,
        CONSTRAINT case_deadlines_pkey PRIMARY KEY (case_id, entry, party, kind),
        CONSTRAINT case_deadlines_id_key UNIQUE (id),
        CONSTRAINT case_deadlines_done CHECK ((status = 'pending') = (done_at IS NULL))
      );
      -- The reconciler pages through the pending rows in key order.
      CREATE INDEX case_deadlines_pending ON case_deadlines (case_id, entry, party, kind)
        WHERE status = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_deadlines`);
  }
}
