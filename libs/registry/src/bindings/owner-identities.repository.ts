import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError, ValidationError } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';
import { BINDING_HASHER, type BindingHasher } from './binding-hasher';
import { invalid, unitOf } from './binding-checks';
import { type OwnerIdentityInput, type OwnerIdentityView } from './binding-views';
import { identitiesOf, type IdentityRow, matching, normaliseIdentity } from './owner-identities';
import { MAX_OWNERS_PER_IMPORT, type OwnerIdentityRow } from './owner-identity-rows';

/** The owners the secretary recorded for units: numbers hashed at once, never read back. */
@Injectable()
export class OwnerIdentitiesRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  /**
   * The secretary records one owner of a unit: the certificate and ID numbers, hashed at once.
   * 400 for numbers that cannot be (the ID number's check character is verified), 404 for a unit
   * of another community, 409 ALREADY_EXISTS for the same owner recorded twice for the unit.
   * `db`: inside a transaction of the caller's (the demo's seed).
   */
  async record(
    communityId: string,
    actorId: string | null,
    unitId: string,
    input: OwnerIdentityInput,
    db?: PoolClient,
  ): Promise<OwnerIdentityView> {
    const identity = normaliseIdentity(input);
    const work = async (client: PoolClient): Promise<OwnerIdentityView> => {
      await unitOf(client, communityId, unitId);
      // Serialises records of one unit, so the duplicate check sees committed rows.
      await client.query(`SELECT 1 FROM units WHERE id = $1 FOR NO KEY UPDATE`, [unitId]);
      if (matching(this.hasher, await identitiesOf(client, unitId), identity) !== undefined)
        throw new AlreadyExistsError('该业主的证件信息已登记', { unitId });
      const salt = randomBytes(16);
      const { rows } = await client.query<{ id: string; recorded_at: Date }>(
        `INSERT INTO unit_owner_identities
           (id, community_id, unit_id, salt, certificate_hash, id_number_hash, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, recorded_at`,
        [
          randomUUID(),
          communityId,
          unitId,
          salt,
          this.hasher.hash(salt, 'certificate', identity.certificate),
          this.hasher.hash(salt, 'id-number', identity.id),
          actorId,
        ],
      );
      const row = rows[0]!;
      await recordAudit(client, {
        communityId,
        actorId,
        action: 'owner-identity.recorded',
        entity: 'unit',
        entityId: unitId,
        data: { identityId: row.id },
      });
      return {
        id: row.id,
        unitId,
        recordedAt: row.recorded_at.toISOString(),
        recordedBy: actorId,
        bound: false,
      };
    };
    return db === undefined ? inTransaction(this.pool, work) : work(db);
  }

  /** The owner recorded for the unit whose numbers both match, compared in constant time. */
  async matching(
    unitId: string,
    identity: { certificate: string; id: string },
  ): Promise<IdentityRow | undefined> {
    return matching(this.hasher, await identitiesOf(this.pool, unitId), identity);
  }

  /** The owner identities recorded for a unit, oldest first: ids and dates only. */
  async list(communityId: string, unitId: string): Promise<OwnerIdentityView[]> {
    await unitOf(this.pool, communityId, unitId);
    const { rows } = await this.pool.query<{
      id: string;
      recorded_at: Date;
      recorded_by: string | null;
      bound: boolean;
    }>(
      `SELECT i.id, i.recorded_at, i.recorded_by,
              EXISTS (SELECT 1 FROM unit_bindings b
                       WHERE b.identity_id = i.id AND b.unbound_at IS NULL) AS bound
         FROM unit_owner_identities i
        WHERE i.unit_id = $1 AND i.removed_at IS NULL ORDER BY i.recorded_at, i.id`,
      [unitId],
    );
    return rows.map((r) => ({
      id: r.id,
      unitId,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.recorded_by,
      bound: r.bound,
    }));
  }

  /**
   * Records many owners at once (the registry's export, CSV or JSON): each row names its unit by
   * estate, building, entrance and room, and carries the two numbers, hashed at once. All rows or
   * none: a bad row rejects the import with a 400 naming the row and the field (never the value);
   * an owner already recorded for the unit, or twice in the file, is 409 naming the row.
   * Set-based: a few statements for any number of rows.
   */
  async import(
    communityId: string,
    actorId: string | null,
    rows: readonly OwnerIdentityRow[],
  ): Promise<{ recorded: number }> {
    if (rows.length === 0) throw invalid('owners', 'must list at least one owner');
    if (rows.length > MAX_OWNERS_PER_IMPORT)
      throw invalid('owners', `at most ${MAX_OWNERS_PER_IMPORT} per import`);
    const name = (r: OwnerIdentityRow, field: string): string => {
      const v = r.values[field];
      if (typeof v !== 'string' || v.trim() === '' || v.length > 64)
        throw new ValidationError(`第 ${r.row} 行业主：${field} 须填写（1 到 64 个字符）`, {
          row: r.row,
          line: r.line,
          field,
          problem: 'required, 1 to 64 characters',
        });
      return v.normalize('NFC').trim();
    };
    const parsed = rows.map((r) => {
      let identity: { certificate: string; id: string };
      try {
        identity = normaliseIdentity({
          certificateNumber: r.values.certificateNumber,
          idNumber: r.values.idNumber,
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const fields = error.details.fields as { field: string }[] | undefined;
        throw new ValidationError(`第 ${r.row} 行业主：${error.message}`, {
          row: r.row,
          line: r.line,
          field: fields?.[0]?.field,
          reason: error.details.reason,
        });
      }
      return {
        r,
        unit: [name(r, 'estate'), name(r, 'building'), name(r, 'entrance'), name(r, 'room')],
        identity,
      };
    });
    return inTransaction(this.pool, async (client) => {
      const { rows: found } = await client.query<{ ord: string; unit_id: string | null }>(
        `SELECT t.ord, u.id AS unit_id
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
                AS t(estate, building, entrance, room, ord)
           LEFT JOIN estates e ON e.community_id = $1 AND e.name = t.estate
           LEFT JOIN buildings b ON b.estate_id = e.id AND b.name = t.building
           LEFT JOIN entrances n ON n.building_id = b.id AND n.name = t.entrance
           LEFT JOIN units u ON u.entrance_id = n.id AND u.room = t.room
          ORDER BY t.ord`,
        [communityId, ...[0, 1, 2, 3].map((k) => parsed.map((p) => p.unit[k]))],
      );
      const unitIds = found.map((f, i) => {
        if (f.unit_id === null)
          throw new ValidationError(`第 ${parsed[i]!.r.row} 行业主：本社区没有这套房屋`, {
            row: parsed[i]!.r.row,
            line: parsed[i]!.r.line,
            field: 'room',
            problem: 'no such unit in this community',
          });
        return f.unit_id;
      });
      // Serialises imports and single records touching these units.
      await client.query(
        `SELECT 1 FROM units WHERE id = ANY ($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
        [[...new Set(unitIds)]],
      );
      const existing = new Map<string, IdentityRow[]>();
      const { rows: known } = await client.query<IdentityRow & { unit_id: string }>(
        `SELECT id, unit_id, salt, certificate_hash, id_number_hash FROM unit_owner_identities
          WHERE unit_id = ANY ($1::uuid[]) AND removed_at IS NULL`,
        [[...new Set(unitIds)]],
      );
      for (const k of known) existing.set(k.unit_id, [...(existing.get(k.unit_id) ?? []), k]);
      const inFile = new Map<string, number>();
      const inserts = parsed.map((p, i) => {
        const unitId = unitIds[i]!;
        const key = `${unitId}\u0000${p.identity.certificate}\u0000${p.identity.id}`;
        const earlier = inFile.get(key);
        if (earlier !== undefined || matching(this.hasher, existing.get(unitId) ?? [], p.identity))
          throw new AlreadyExistsError(
            earlier === undefined
              ? `Owner row ${p.r.row}: this owner is recorded for the unit already`
              : `Owner row ${p.r.row}: repeats row ${earlier}`,
            { row: p.r.row, line: p.r.line },
          );
        inFile.set(key, p.r.row);
        const salt = randomBytes(16);
        return {
          id: randomUUID(),
          unitId,
          salt,
          certificate: this.hasher.hash(salt, 'certificate', p.identity.certificate),
          idNumber: this.hasher.hash(salt, 'id-number', p.identity.id),
        };
      });
      await client.query(
        `INSERT INTO unit_owner_identities
           (id, community_id, unit_id, salt, certificate_hash, id_number_hash, recorded_by)
         SELECT t.id, $1, t.unit_id, t.salt, t.c, t.i, $7
           FROM unnest($2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
                AS t(id, unit_id, salt, c, i)`,
        [
          communityId,
          inserts.map((x) => x.id),
          inserts.map((x) => x.unitId),
          inserts.map((x) => x.salt),
          inserts.map((x) => x.certificate),
          inserts.map((x) => x.idNumber),
          actorId,
        ],
      );
      await recordAudit(client, {
        communityId,
        actorId,
        action: 'owner-identities.imported',
        entity: 'community',
        entityId: communityId,
        data: { recorded: inserts.length, units: new Set(unitIds).size },
      });
      return { recorded: inserts.length };
    });
  }
}

/** The secretary's record of one owner (OwnerIdentitiesRepository.record), for code without Nest. */
export function recordOwnerIdentity(
  pool: Pool,
  hasher: BindingHasher,
  communityId: string,
  actorId: string | null,
  unitId: string,
  input: OwnerIdentityInput,
  db?: PoolClient,
): Promise<OwnerIdentityView> {
  return new OwnerIdentitiesRepository(pool, hasher).record(
    communityId,
    actorId,
    unitId,
    input,
    db,
  );
}
