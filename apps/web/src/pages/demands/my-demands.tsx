// The demand pages' own styles (Vite bundles them with the app's).
import '../../styles/demands.css';
import { api } from '../../api/client';
import { type LedgerDemand, type Page } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, DEMAND_STATUS_LABELS, formatTime } from '../../labels';
import { Link } from '../../router';
import { Empty, Loaded, useLoad } from '../../ui';
import { orderForResident } from './demand-steps';

/**
 * On a resident's home: 我要反映 (the way to tell the community of a problem) and 我反映的事, their
 * demands (GET /communities/:id/demands answers a resident their own), the ones waiting for
 * their evaluation first with 去评价.
 */
export function MyDemands(props: { communityId: string }) {
  const [load, reload] = useLoad(
    async (signal) => {
      const base = `/communities/${props.communityId}/demands?limit=50`;
      // The ones awaiting an evaluation however old, besides the latest.
      const [latest, waiting] = await Promise.all([
        api<Page<LedgerDemand>>(base, { signal }),
        api<Page<LedgerDemand>>(`${base}&status=resolved`, { signal }),
      ]);
      const known = new Set(latest.items.map((d) => d.id));
      const items = [...latest.items, ...waiting.items.filter((d) => !known.has(d.id))];
      return { items, more: latest.total > latest.items.length };
    },
    [props.communityId],
  );
  return (
    <section className="my-demands" aria-label="我反映的事">
      <Link to="/demands/new" className="button primary big wide report-button">
        我要反映
      </Link>
      <p className="muted">楼道灯坏了、垃圾没清、漏水、噪音……拍张照片告诉社区，网格员上门处理。</p>
      <h2>我反映的事</h2>
      <Loaded load={load} reload={reload}>
        {(page) => {
          const items = orderForResident(page.items);
          if (items.length === 0)
            return <Empty>您还没有反映过事情。遇到问题，点上面的“我要反映”告诉社区。</Empty>;
          return (
            <ul className="cards" data-testid="my-demands">
              {items.map((d) => (
                <li
                  key={d.id}
                  className={
                    d.status === 'resolved' ? 'card demand-card to-evaluate' : 'card demand-card'
                  }
                >
                  <Link to={`/demands/${d.id}`} className="demand-card-title">
                    {DEMAND_CATEGORY_LABELS[d.category]}：{firstLine(d.content)}
                  </Link>
                  <p>
                    <span className={`chip demand-status status-${d.status}`}>
                      {DEMAND_STATUS_LABELS[d.status]}
                    </span>{' '}
                    <span className="muted">
                      {d.number} · {formatTime(d.receivedAt)}
                    </span>
                  </p>
                  {d.status === 'resolved' ? (
                    <>
                      <p>已经办好了，请告诉我们您是否满意。</p>
                      <Link to={`/demands/${d.id}`} className="button primary big wide">
                        去评价
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
      {load.state === 'ready' && load.value.more ? (
        <p className="muted">只显示最近反映的 50 件。</p>
      ) : null}
    </section>
  );
}

/** The first line of what was asked, short enough for a card. */
function firstLine(content: string): string {
  const line = content.split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
