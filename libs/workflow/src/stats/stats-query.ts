import { type Case } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { upgradeStoredCase } from '../case-view';
import { computeStats, statFactsOf, type Stats, type StatsRange } from './stats';

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
 * estate or all, from the case-views read model.
 */
export async function communityStats(
  db: Queryable,
  communityId: string,
  range: StatsRange & { readonly estate?: string | null },
  asOf = new Date().toISOString(),
): Promise<CommunityStats> {
  const { rows } = await db.query<{ state: Case }>(
    `SELECT state FROM case_views
      WHERE community_id = $1
        AND ($2::timestamptz IS NULL OR opened_at >= $2)
        AND ($3::timestamptz IS NULL OR opened_at < $3)
      ORDER BY opened_at, case_id`,
    [communityId, range.from, range.to],
  );
  const estate = range.estate ?? null;
  const cases = rows
    .map((r) => upgradeStoredCase(r.state))
    .filter((c) => estate === null || c.scope.estate === estate)
    .map((c) => statFactsOf(c));
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
