import { type Queryable } from '@yishi/event-store';
import { computeStats, type CaseStatFacts, type Stats, type StatsRange } from './stats';

export interface CommunityStats extends Stats {
  readonly communityId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly estate: string | null;
  readonly asOf: string;
  /** The same figures for each estate with cases in the cohort (小区), by name. */
  readonly estates: readonly (Stats & { readonly estate: string })[];
}

/**
 * GET /communities/:id/stats: the cohort of cases opened in [from, to) (either end open), of one
 * estate or all, from the `case_stats` table of the case-views projection (written in the same
 * transaction as `case_views`, so a case read back closed is counted closed).
 */
export async function communityStats(
  db: Queryable,
  communityId: string,
  range: StatsRange & { readonly estate?: string | null },
  asOf = new Date().toISOString(),
): Promise<CommunityStats> {
  const estate = range.estate ?? null;
  // In the cohort's order: the mean days per stage add the same numbers in the same order.
  const { rows } = await db.query<{ facts: CaseStatFacts }>(
    `SELECT facts FROM case_stats
      WHERE community_id = $1
        AND ($2::timestamptz IS NULL OR opened_at >= $2)
        AND ($3::timestamptz IS NULL OR opened_at < $3)
        AND ($4::text IS NULL OR estate = $4)
      ORDER BY opened_at, case_id`,
    [communityId, range.from, range.to, estate],
  );
  const cases = rows.map((r) => r.facts);
  const names = [...new Set(cases.map((c) => c.estate))].sort((a, b) =>
    a.localeCompare(b, 'zh-Hans-CN'),
  );
  return {
    communityId,
    from: range.from,
    to: range.to,
    estate,
    asOf,
    ...computeStats(cases, asOf),
    estates: names.map((name) => ({
      estate: name,
      ...computeStats(
        cases.filter((c) => c.estate === name),
        asOf,
      ),
    })),
  };
}
