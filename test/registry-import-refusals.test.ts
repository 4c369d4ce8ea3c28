import { type Server } from 'node:http';
import request from 'supertest';
import { client } from './support/api';
import { type TestDatabase } from './support/database';
import { useRegistryPlatform } from './support/registry-platform';

/*
 * A unit import with one bad row (or a bad body, size or type, or a unit that exists) is refused
 * whole, naming the row and field, and writes nothing: no unit, no estate.
 */
describe('unit imports refused whole over HTTP (real PostgreSQL)', () => {
  const registry = useRegistryPlatform('registry-import-refusals');
  let db: TestDatabase;
  let server: Server;
  let admin: string;
  let otherId: string;
  beforeAll(async () => {
    ({ db, server, admin, otherId } = registry);
    // A unit already there, so a row naming it again is a conflict (409).
    await client(server, admin)
      .post(`/communities/${otherId}/units`, {
        units: [{ estate: '东湖花园', building: '1栋', entrance: '1单元', room: '101', area: 50 }],
      })
      .expect(201);
  });
  const count = async (communityId: string) =>
    (
      (await client(server, admin).get(`/communities/${communityId}/units?limit=1`).expect(200))
        .body as { total: number }
    ).total;

  it('one bad row rejects the whole import, naming the row and field; nothing is written', async () => {
    const before = await count(otherId);
    const cases: [object, number, Record<string, unknown>][] = [
      [
        {
          units: [
            { estate: 'A', building: 'B', entrance: 'C', room: '1', area: 50 },
            { estate: 'A', building: 'B', entrance: 'C', room: '2', area: -3 },
          ],
        },
        400,
        { row: 2, field: 'area' },
      ],
      [
        { units: [{ estate: 'A', building: 'B', entrance: 'C', room: '1', area: 0 }] },
        400,
        { row: 1, field: 'area' },
      ],
      [
        { units: [{ estate: 'A', building: 'B', entrance: 'C', room: '1', area: 12.345 }] },
        400,
        { row: 1, field: 'area' },
      ],
      [
        {
          units: [
            { estate: 'A', building: 'B', entrance: 'C', room: '1', area: 50 },
            { estate: 'A', building: 'B', entrance: 'C', room: '1', area: 60 },
          ],
        },
        400,
        { row: 2, field: 'room' },
      ],
      [
        { units: [{ estate: 'A', building: 'B', entrance: 'C', room: 7, area: 50 }] },
        400,
        { row: 1, field: 'room' },
      ],
      [
        { units: [{ estate: 'A', building: 'B', entrance: 'C', area: 50 }] },
        400,
        { row: 1, field: 'room' },
      ],
      [
        {
          units: [{ estate: 'A', building: 'B', entrance: 'C', room: '1', area: 50, owner: 'x' }],
        },
        400,
        { row: 1, field: 'owner' },
      ],
      [
        {
          units: [{ estate: 'x'.repeat(65), building: 'B', entrance: 'C', room: '1', area: 50 }],
        },
        400,
        { row: 1, field: 'estate' },
      ],
      [
        {
          units: [
            { estate: 'A', building: 'B', entrance: 'C', room: '9', area: 50 },
            { estate: '东湖花园', building: '1栋', entrance: '1单元', room: '101', area: 50 },
          ],
        },
        409,
        { row: 2, field: 'room' },
      ],
    ];
    for (const [body, status, details] of cases) {
      const res = await client(server, admin).post(`/communities/${otherId}/units`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
      expect((res.body as { error: { details: object } }).error.details).toMatchObject(details);
    }
    for (const body of [{}, { units: 'many' }, { units: [] }, [1, 2]]) {
      const res = await client(server, admin).post(`/communities/${otherId}/units`, body);
      expect(res.status).toBe(400);
    }
    const csv = await request(server)
      .post(`/api/v1/communities/${otherId}/units`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/csv')
      .send('estate,building,entrance,room,area\nA,B,C,1,50\nA,B,C,2,abc\n');
    expect(csv.status).toBe(400);
    expect((csv.body as { error: { details: object } }).error.details).toMatchObject({
      row: 2,
      line: 3,
      field: 'area',
    });
    await request(server)
      .post(`/api/v1/communities/${otherId}/units`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/plain')
      .send('estate,building,entrance,room,area\nA,B,C,1,50\n')
      .expect(415);
    expect(await count(otherId)).toBe(before);
    const estates = await db.pool.query(
      `SELECT 1 FROM estates WHERE community_id = $1 AND name = 'A'`,
      [otherId],
    );
    expect(estates.rowCount).toBe(0);
  });
});
