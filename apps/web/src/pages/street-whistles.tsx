import { api } from '../api/client';
import { type components } from '../api/schema.generated';
import { formatTime } from '../labels';
import { Link } from '../router';
import { Empty, Loaded, ScrollTable, useLoad } from '../ui';

type WhistleList = components['schemas']['WhistleListResponse'];
type Whistle = WhistleList['items'][number];
type Street = components['schemas']['StreetView'];

/** How many open whistles the dashboard lists: the earliest due first. */
const SHOWN = 100;

/**
 * Every community's open whistles of the street (GET /streets/:id/whistles), the earliest
 * deadline first, each linked to its page: what the street's officers chase today. Not bound to
 * the statistics' date range: open is open now.
 */
export function StreetWhistles(props: { streetId: string }) {
  const { streetId } = props;
  const [load, reload] = useLoad(
    async (signal) => {
      const [list, street] = await Promise.all([
        api<WhistleList>(`/streets/${streetId}/whistles?limit=${SHOWN}`, { signal }),
        api<Street>(`/streets/${streetId}`, { signal }),
      ]);
      return { list, names: new Map(street.departments.map((d) => [d.id, d.name])) };
    },
    [streetId],
  );
  return (
    <section className="card section" aria-labelledby="street-whistles">
      <h2 id="street-whistles">各社区未办结的吹哨</h2>
      <Loaded load={load} reload={reload}>
        {({ list, names }) =>
          list.items.length === 0 ? (
            <Empty>
              本街道暂无未办结的吹哨：各社区派给部门的吹哨都已办结或撤回。社区再吹哨时，这里按期限先后列出。
            </Empty>
          ) : (
            <>
              <p className="muted">
                共 {list.total} 件，按最近的期限排在前面
                {list.total > list.items.length ? `，列出前 ${list.items.length} 件` : ''}
                ；期限是部门签收或反馈的截止时间（北京时间）。
              </p>
              <ScrollTable label="未办结的吹哨">
                <table data-testid="street-whistles">
                  <thead>
                    <tr>
                      <th scope="col">社区</th>
                      <th scope="col">事项</th>
                      <th scope="col">部门</th>
                      <th scope="col">状态</th>
                      <th scope="col">期限</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((w) => (
                      <WhistleRow key={w.id} whistle={w} names={names} />
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function WhistleRow(props: { whistle: Whistle; names: ReadonlyMap<string, string> }) {
  const { whistle: w, names } = props;
  const overdue = w.dueAt !== null && Date.parse(w.dueAt) < Date.now();
  return (
    <tr>
      <td>{w.communityName}</td>
      <th scope="row">
        <Link to={`/whistles/${w.id}`}>{w.subject}</Link>
      </th>
      <td>{w.departmentIds.map((id) => names.get(id) ?? '—').join('、')}</td>
      <td>{w.statusText}</td>
      <td>
        {formatTime(w.dueAt)}
        {overdue ? <strong className="flag-overdue">（已超时）</strong> : null}
      </td>
    </tr>
  );
}
