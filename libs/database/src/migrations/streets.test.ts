import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { Streets1780500000000 as Migration } from './1780500000000-streets';

/*
 * The streets' migration on communities made before it: each (street, district) named becomes one
 * street with its office (街道办), every community naming it is linked, and each community's
 * `street-officer` becomes a dispatcher of the office, once however many communities they serve.
 * Its down leaves the schema as it was, so up runs again.
 */
describe('migration 1780500000000: streets, departments and their members', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const runner = () => ({ query: (sql: string) => db.pool.query(sql) }) as unknown as QueryRunner;
  const tables = async () =>
    (
      await db.pool.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema()
            AND table_name IN ('streets', 'departments', 'department_members')
          ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
  const user = async (username: string) =>
    (
      await db.pool.query<{ id: string }>(
        `INSERT INTO users (id, username, display_name, password_hash)
         VALUES (gen_random_uuid(), $1, $1, 'x') RETURNING id`,
        [username],
      )
    ).rows[0]!.id;
  const community = async (name: string, street: string | null, district: string | null) =>
    (
      await db.pool.query<{ id: string }>(
        `INSERT INTO communities (id, name, street, district)
         VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
        [name, street, district],
      )
    ).rows[0]!.id;
  const member = (communityId: string, userId: string, roles: string[]) =>
    db.pool.query(`INSERT INTO memberships (community_id, user_id, roles) VALUES ($1, $2, $3)`, [
      communityId,
      userId,
      roles,
    ]);

  it('makes a street with its office for each street named, links the communities and makes their street officers dispatchers of the office', async () => {
    await new Migration().down(runner());
    expect(await tables()).toEqual([]);

    const xuyuan = await community('学苑社区', '秀谷镇', '金溪县');
    const donghu = await community('东湖社区', '秀谷镇', '金溪县');
    const sameNameElsewhere = await community('城南社区', '秀谷镇', '南城县');
    const noDistrict = await community('无县社区', '琅琚镇', null);
    const noStreet = await community('独立社区', null, '金溪县');
    const feng = await user('feng');
    const lone = await user('lone');
    const secretary = await user('secretary');
    await member(xuyuan, feng, ['street-officer']);
    await member(donghu, feng, ['street-officer', 'resident']);
    await member(noDistrict, lone, ['street-officer']);
    await member(xuyuan, secretary, ['secretary']);
    await member(noStreet, secretary, ['street-officer']);

    await new Migration().up(runner());

    expect(await tables()).toEqual(['department_members', 'departments', 'streets']);
    const { rows: streets } = await db.pool.query<{
      id: string;
      name: string;
      district: string | null;
      office: string;
      kind: string;
    }>(
      `SELECT s.id, s.name, s.district, d.name AS office, d.kind
         FROM streets s JOIN departments d ON d.street_id = s.id
        ORDER BY s.name, s.district NULLS LAST`,
    );
    expect(
      streets.map(({ name, district, office, kind }) => [name, district, office, kind]),
    ).toEqual([
      ['琅琚镇', null, '街道办', 'street-office'],
      ['秀谷镇', '南城县', '街道办', 'street-office'],
      ['秀谷镇', '金溪县', '街道办', 'street-office'],
    ]);
    const streetOf = (name: string, district: string | null) =>
      streets.find((s) => s.name === name && s.district === district)!.id;

    const { rows: links } = await db.pool.query<{ id: string; street_id: string | null }>(
      `SELECT id, street_id FROM communities`,
    );
    const linked = new Map(links.map((r) => [r.id, r.street_id]));
    expect(linked.get(xuyuan)).toBe(streetOf('秀谷镇', '金溪县'));
    expect(linked.get(donghu)).toBe(streetOf('秀谷镇', '金溪县'));
    expect(linked.get(sameNameElsewhere)).toBe(streetOf('秀谷镇', '南城县'));
    expect(linked.get(noDistrict)).toBe(streetOf('琅琚镇', null));
    expect(linked.get(noStreet)).toBeNull();

    const { rows: officers } = await db.pool.query<{
      user_id: string;
      street_id: string;
      kind: string;
      role: string;
    }>(
      `SELECT dm.user_id, d.street_id, d.kind, dm.role
         FROM department_members dm JOIN departments d ON d.id = dm.department_id
        ORDER BY dm.user_id`,
    );
    expect(
      officers
        .sort((a, b) => a.user_id.localeCompare(b.user_id))
        .map((o) => [o.user_id, o.street_id, o.kind, o.role]),
    ).toEqual(
      [
        [feng, streetOf('秀谷镇', '金溪县'), 'street-office', 'dispatcher'],
        [lone, streetOf('琅琚镇', null), 'street-office', 'dispatcher'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );

    const { rows: audit } = await db.pool.query<{ entity_id: string; data: { source: string } }>(
      `SELECT entity_id, data FROM audit_log WHERE action = 'street.created'`,
    );
    expect(audit.map((a) => a.entity_id).sort()).toEqual(streets.map((s) => s.id).sort());
    expect(audit.every((a) => a.data.source === 'migration')).toBe(true);

    // The new constraints: one street of a name per district, one office per street, one name per street.
    await expect(
      db.pool.query(`INSERT INTO streets (id, name) VALUES (gen_random_uuid(), '琅琚镇')`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'streets_name_key' });
    await expect(
      db.pool.query(
        `INSERT INTO departments (id, street_id, name, kind)
         VALUES (gen_random_uuid(), $1, '第二个街道办', 'street-office')`,
        [streetOf('琅琚镇', null)],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'departments_one_office' });
    await expect(
      db.pool.query(
        `INSERT INTO departments (id, street_id, name, kind)
         VALUES (gen_random_uuid(), $1, '街道办', 'department')`,
        [streetOf('琅琚镇', null)],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'departments_name_key' });
  });
});
