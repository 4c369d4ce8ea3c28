import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Streets above communities (街道, docs/whistles.md "The registry"):
 * - `streets`: a name unique within its district (a district is a name on its streets);
 * - `departments`: a street's departments (城管, 住建 …, kind `department`) and its one office
 *   (街道办, kind `street-office`, made with the street: its members are the street's officers);
 * - `department_members`: who works in a department, as `dispatcher` or `staff`;
 * - `communities.street_id`: the community's street (the old `street` name stays beside it).
 *
 * Backfill: every (street, district) named by a community becomes a street with its office, the
 * community is linked to it, and each `street-officer` of a community becomes a dispatcher of its
 * street's office. Each street made here has its `street.created` audit row (no actor).
 */
export class Streets1780500000000 implements MigrationInterface {
  name = 'Streets1780500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streets (
        id         uuid PRIMARY KEY,
        name       text NOT NULL,
        district   text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX streets_name_key ON streets (name, coalesce(district, ''));

      CREATE TABLE departments (
        id         uuid PRIMARY KEY,
        street_id  uuid NOT NULL REFERENCES streets (id),
        name       text NOT NULL,
        kind       text NOT NULL
          CONSTRAINT departments_kind_check CHECK (kind IN ('department', 'street-office')),
        -- The clock, not the transaction's start: a street's departments list in the order made.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT departments_name_key UNIQUE (street_id, name)
      );
      CREATE UNIQUE INDEX departments_one_office ON departments (street_id)
        WHERE kind = 'street-office';

      CREATE TABLE department_members (
        department_id uuid NOT NULL REFERENCES departments (id),
        user_id       uuid NOT NULL REFERENCES users (id),
        role          text NOT NULL
          CONSTRAINT department_members_role_check CHECK (role IN ('dispatcher', 'staff')),
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department_id, user_id)
      );
      CREATE INDEX department_members_user ON department_members (user_id);

      ALTER TABLE communities ADD COLUMN street_id uuid REFERENCES streets (id);
      CREATE INDEX communities_street ON communities (street_id) WHERE street_id IS NOT NULL;

      INSERT INTO streets (id, name, district)
      SELECT gen_random_uuid(), c.street, min(c.district)
        FROM communities c WHERE c.street IS NOT NULL
       GROUP BY c.street, coalesce(c.district, '');

      INSERT INTO departments (id, street_id, name, kind)
      SELECT gen_random_uuid(), s.id, '街道办', 'street-office' FROM streets s;

      INSERT INTO audit_log (community_id, actor_id, action, entity, entity_id, data)
      SELECT NULL, NULL, 'street.created', 'street', s.id::text,
             jsonb_build_object('name', s.name, 'district', s.district, 'source', 'migration')
        FROM streets s;

      UPDATE communities c SET street_id = s.id
        FROM streets s
       WHERE c.street = s.name AND coalesce(c.district, '') = coalesce(s.district, '');

      INSERT INTO department_members (department_id, user_id, role)
      SELECT DISTINCT d.id, m.user_id, 'dispatcher'
        FROM memberships m
        JOIN communities c ON c.id = m.community_id
        JOIN departments d ON d.street_id = c.street_id AND d.kind = 'street-office'
       WHERE 'street-officer' = ANY (m.roles);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE communities DROP COLUMN street_id;
      DROP TABLE department_members, departments, streets;
    `);
  }
}
