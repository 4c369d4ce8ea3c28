import { memo, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { type CommunityStats, STAGES } from '../api/types';
import { BarChart } from '../echart';
import { formatTime, PARTY_LABELS, STAGE_LABELS } from '../labels';
import { useSession } from '../session';
import { Empty, Loaded, ScrollTable, useLoad } from '../ui';
import { BLUE, type Chart, count, GREEN, percent, RED } from './stats-charts';
import { DemandStatsSection } from './stats-demands';
import { query, StatsHead, StatsRangeForm, useStatsRange } from './stats-range';
import { basisText, endStatesText, pct, rateText, resolvedOf } from './stats-words';

/**
 * The unit of the stage-duration chart: working days, or, when every stage took less than one,
 * hours (minutes, seconds when shorter still), so that no bar reads 0.0 on an axis of thousandths
 * of a day. A working day is 24 hours of working time (GET /stats `averageDaysPerStage`,
 * docs/calendar.md); weekends and holidays count nothing.
 */
const DURATION_UNITS = [
  { name: '工作日', per: 1 },
  { name: '小时', per: 24 },
  { name: '分钟', per: 24 * 60 },
  { name: '秒', per: 24 * 3600 },
] as const;
type DurationUnit = (typeof DURATION_UNITS)[number];

function durationUnit(workingDays: readonly (number | null)[]): DurationUnit {
  const max = Math.max(0, ...workingDays.filter((v): v is number => v !== null));
  return DURATION_UNITS.find((u) => max * u.per >= 1) ?? DURATION_UNITS[3];
}

/** A value in the chosen unit: one decimal, or two significant digits under 1 (never 0.0). */
const amount = (n: number): string =>
  n === 0 ? '0' : n >= 1 ? String(Math.round(n * 10) / 10) : String(Number(n.toPrecision(2)));

/**
 * The community's statistics (GET /communities/:id/stats): cases opened and closed, closure and
 * satisfaction rates, average working days per stage, per estate and per party, as charts (ECharts,
 * in this lazily loaded page only) and a table, and the CSV export (GET …/stats/export, fetched with
 * the token and saved). Each rate says what it rests on ("基于 N 件"); 办结 counts only the cases
 * closed resolved, and the other ways a case was closed are shown as their own counts.
 */
export function StatsPage() {
  const { membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const statsRange = useStatsRange(`/communities/${communityId}/stats/export`, '统计.csv');
  const { draft, setDraft, range } = statsRange;
  const [load, reload] = useLoad<CommunityStats>(
    (signal) => api<CommunityStats>(`/communities/${communityId}/stats${query(range)}`, { signal }),
    [communityId, range.from, range.to, range.estate],
  );
  // The estates to choose from: those the whole community's figures name.
  const [estates, setEstates] = useState<string[]>([]);
  useEffect(() => {
    if (load.state === 'ready' && load.value.estate === null) {
      const names = load.value.estates.map((e) => e.estate);
      setEstates((known) => [...new Set([...known, ...names])]);
    }
  }, [load]);

  if (membership === null)
    return (
      <section>
        <h1>统计分析</h1>
        <Empty>您还不是任何社区的成员。</Empty>
      </section>
    );
  return (
    <section>
      <StatsHead title="统计分析" stats={statsRange} />
      <StatsRangeForm
        stats={statsRange}
        note="案件按立项日期、诉求按受理日期统计；不填就是全部。"
        fromLabel="立项日期从"
      >
        <label>
          小区
          <select
            value={draft.estate}
            onChange={(e) => setDraft({ ...draft, estate: e.target.value })}
          >
            <option value="">全社区</option>
            {estates.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </StatsRangeForm>
      <Loaded load={load} reload={reload}>
        {(stats) => (
          <>
            <StatsView stats={stats} />
            <DemandStatsSection communityId={communityId} stats={stats.demands} />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Memoised: typing in the range form re-renders the page, which must not redraw the charts. */
const StatsView = memo(function StatsView(props: { stats: CommunityStats }) {
  const { stats } = props;
  const charts = useMemo(() => chartsOf(stats), [stats]);
  if (stats.cases.opened === 0) return <Empty>这段时间没有立项的案件。</Empty>;
  return (
    <>
      <section className="card section" aria-label="总体情况">
        <h2>总体情况</h2>
        <ul className="rates" data-testid="stats-rates">
          <li>
            <span className="rate-value">{stats.cases.opened}</span>立项
          </li>
          <li>
            <span className="rate-value">{stats.cases.closed}</span>已销号
          </li>
          <li>
            <span className="rate-value">{pct(stats.closureRate)}</span>办结率
            <span className="rate-basis">
              已解决 {stats.rates.closureRate.numerator} 件，
              {basisText(stats.rates.closureRate, '件')}（不含撤回）
            </span>
          </li>
          <li>
            <span className="rate-value">{pct(stats.satisfactionRate)}</span>满意率
            <span className="rate-basis">
              {basisText(stats.rates.satisfactionRate, '户次评价')}
            </span>
          </li>
          <li>
            <span className="rate-value">{pct(stats.onTimeAcknowledgementRate)}</span>按时签收率
            <span className="rate-basis">
              {basisText(stats.rates.onTimeAcknowledgementRate, '次签收')}
            </span>
          </li>
          <li>
            <span className="rate-value">{stats.escalations}</span>吹哨
          </li>
        </ul>
        <p data-testid="stats-end-states">销号情况：{endStatesText(stats)}</p>
        <p className="muted">
          办结只计评价后“已解决”的案件；居民参评户数未达社区设置的最低比例的，记为“参评不足”，不算办结。
        </p>
        <p className="muted">统计时间 {formatTime(stats.asOf)}</p>
      </section>

      <section className="card section">
        <h2>立项与办结</h2>
        <BarChart
          testId="chart-cases"
          description={charts.cases.description}
          categories={charts.names}
          series={charts.cases.series}
          format={count}
          integer
        />
      </section>

      <section className="card section">
        <h2>办结率与满意率</h2>
        <BarChart
          testId="chart-rates"
          description={charts.rates.description}
          categories={charts.names}
          series={charts.rates.series}
          format={percent}
          max={100}
          unit="%"
        />
      </section>

      <section className="card section">
        <h2>各阶段平均用时（{charts.stages.unit.name}）</h2>
        <BarChart
          testId="chart-stages"
          description={charts.stages.description}
          categories={charts.stageNames}
          series={charts.stages.series}
          format={charts.stages.format}
          unit={charts.stages.unit.name}
        />
        <p className="muted">
          按工作时间计（周末和节假日不计）；只计已经结束的阶段，“—”表示还没有结束的。
        </p>
      </section>

      <section className="card section">
        <h2>各方签收与吹哨</h2>
        <ScrollTable label="各方签收与吹哨">
          <table>
            <thead>
              <tr>
                <th scope="col">参与方</th>
                <th scope="col">应签收</th>
                <th scope="col">按时签收率</th>
                <th scope="col">吹哨</th>
                <th scope="col">一哨一评满意率</th>
              </tr>
            </thead>
            <tbody>
              {stats.parties.map((p) => (
                <tr key={p.party}>
                  <th scope="row">{PARTY_LABELS[p.party]}</th>
                  <td>{p.acknowledgementsDue}</td>
                  <td>{pct(p.onTimeAcknowledgementRate)}</td>
                  <td>{p.escalations}</td>
                  <td>{rateText(p.rates.ratingSatisfactionRate, '次评价')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
});

/** The three charts' data: per group (the community, then each estate) and per stage. */
function chartsOf(stats: CommunityStats): {
  names: string[];
  stageNames: string[];
  cases: Chart;
  rates: Chart;
  stages: Chart & { unit: DurationUnit; format: (n: number) => string };
} {
  // A chosen estate is the whole of the figures: no separate row for it.
  const groups =
    stats.estate === null
      ? [{ ...stats, estate: '全社区' }, ...stats.estates]
      : [{ ...stats, estate: stats.estate }];
  const rate = (r: number | null): number | null => (r === null ? null : r * 100);
  const workingDays = STAGES.map((s) => stats.averageDaysPerStage[s] ?? null);
  const unit = durationUnit(workingDays);
  const stageValues = workingDays.map((d) => (d === null ? null : d * unit.per));
  return {
    names: groups.map((g) => g.estate),
    stageNames: STAGES.map((s) => STAGE_LABELS[s]),
    cases: {
      description: `立项与办结：${groups.map((g) => `${g.estate}立项 ${g.cases.opened} 件，办结 ${resolvedOf(g)} 件`).join('；')}`,
      series: [
        { name: '立项', values: groups.map((g) => g.cases.opened), colour: BLUE },
        { name: '办结', values: groups.map((g) => resolvedOf(g)), colour: GREEN },
      ],
    },
    rates: {
      description: `办结率与满意率：${groups.map((g) => `${g.estate}办结率 ${rateText(g.rates.closureRate, '件')}，满意率 ${rateText(g.rates.satisfactionRate, '户次评价')}`).join('；')}`,
      series: [
        { name: '办结率', values: groups.map((g) => rate(g.closureRate)), colour: BLUE },
        { name: '满意率', values: groups.map((g) => rate(g.satisfactionRate)), colour: GREEN },
      ],
    },
    stages: {
      unit,
      format: (n) => `${amount(n)}${unit.name}`,
      description: `各阶段平均用时：${STAGES.map((s, i) => `${STAGE_LABELS[s]} ${stageValues[i] === null || stageValues[i] === undefined ? '—' : `${amount(stageValues[i])} ${unit.name}`}`).join('；')}`,
      series: [{ name: `平均${unit.name}`, values: stageValues, colour: RED }],
    },
  };
}
