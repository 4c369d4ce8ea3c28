import { memo, useMemo, useState } from 'react';
import { api } from '../api/client';
import { type components } from '../api/schema.generated';
import { BarChart } from '../echart';
import { formatTime } from '../labels';
import { useSession } from '../session';
import { Empty, Loaded, ScrollTable, useLoad } from '../ui';
import { AMBER, BLUE, type Chart, count, GREEN, percent, RED } from './stats-charts';
import { query, StatsHead, StatsRangeForm, useStatsRange } from './stats-range';
import { StreetWhistles } from './street-whistles';
import { basisText, demandRateCell, pct, rateText } from './stats-words';

type StreetStats = components['schemas']['StreetStatsView'];
type MonthFigures = StreetStats['total']['byMonth'][number];
type Average = components['schemas']['CountedAverageView'];

/** Elapsed hours for reading: hours to one decimal, minutes under an hour. */
const durationText = (h: number | null): string =>
  h === null
    ? '—'
    : h >= 1
      ? `${h.toFixed(1)} 小时`
      : h * 60 >= 1
        ? `${Math.round(h * 60)} 分钟`
        : '不到 1 分钟';
/** An average with what it is of: "3.5 小时（2 件）". */
const hoursText = (a: Average): string =>
  a.hours === null ? '—' : `${durationText(a.hours)}（${a.n} 件）`;
/** A rate with its base, for a table cell: "50.0%（1/2）"; nothing under it: "—". */
const rateCell = (r: { rate: number | null; numerator: number; denominator: number }): string =>
  demandRateCell(r.rate, r);

/** The month chart's unit: hours, or minutes (seconds) when every average is shorter. */
const HOUR_UNITS = [
  { name: '小时', per: 1 },
  { name: '分钟', per: 60 },
  { name: '秒', per: 3600 },
] as const;
const hourUnit = (values: readonly (number | null)[]) => {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return HOUR_UNITS.find((u) => max * u.per >= 1) ?? HOUR_UNITS[2];
};
/** A CST month as people read it: 2026-11 → 2026年11月. */
const monthText = (month: string): string => {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
};

/**
 * The street's dashboard (街道看板, GET /streets/:id/stats, docs/whistles.md "Reads") for its
 * officers: every community's open whistles (street-whistles.tsx), the departments' whistles
 * ranked, their response times and ratings month by month (charts, ECharts, in this lazily loaded
 * page only), the communities' yardsticks side by side, and the CSV export. Every rate says what
 * it rests on.
 */
export function StreetPage() {
  const { me } = useSession();
  const offices = me.departments.filter((d) => d.kind === 'street-office');
  const [streetId, setStreetId] = useState(offices[0]?.streetId ?? '');
  const statsRange = useStatsRange(`/streets/${streetId}/stats/export`, '街道统计.csv');
  const { range } = statsRange;
  const [load, reload] = useLoad<StreetStats>(
    (signal) => api<StreetStats>(`/streets/${streetId}/stats${query(range)}`, { signal }),
    [streetId, range.from, range.to],
  );

  if (offices.length === 0)
    return (
      <section>
        <h1>街道看板</h1>
        <Empty>街道看板给街道办的工作人员看；您还不是任何街道办的成员。</Empty>
      </section>
    );
  return (
    <section>
      <StatsHead title="街道看板" stats={statsRange} />
      <StreetWhistles streetId={streetId} />
      <StatsRangeForm
        stats={statsRange}
        note="吹哨按部门收到的日期、案件按立项日期、诉求按受理日期统计；不填就是全部。"
        fromLabel="日期从"
        lead={
          offices.length > 1 ? (
            <label>
              街道
              <select value={streetId} onChange={(e) => setStreetId(e.target.value)}>
                {offices.map((o) => (
                  <option key={o.streetId} value={o.streetId}>
                    {o.streetName}
                  </option>
                ))}
              </select>
            </label>
          ) : null
        }
      />
      <Loaded load={load} reload={reload}>
        {(stats) => <StreetView stats={stats} />}
      </Loaded>
    </section>
  );
}

