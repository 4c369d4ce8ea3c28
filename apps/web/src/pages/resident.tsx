import { api } from '../api/client';
import { type CaseSummary, type Page } from '../api/types';
import { formatTime, MECHANISM_LABELS, scopeText, STAGE_LABELS } from '../labels';
import { Link } from '../router';
import { useSession } from '../session';
import { Empty, Loaded, useLoad } from '../ui';
import { MyDemands } from './demands/my-demands';

/** The residents' phone: the cases of my community, open ones first. */
export function ResidentPage() {
  const { membership, me, has } = useSession();
  const communityId = membership?.communityId ?? '';
  const [load, reload] = useLoad(
    (signal) => api<Page<CaseSummary>>(`/communities/${communityId}/cases?limit=50`, { signal }),
    [communityId],
  );
  return (
    <section>
      <h1>社区议事</h1>
      <p className="lead">
        {me.displayName}，您好。这里是{membership?.communityName ?? '社区'}
        正在商量的事，点开可以提诉求、看公告、投票和评价。
      </p>
      {membership !== null && has('resident') ? (
        <>
          <MyDemands communityId={membership.communityId} />
          <h2>社区正在商量的事</h2>
        </>
      ) : null}
      <p>
        <Link to="/proxies">委托投票（委托书）→</Link>
      </p>
      <p>
        <Link to="/bindings">实名绑定（网上投票前先绑定房屋）→</Link>
      </p>
      {membership === null ? (
        <Empty>您还不是任何社区的成员，请联系社区工作人员。</Empty>
      ) : (
        <Loaded load={load} reload={reload}>
          {(page) => {
            const items = [...page.items].sort(
              (a, b) =>
                Number(a.status === 'closed') - Number(b.status === 'closed') ||
                Number(!a.voting) - Number(!b.voting) ||
                b.openedAt.localeCompare(a.openedAt),
            );
            return items.length === 0 ? (
              <Empty>现在没有正在商量的事。</Empty>
            ) : (
              <ul className="cards">
                {items.map((c) => (
                  <li key={c.id} className="card case-card">
                    <Link to={`/cases/${c.id}`} className="case-title">
                      {c.title}
                    </Link>
                    <p>{c.status === 'closed' ? '已办结' : `进行到：${STAGE_LABELS[c.stage]}`}</p>
                    <VotingMark voting={c.voting ?? null} />
                    <p className="muted">
                      {MECHANISM_LABELS[c.mechanism]} · {scopeText(c.scope)} ·{' '}
                      {formatTime(c.openedAt)}
                    </p>
                  </li>
                ))}
              </ul>
            );
          }}
        </Loaded>
      )}
    </section>
  );
}

/** 投票中 on a case card, with the way to the ballot. */
function VotingMark(props: { voting: CaseSummary['voting'] | null }) {
  const v = props.voting ?? null;
  if (v === null) return null;
  return (
    <p data-testid="voting-mark">
      <span className="mark-voting">投票中</span>{' '}
      <Link to={`/resolutions/${v.resolutionId}`}>
        《{v.title}》{formatTime(v.closesAt)} 截止 →
      </Link>
    </p>
  );
}
