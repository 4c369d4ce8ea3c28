import { randomBytes, randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { AlreadyExistsError, ValidationError } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from '../audit';
import { type BindingHasher } from './binding-hasher';
import { invalid } from './binding-checks';
import { type IdentityRow, matching, normaliseIdentity } from './owner-identities';

/** One owner of a bulk import, as the file or JSON gives it; `row` and `line` for messages. */
export interface OwnerIdentityRow {
  readonly row: number;
  readonly line?: number | undefined;
  readonly values: Record<string, unknown>;
}

/** Columns of the owner import, English or Chinese (小区,楼栋,单元,房号,不动产权证号,身份证号). */
export const OWNER_IDENTITY_FIELDS = [
  'estate',
  'building',
  'entrance',
  'room',
  'certificateNumber',
  'idNumber',
] as const;
const OWNER_HEADER_ALIASES: Readonly<Record<string, string>> = {
  小区: 'estate',
  楼栋: 'building',
  单元: 'entrance',
  房号: 'room',
  不动产权证号: 'certificateNumber',
  产权证号: 'certificateNumber',
  certificatenumber: 'certificateNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
};

/** CSV records → owner rows: the first record is the header. */
export function csvToOwnerIdentityRows(
  records: readonly { line: number; fields: string[] }[],
): OwnerIdentityRow[] {
  const [header, ...data] = records;
  if (header === undefined)
    throw new ValidationError('CSV 文件是空的', { field: 'header', problem: 'missing' });
  const columns = header.fields.map((h) => {
    const name = h.trim();
    return OWNER_HEADER_ALIASES[name] ?? OWNER_HEADER_ALIASES[name.toLowerCase()] ?? name;
  });
  for (const field of OWNER_IDENTITY_FIELDS)
    if (!columns.includes(field))
      throw new ValidationError(`CSV 表头缺少 ${field} 列`, {
        line: header.line,
        field,
        problem: 'missing column',
      });
  return data.map((record, i) => {
    if (record.fields.length !== columns.length)
      throw new ValidationError(
        `第 ${i + 1} 行业主（文件第 ${record.line} 行）有 ${record.fields.length} 列，表头有 ${columns.length} 列`,
        { row: i + 1, line: record.line, field: 'columns', problem: 'wrong number of fields' },
      );
    const values: Record<string, unknown> = {};
    columns.forEach((c, j) => (values[c] = record.fields[j]));
    return { row: i + 1, line: record.line, values };
  });
}

/** The most owners one import may record (a large estate's registry, like the unit import). */
export const MAX_OWNERS_PER_IMPORT = 20_000;

/**
 * Records many owners at once (the registry's export, CSV or JSON): each row names its unit by
 * estate, building, entrance and room, and carries the two numbers, hashed at once. All rows or
 * none: a bad row rejects the import with a 400 naming the row and the field (never the value); an
 * owner already recorded for the unit, or twice in the file, is 409 naming the row. Set-based: a
 * few statements for any number of rows.
 */
export async function importOwnerIdentities(
  pool: Pool,
  hasher: BindingHasher,
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
  return inTransaction(pool, async (client) => {
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
      if (earlier !== undefined || matching(hasher, existing.get(unitId) ?? [], p.identity))
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
        certificate: hasher.hash(salt, 'certificate', p.identity.certificate),
        idNumber: hasher.hash(salt, 'id-number', p.identity.id),
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