/** Memoised: typing in the range form re-renders the page, which must not redraw the charts. */
const StreetView = memo(function StreetView(props: { stats: StreetStats }) {
  const { stats } = props;
  const charts = useMemo(() => chartsOf(stats), [stats]);
  const { total } = stats;
  return (
    <>
      {total.received === 0 ? (
        <Empty>
          这段时间各部门没有收到吹哨。社区书记在诉求或案件页“吹哨”派给部门后，这里会给各部门排名，并按月显示报到、反馈用时和评价；也可以放宽上面的日期再查询。
        </Empty>
      ) : (
        <>
          <section className="card section" aria-label="全街道">
            <h2>{stats.name}（全街道）</h2>
            <ul className="rates" data-testid="street-rates">
              <li>
                <span className="rate-value">{total.received}</span>收到吹哨
              </li>
              <li>
                <span className="rate-value">{pct(total.onTimeAcceptanceRate.rate)}</span>
                按时签收率
                <span className="rate-basis">
                  {basisText(total.onTimeAcceptanceRate, '次应签收')}
                </span>
              </li>
              <li>
                <span className="rate-value">
                  {durationText(total.averageHoursToCheckIn.hours)}
                </span>
                平均报到用时
                <span className="rate-basis">基于 {total.averageHoursToCheckIn.n} 件</span>
              </li>
              <li>
                <span className="rate-value">{durationText(total.averageHoursToAnswer.hours)}</span>
                平均反馈用时
                <span className="rate-basis">基于 {total.averageHoursToAnswer.n} 件</span>
              </li>
              <li>
                <span className="rate-value">{pct(total.satisfactionRate.rate)}</span>满意率
                <span className="rate-basis">{basisText(total.satisfactionRate, '次评价')}</span>
              </li>
              <li>
                <span className="rate-value">{total.passedOn}</span>流转
              </li>
            </ul>
            <p className="muted">
              用时从部门收到吹哨算起，按自然小时计；满意率 =（满意 + 基本满意）÷
              评价次数，每次反馈的评价都计。统计时间 {formatTime(stats.asOf)}
            </p>
          </section>

          <section className="card section">
            <h2>部门排名</h2>
            <p className="muted">
              先比满意率，再比按时签收率；没有评价（或没有应签收）的排在后面，两项都相同的并列。比率写作“百分比（分子/分母）”。
            </p>
            <ScrollTable label="部门排名">
              <table className="demand-figures" data-testid="department-ranking">
                <thead>
                  <tr>
                    <th scope="col">排名</th>
                    <th scope="col">部门</th>
                    <th scope="col">收到吹哨</th>
                    <th scope="col">满意率</th>
                    <th scope="col">按时签收率</th>
                    <th scope="col">平均报到用时</th>
                    <th scope="col">平均反馈用时</th>
                    <th scope="col">满意 / 基本满意 / 不满意</th>
                    <th scope="col">流转</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.departments.map((d) => (
                    <tr key={d.departmentId}>
                      <td>{d.rank}</td>
                      <th scope="row">{d.name}</th>
                      <td>{d.received}</td>
                      <td>{rateCell(d.satisfactionRate)}</td>
                      <td>{rateCell(d.onTimeAcceptanceRate)}</td>
                      <td>{hoursText(d.averageHoursToCheckIn)}</td>
                      <td>{hoursText(d.averageHoursToAnswer)}</td>
                      <td>
                        {d.ratings.satisfied} / {d.ratings.basicallySatisfied} /{' '}
                        {d.ratings.dissatisfied}
                      </td>
                      <td>{d.passedOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>

          <section className="card section">
            <h2>各部门满意率与按时签收率</h2>
            <BarChart
              testId="chart-departments"
              description={charts.departments.description}
              categories={charts.departmentNames}
              series={charts.departments.series}
              format={percent}
              max={100}
              unit="%"
            />
          </section>

          <section className="card section">
            <h2>按月响应用时（{charts.hours.unit.name}）</h2>
            <BarChart
              testId="chart-hours"
              description={charts.hours.description}
              categories={charts.months}
              series={charts.hours.series}
              format={charts.hours.format}
              unit={charts.hours.unit.name}
            />
          </section>

          <section className="card section">
            <h2>按月评价</h2>
            <BarChart
              testId="chart-ratings"
              description={charts.ratings.description}
              categories={charts.months}
              series={charts.ratings.series}
              format={count}
              integer
            />
          </section>
        </>
      )}

      <section className="card section">
        <h2>各社区诉求与案件</h2>
        {stats.communities.length === 0 ? (
          <Empty>这个街道还没有社区。</Empty>
        ) : (
          <ScrollTable label="各社区诉求与案件">
            <table className="demand-figures" data-testid="community-yardsticks">
              <thead>
                <tr>
                  <th scope="col">社区</th>
                  <th scope="col">受理诉求</th>
                  <th scope="col">响应率</th>
                  <th scope="col">解决率</th>
                  <th scope="col">诉求满意率</th>
                  <th scope="col">立项案件</th>
                  <th scope="col">案件办结率</th>
                  <th scope="col">案件满意率</th>
                  <th scope="col">按时签收率</th>
                </tr>
              </thead>
              <tbody>
                {stats.communities.map((c) => (
                  <tr key={c.communityId}>
                    <th scope="row">{c.name}</th>
                    <td>{c.demands.received}</td>
                    <td>{demandRateCell(c.demands.responseRate, c.demands.bases.responseRate)}</td>
                    <td>
                      {demandRateCell(c.demands.resolutionRate, c.demands.bases.resolutionRate)}
                    </td>
                    <td>
                      {demandRateCell(c.demands.satisfactionRate, c.demands.bases.satisfactionRate)}
                    </td>
                    <td>{c.cases.opened}</td>
                    <td>{rateCell(c.cases.closureRate)}</td>
                    <td>{rateCell(c.cases.satisfactionRate)}</td>
                    <td>{rateCell(c.cases.onTimeAcknowledgementRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <p className="muted">
          比率写作“百分比（分子/分母）”，分母为 0 的写作“—”；诉求按受理日期、案件按立项日期统计。
        </p>
      </section>
    </>
  );
});

const rateValue = (r: { rate: number | null }): number | null =>
  r.rate === null ? null : r.rate * 100;

function chartsOf(stats: StreetStats): {
  departmentNames: string[];
  months: string[];
  departments: Chart;
  hours: Chart & { unit: (typeof HOUR_UNITS)[number]; format: (n: number) => string };
  ratings: Chart;
} {
  // Departments that received something: the others have nothing to draw.
  const departments = stats.departments.filter((d) => d.received > 0);
  const byMonth: MonthFigures[] = stats.total.byMonth;
  const months = byMonth.map((m) => monthText(m.month));
  const unit = hourUnit(
    byMonth.flatMap((m) => [m.averageHoursToCheckIn.hours, m.averageHoursToAnswer.hours]),
  );
  const inUnit = (h: number | null): number | null => (h === null ? null : h * unit.per);
  return {
    departmentNames: departments.map((d) => d.name),
    months,
    departments: {
      description: `各部门满意率与按时签收率：${departments.map((d) => `${d.name}满意率 ${rateText(d.satisfactionRate, '次评价')}，按时签收率 ${rateText(d.onTimeAcceptanceRate, '次')}`).join('；')}`,
      series: [
        {
          name: '满意率',
          values: departments.map((d) => rateValue(d.satisfactionRate)),
          colour: GREEN,
        },
        {
          name: '按时签收率',
          values: departments.map((d) => rateValue(d.onTimeAcceptanceRate)),
          colour: BLUE,
        },
      ],
    },
    hours: {
      unit,
      format: (n) => `${n >= 1 ? String(Math.round(n * 10) / 10) : n.toPrecision(2)}${unit.name}`,
      description: `按月平均用时：${byMonth.map((m, i) => `${months[i]}报到 ${hoursText(m.averageHoursToCheckIn)}，反馈 ${hoursText(m.averageHoursToAnswer)}`).join('；')}`,
      series: [
        {
          name: '报到',
          values: byMonth.map((m) => inUnit(m.averageHoursToCheckIn.hours)),
          colour: BLUE,
        },
        {
          name: '反馈',
          values: byMonth.map((m) => inUnit(m.averageHoursToAnswer.hours)),
          colour: GREEN,
        },
      ],
    },
    ratings: {
      description: `按月评价：${byMonth.map((m, i) => `${months[i]}满意 ${m.ratings.satisfied} 次，基本满意 ${m.ratings.basicallySatisfied} 次，不满意 ${m.ratings.dissatisfied} 次`).join('；')}`,
      series: [
        { name: '满意', values: byMonth.map((m) => m.ratings.satisfied), colour: GREEN },
        {
          name: '基本满意',
          values: byMonth.map((m) => m.ratings.basicallySatisfied),
          colour: AMBER,
        },
        { name: '不满意', values: byMonth.map((m) => m.ratings.dissatisfied), colour: RED },
      ],
    },
  };
}
