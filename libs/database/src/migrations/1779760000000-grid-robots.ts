import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A grid's group-chat robot (一网格一微信群, docs/notifications.md "Group-chat robots"):
 * - `grid_robots`: at most one per grid, a WeCom (企业微信) or DingTalk group robot's webhook URL
 *   and, for a signed DingTalk robot, its `SEC…` secret. The URL carries the robot's key, so like
 *   a webhook's secret it is kept in clear for sending and never returned nor logged.
 * - `grid_robot_deliveries`: one row per grid and message (the ledger's event and the message
 *   kind), its attempts and outcome; the `dead` ones are the robots' dead letters.
 */
export class GridRobots1779760000000 implements MigrationInterface {
  name = 'GridRobots1779760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grid_robots (
        grid_id      uuid PRIMARY KEY REFERENCES grids (id) ON DELETE CASCADE,
        community_id uuid NOT NULL REFERENCES communities (id),
        kind         text NOT NULL CONSTRAINT grid_robots_kind_check CHECK (kind IN ('wecom', 'dingtalk')),
        webhook_url  text NOT NULL,
        secret       text,
        set_by       uuid,
        set_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grid_robots_secret_check CHECK (secret IS NULL OR kind = 'dingtalk')
      );

      CREATE TABLE grid_robot_deliveries (
        id              uuid PRIMARY KEY,
        grid_id         uuid NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
        source_event_id uuid NOT NULL,
        kind            text NOT NULL,
        title           text NOT NULL,
        markdown        text NOT NULL,
        status          text NOT NULL DEFAULT 'pending'
          CONSTRAINT grid_robot_deliveries_status_check
          CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts        integer NOT NULL DEFAULT 0,
        last_errcode    integer,
        last_error      text,
        locked_until    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        dead_at         timestamptz,
        CONSTRAINT grid_robot_deliveries_once UNIQUE (grid_id, source_event_id, kind)
      );
      CREATE INDEX grid_robot_deliveries_dead ON grid_robot_deliveries (dead_at DESC)
        WHERE status = 'dead';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grid_robot_deliveries, grid_robots;`);
  }
}
