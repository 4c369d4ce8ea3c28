import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Notifications (docs/notifications.md): the in-app inbox, webhook subscriptions and their deliveries
 * (dead letters included), and SMS deliveries. Each delivery table has a unique key on the
 * notification it carries, so a replayed or retried job never delivers twice.
 */
export class Notifications1766000000000 implements MigrationInterface {
  name = 'Notifications1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id              uuid PRIMARY KEY,
        recipient_id    uuid NOT NULL REFERENCES users (id),
        community_id    uuid NOT NULL REFERENCES communities (id),
        case_id         uuid,
        party           text,
        kind            text NOT NULL,
        stage           text,
        title           text NOT NULL,
        body            text NOT NULL,
        source_event_id uuid NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        read_at         timestamptz,
        -- The idempotency guard: one row per event, recipient and kind, however often a job runs.
        CONSTRAINT notifications_once UNIQUE (source_event_id, recipient_id, kind)
      );
      CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC, id DESC);
      CREATE INDEX notifications_unread ON notifications (recipient_id, created_at DESC, id DESC)
        WHERE read_at IS NULL;

      CREATE TABLE webhook_subscriptions (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        url          text NOT NULL,
        -- Needed in clear to sign each delivery; never returned after creation.
        secret       text NOT NULL,
        active       boolean NOT NULL DEFAULT true,
        created_by   uuid REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        -- Deleting keeps the row, so its dead letters stay readable.
        deleted_at   timestamptz
      );
      CREATE UNIQUE INDEX webhook_subscriptions_url_key ON webhook_subscriptions (community_id, url)
        WHERE deleted_at IS NULL;

      CREATE TABLE webhook_deliveries (
        id              uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
        source_event_id uuid NOT NULL,
        kind            text NOT NULL,
        party           text NOT NULL,
        payload         jsonb NOT NULL,
        status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts        integer NOT NULL DEFAULT 0,
        last_status     integer,
        last_error      text,
        -- A lease while one job run is posting it, so a stalled job's twin does not post it too.
        locked_until    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        dead_at         timestamptz,
        -- Every party of a notification gets its own post, hence party in the key.
        CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, source_event_id, kind, party)
      );
      CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (dead_at DESC, id)
        WHERE status = 'dead';
      CREATE INDEX webhook_deliveries_notification
        ON webhook_deliveries (source_event_id, kind, party);

      CREATE TABLE sms_deliveries (
        id              uuid PRIMARY KEY,
        source_event_id uuid NOT NULL,
        recipient_id    uuid NOT NULL REFERENCES users (id),
        kind            text NOT NULL,
        community_id    uuid NOT NULL REFERENCES communities (id),
        party           text NOT NULL,
        phone           text,
        template_code   text,
        params          jsonb NOT NULL,
        status          text NOT NULL
                        CHECK (status IN ('pending', 'sent', 'skipped', 'dead')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        provider_id     text,
        locked_until    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz,
        CONSTRAINT sms_deliveries_once UNIQUE (source_event_id, recipient_id, kind)
      );
      CREATE INDEX sms_deliveries_notification ON sms_deliveries (source_event_id, kind, party);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE sms_deliveries, webhook_deliveries, webhook_subscriptions, notifications;`,
    );
  }
}
