import { api } from '../api/client';
import { type DemandStats, type Grid, type StatsBase } from '../api/types';
import { DEMAND_CATEGORY_LABELS } from '../labels';
import { Link } from '../router';
import { Empty, ScrollTable, useLoad } from '../ui';
import { DEMAND_RATES, demandRateCell, pct } from './stats-words';

/** One row of the per-grid, category, estate and company tables: the same figures as the whole. */
type Figures = Omit<DemandStats, 'byGrid' | 'byCategory' | 'byEstate' | 'byPropertyCompany'>;

/** The estates that name no property company, as the page and the CSV call them. */
const UNREGISTERED_COMPANY = '未登记物业';

/**
 * The statistics page's 诉求台账 section (GET /communities/:id/stats `demands`): the ledger's
 * yardsticks over the demands received in the chosen range, each with the numbers it rests on
 * ("80.0%（12/15 件按期签收）"), how each is counted, and the same per grid, category, estate
 * and property company (物业服务企业, with the estates it serves). The page's CSV export
 * (…/stats/export, its one 导出 CSV button) carries the same tables after the cases'.
 */
export function DemandStatsSection(props: { communityId: string; stats: DemandStats }) {
  const { stats } = props;
  const [grids] = useLoad(
    (signal) => api<{ items: Grid[] }>(`/communities/${props.communityId}/grids`, { signal }),
    [props.communityId],
  );
  const gridNames = new Map(
    (grids.state === 'ready' ? grids.value.items : []).map((g) => [g.id, g.name]),
  );
  return (
    <section className="card section" aria-labelledby="demand-stats-title">
      <h2 id="demand-stats-title">诉求台账</h2>
      <p className="muted">
        统计范围内受理的诉求；撤回的、并入其他诉求的不计入各项比率。括号里是比率所依据的件数。页面上方“导出
        CSV”的文件里，案件统计之后就是这些指标和下面四张表。
      </p>
      {stats.received === 0 ? (
        <Empty>
          这段时间没有受理的诉求。居民提交、网格员登记或
          <Link to="/ledger">在诉求台账导入12345工单</Link>
          后，这里按网格、类别、小区和物业服务企业统计响应率、解决率和满意率。
        </Empty>
      ) : (
        <>
          <ul className="rates" data-testid="demand-rates">
            <li>
              <span className="rate-value">{stats.received}</span>受理（件）
            </li>
            <li>
              <span className="rate-value">{stats.closed}</span>销号（件）
            </li>
            {DEMAND_RATES.map((r) => {
              const base = stats.bases[r.name];
              return (
                <li key={r.name} data-testid={`demand-rate-${r.name}`}>
                  <span className="rate-value">{pct(stats[r.name])}</span>
                  {r.label}
                  <span className="rate-basis">
                    {base.denominator === 0
                      ? '暂无可计的诉求'
                      : `${base.numerator}/${base.denominator} ${r.counted}`}
                  </span>
                </li>
              );
            })}
            <li data-testid="demand-rate-reopened">
              <span className="rate-value">{stats.reopened}</span>重新办理（次）
              <span className="rate-basis">居民不满意、退回重办的次数</span>
            </li>
          </ul>
          <details className="definitions">
            <summary>各项指标怎么算</summary>
            <ul>
              {DEMAND_RATES.map((r) => (
                <li key={r.name}>
                  {r.label}：{r.definition}
                </li>
              ))}
              <li>撤回的、并入其他诉求的不计入任何一项；期限以每件诉求受理时定下的为准。</li>
            </ul>
          </details>
          <FiguresTable
            title="按网格"
            head="网格"
            rows={stats.byGrid.map((g) => ({
              key: g.gridId,
              name: gridNames.get(g.gridId) ?? '网格',
              figures: g,
            }))}
            empty="这段时间没有划入网格的诉求。"
          />
          <FiguresTable
            title="按类别"
            head="类别"
            rows={stats.byCategory.map((c) => ({
              key: c.category,
              name: DEMAND_CATEGORY_LABELS[c.category],
              figures: c,
            }))}
            empty="这段时间没有诉求。"
          />
          <FiguresTable
            title="按小区"
            head="小区"
            rows={stats.byEstate.map((e) => ({ key: e.estate, name: e.estate, figures: e }))}
            empty="这段时间的诉求都没有登记小区。"
          />
          <FiguresTable
            title="按物业服务企业"
            head="物业服务企业"
            rows={stats.byPropertyCompany.map((p) => ({
              key: p.propertyCompany ?? '',
              name: p.propertyCompany ?? UNREGISTERED_COMPANY,
              note: p.estates.join('、'),
              figures: p,
            }))}
            empty="这段时间的诉求都没有登记小区。"
          />
          <p className="muted">
            物业服务企业按各小区现在登记的物业统计，小区更换物业后，以前的诉求也算到新物业名下；没有登记物业的小区合为“
            {UNREGISTERED_COMPANY}”一行。
          </p>
        </>
      )}
    </section>
  );
}

function FiguresTable(props: {
  title: string;
  head: string;
  /** `note`: a second line under the name (a company's estates). */
  rows: { key: string; name: string; note?: string; figures: Figures }[];
  empty: string;
}) {
  return (
    <>
      <h3>{props.title}</h3>
      {props.rows.length === 0 ? (
        <Empty>{props.empty}</Empty>
      ) : (
        <ScrollTable label={`诉求指标${props.title}`}>
          <table className="demand-figures" data-testid={`demand-table-${props.head}`}>
            <thead>
              <tr>
                <th scope="col">{props.head}</th>
                <th scope="col">受理</th>
                <th scope="col">销号</th>
                {DEMAND_RATES.map((r) => (
                  <th key={r.name} scope="col">
                    {r.label}
                  </th>
                ))}
                <th scope="col">重新办理</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ key, name, note, figures }) => (
                <tr key={key}>
                  <th scope="row" className={note === undefined ? undefined : 'row-wraps'}>
                    {name}
                    {note === undefined ? null : <span className="row-note">{note}</span>}
                  </th>
                  <td>{figures.received}</td>
                  <td>{figures.closed}</td>
                  {DEMAND_RATES.map((r) => (
                    <RateCell key={r.name} rate={figures[r.name]} base={figures.bases[r.name]} />
                  ))}
                  <td>{figures.reopened}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

/**
 * "80.8%（21/26）", which may break before its base when the table is short of room (a company's
 * table at desktop width), so that every column stays in the card.
 */
function RateCell(props: { rate: number | null; base: StatsBase }) {
  const text = demandRateCell(props.rate, props.base);
  const base = text.indexOf('（');
  return (
    <td>
      {base < 0 ? (
        text
      ) : (
        <>
          {text.slice(0, base)}
          <wbr />
          {text.slice(base)}
        </>
      )}
    </td>
  );
}
