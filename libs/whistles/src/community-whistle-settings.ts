import { type Pool } from 'pg';
import { DEFAULT_WHISTLE_SETTINGS } from '@yishi/domain';

/** A community's street and the deadlines its whistles get unless the request gives others. */
export interface CommunityWhistleSettings {
  readonly streetId: string | null;
  readonly acceptWithinWorkingHours: number;
  readonly resolveWithinWorkingDays: number;
}

/** The community's street and whistle settings (the defaults where it has no settings row); undefined for an unknown community. */
export async function communityWhistleSettings(
  pool: Pool,
  communityId: string,
): Promise<CommunityWhistleSettings | undefined> {
  const { rows } = await pool.query<{
    street_id: string | null;
    accept: string | null;
    answer: number | null;
  }>(
    `SELECT c.street_id, s.whistle_accept_working_hours AS accept,
            s.whistle_answer_working_days AS answer
       FROM communities c LEFT JOIN community_settings s ON s.community_id = c.id
      WHERE c.id = $1`,
    [communityId],
  );
  const r = rows[0];
  if (r === undefined) return undefined;
  return {
    streetId: r.street_id,
    acceptWithinWorkingHours:
      r.accept === null ? DEFAULT_WHISTLE_SETTINGS.acceptWithinWorkingHours : Number(r.accept),
    resolveWithinWorkingDays: r.answer ?? DEFAULT_WHISTLE_SETTINGS.resolveWithinWorkingDays,
  };
}
