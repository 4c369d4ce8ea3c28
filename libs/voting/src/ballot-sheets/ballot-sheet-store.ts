import { randomBytes } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { newSerial, SERIAL_RANDOM_CHARS, type BallotSheetRecord, type Choice } from '@yishi/domain';
import { recordAudit } from '@yishi/registry';

/*
 * The `ballot_sheets` table (migration 1777000000000). Entering a sheet as a ballot is not done
 * here: the BallotCast that names the serial marks it, by trigger, in the append's transaction.
 */

export interface StoredSheet extends BallotSheetRecord {
  readonly communityId: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly enteredBy: string | null;
  readonly outcome: 'cast' | 'refused' | null;
  readonly choice: Choice | null;
  readonly voidedBy: string | null;
  readonly voidReason: string | null;
}

interface SheetRow {
  serial: string;
  resolution_id: string;
  community_id: string;
  unit_id: string;
  issued_by: string;
  issued_at: Date;
  entered_at: Date | null;
  entered_by: string | null;
  outcome: 'cast' | 'refused' | null;
  choice: Choice | null;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toSheet(r: SheetRow): StoredSheet {
  return {
    serial: r.serial,
    resolutionId: r.resolution_id,
    communityId: r.community_id,
    unitId: r.unit_id,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at.toISOString(),
    enteredAt: iso(r.entered_at),
    enteredBy: r.entered_by,
    outcome: r.outcome,
    choice: r.choice,
    voidedAt: iso(r.voided_at),
    voidedBy: r.voided_by,
    voidReason: r.void_reason,
  };
}

/** Serial collisions are retried with fresh serials (55 random bits: practically never). */
const ISSUE_ATTEMPTS = 3;

function freshSerials(resolutionId: string, count: number): string[] {
  return Array.from({ length: count }, () =>
    newSerial(resolutionId, randomBytes(SERIAL_RANDOM_CHARS)),
  );
}

export async function findSheet(
  db: Pool | PoolClient,
  serial: string,
): Promise<StoredSheet | undefined> {
  const { rows } = await db.query<SheetRow>(`SELECT * FROM ballot_sheets WHERE serial = $1`, [
    serial,
  ]);
  return rows[0] === undefined ? undefined : toSheet(rows[0]);
}

/** Every sheet of a resolution (voided ones too), by unit and then oldest first. */
export async function sheetsOf(
  db: Pool | PoolClient,
  resolutionId: string,
): Promise<StoredSheet[]> {
  const { rows } = await db.query<SheetRow>(
    `SELECT * FROM ballot_sheets WHERE resolution_id = $1 ORDER BY unit_id, issued_at, serial`,
    [resolutionId],
  );
  return rows.map(toSheet);
}

/**
 * Issues a sheet for each of `unitIds` that has no live one, in one transaction with its audit row.
 * Idempotent: a unit with a live sheet keeps it (the unique index on live sheets decides, so two
 * leads issuing at once get the same serials). Returns how many were created.
 */
export async function issueSheets(
  pool: Pool,
  input: {
    readonly resolutionId: string;
    readonly communityId: string;
    readonly unitIds: readonly string[];
    readonly issuedBy: string;
    readonly filter: Record<string, string | null>;
  },
): Promise<number> {
  if (input.unitIds.length === 0) return 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `INSERT INTO ballot_sheets (serial, resolution_id, community_id, unit_id, issued_by)
           SELECT s.serial, $2, $3, s.unit_id, $4
             FROM unnest($1::text[], $5::uuid[]) AS s(serial, unit_id)
           ON CONFLICT (resolution_id, unit_id) WHERE voided_at IS NULL DO NOTHING`,
          [
            freshSerials(input.resolutionId, input.unitIds.length),
            input.resolutionId,
            input.communityId,
            input.issuedBy,
            input.unitIds,
          ],
        );
        const created = rowCount ?? 0;
        if (created > 0)
          await recordAudit(client, {
            communityId: input.communityId,
            actorId: input.issuedBy,
            action: 'ballot-sheets.issued',
            entity: 'resolution',
            entityId: input.resolutionId,
            data: { created, ...input.filter },
          });
        return created;
      });
    } catch (error) {
      if (uniqueViolation(error) !== 'ballot_sheets_pkey' || attempt >= ISSUE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Voids a live sheet that has not been entered (lost, damaged, misprinted) and issues a new one for
 * its unit, with the reason, in one transaction with its audit row. Returns the new sheet, or
 * undefined when the sheet is not there to void (entered meanwhile, voided already).
 */
export async function reissueSheet(
  pool: Pool,
  input: {
    readonly sheet: StoredSheet;
    readonly actorId: string;
    readonly reason: string;
  },
): Promise<StoredSheet | undefined> {
  const { sheet } = input;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (client) => {
        const voided = await client.query(
          `UPDATE ballot_sheets SET voided_at = now(), voided_by = $2, void_reason = $3
            WHERE serial = $1 AND voided_at IS NULL AND entered_at IS NULL`,
          [sheet.serial, input.actorId, input.reason],
        );
        if (voided.rowCount !== 1) return undefined;
        const [serial] = freshSerials(sheet.resolutionId, 1);
        const { rows } = await client.query<SheetRow>(
          `INSERT INTO ballot_sheets (serial, resolution_id, community_id, unit_id, issued_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [serial, sheet.resolutionId, sheet.communityId, sheet.unitId, input.actorId],
        );
        await recordAudit(client, {
          communityId: sheet.communityId,
          actorId: input.actorId,
          action: 'ballot-sheets.reissued',
          entity: 'resolution',
          entityId: sheet.resolutionId,
          data: {
            unitId: sheet.unitId,
            voided: sheet.serial,
            issued: serial,
            reason: input.reason,
          },
        });
        return toSheet(rows[0]!);
      });
    } catch (error) {
      if (uniqueViolation(error) !== 'ballot_sheets_pkey' || attempt >= ISSUE_ATTEMPTS) throw error;
    }
  }
}

/**
 * A paper sheet refused because its unit had already voted: marked entered with outcome `refused`
 * and the choice it carried (the conflict report lists it), never a ballot. False when the sheet
 * was entered (or voided) meanwhile: then this entry is the second one.
 */
export async function recordRefusedSheet(
  db: Pool,
  serial: string,
  enteredBy: string,
  choice: Choice,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ballot_sheets
        SET entered_at = now(), entered_by = $2, outcome = 'refused', choice = $3
      WHERE serial = $1 AND entered_at IS NULL AND voided_at IS NULL`,
    [serial, enteredBy, choice],
  );
  return rowCount === 1;
}
