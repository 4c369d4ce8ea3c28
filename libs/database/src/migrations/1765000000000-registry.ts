import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The registry, accounts and access control (docs/registry-and-access.md): reference data in plain
 * tables, every change audited in the same transaction. Areas are integers of 0.01 m².
 */
export class Registry1765000000000 implements MigrationInterface {
  name = 'Registry1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY,
        username      text NOT NULL,
        display_name  text NOT NULL,
        phone         text,
        password_hash text NOT NULL,
        is_admin      boolean NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_username_key ON users (lower(username));

      CREATE TABLE communities (
        id         uuid PRIMARY KEY,
        name       text NOT NULL,
        street     text,
        district   text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX communities_name_key
        ON communities (name, coalesce(street, ''), coalesce(district, ''));

      CREATE TABLE estates (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        name         text NOT NULL,
        CONSTRAINT estates_name_key UNIQUE (community_id, name)
      );
      CREATE TABLE buildings (
        id        uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates (id),
        name      text NOT NULL,
        CONSTRAINT buildings_name_key UNIQUE (estate_id, name)
      );
      CREATE TABLE entrances (
        id          uuid PRIMARY KEY,
        building_id uuid NOT NULL REFERENCES buildings (id),
        name        text NOT NULL,
        CONSTRAINT entrances_name_key UNIQUE (building_id, name)
      );
      CREATE TABLE units (
        id              uuid PRIMARY KEY,
        community_id    uuid NOT NULL REFERENCES communities (id),
        estate_id       uuid NOT NULL REFERENCES estates (id),
        entrance_id     uuid NOT NULL REFERENCES entrances (id),
        room            text NOT NULL,
        area_hundredths bigint NOT NULL CHECK (area_hundredths > 0),
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT units_room_key UNIQUE (entrance_id, room)
      );
      CREATE INDEX units_community ON units (community_id, estate_id);

      CREATE TABLE memberships (
        community_id uuid NOT NULL REFERENCES communities (id),
        user_id      uuid NOT NULL REFERENCES users (id),
        roles        text[] NOT NULL CHECK (cardinality(roles) > 0),
        party        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, user_id)
      );
      CREATE INDEX memberships_user ON memberships (user_id);

      -- Owners of units: the units of a resident membership.
      CREATE TABLE unit_owners (
        unit_id      uuid NOT NULL REFERENCES units (id),
        user_id      uuid NOT NULL REFERENCES users (id),
        community_id uuid NOT NULL REFERENCES communities (id),
        PRIMARY KEY (unit_id, user_id)
      );
      CREATE INDEX unit_owners_member ON unit_owners (community_id, user_id);

      CREATE TABLE community_settings (
        community_id             uuid PRIMARY KEY REFERENCES communities (id),
        acknowledgement_hours    numeric NOT NULL,
        reminder_before_hours    numeric NOT NULL,
        notice_period_hours      numeric NOT NULL,
        evaluation_window_hours  numeric NOT NULL,
        satisfaction_numerator   integer NOT NULL,
        satisfaction_denominator integer NOT NULL CHECK (satisfaction_denominator > 0),
        updated_at               timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE audit_log (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        community_id uuid,
        actor_id     uuid,
        action       text NOT NULL,
        entity       text NOT NULL,
        entity_id    text,
        data         jsonb NOT NULL DEFAULT '{}',
        at           timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_community ON audit_log (community_id, id);

      -- Failed logins per username and per client address (shared by every API process).
      CREATE TABLE login_throttle (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_throttle, audit_log, community_settings, unit_owners, memberships, units,
        entrances, buildings, estates, communities, users;
    `);
  }
}
