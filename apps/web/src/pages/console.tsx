import { api } from '../api/client';
import { type CaseDetail, type CaseSummary, type Page, STAGES, type Stage } from '../api/types';
import { attention, caseSummary } from '../case-status';
import { formatTime, MECHANISM_LABELS, OUTCOME_LABELS, scopeText, STAGE_LABELS } from '../labels';
import { Link } from '../router';
import { useSession } from '../session';
import { Empty, Loaded, useLoad } from '../ui';
import { CommunityWhistles } from './whistles/community-whistles';

interface Board {
  open: CaseDetail[];
  closed: CaseSummary[];
}

/** The secretary's console: every open case by stage, what is overdue or escalated first. */
export function ConsolePage() {
  const { membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const [load, reload] = useLoad<Board>(
    async (signal) => {
      const [open, closed] = await Promise.all([
        api<Page<CaseSummary>>(`/communities/${communityId}/cases?status=open&limit=100`, {
          signal,
        }),
        api<Page<CaseSummary>>(`/communities/${communityId}/cases?status=closed&limit=20`, {
          signal,
        }),
      ]);
      // The list has no acknowledgement state; each open case's view has it.
      const details = await Promise.all(
        open.items.map((c) => api<CaseDetail>(`/cases/${c.id}`, { signal })),
      );
      return { open: details, closed: closed.items };
    },
    [communityId],
  );

  return (
    <section>
      <div className="page-head">
        <h1>案件看板</h1>
        <div className="row">
          <button type="button" className="button secondary" onClick={reload}>
            刷新
          </button>
          <Link to="/bindings" className="button secondary">
            实名绑定审核
          </Link>
          <Link to="/console/new" className="button primary">
            新建案件
          </Link>
        </div>
      </div>
      {membership === null ? (
        <Empty>您还不是任何社区的成员。</Empty>
      ) : (
        <Loaded load={load} reload={reload}>
          {(board) => <BoardView board={board} />}
        </Loaded>
      )}
      {membership === null ? null : <CommunityWhistles communityId={communityId} />}
    </section>
  );
}

function BoardView(props: { board: Board }) {
  const { open, closed } = props.board;
  const byStage = (stage: Stage) =>
    open
      .filter((c) => c.stage === stage)
      .sort((a, b) => weight(b) - weight(a) || a.openedAt.localeCompare(b.openedAt));
  const flagged = open.filter((c) => weight(c) > 0).length;
  return (
    <>
      <p className="summary" role="status">
        进行中 {open.length} 件{flagged > 0 ? `，其中 ${flagged} 件有逾期或吹哨，请优先处理` : ''}。
      </p>
      <div className="board">
        {STAGES.map((stage) => {
          const cases = byStage(stage);
          return (
            <section key={stage} className="column" aria-labelledby={`col-${stage}`}>
              <h2 id={`col-${stage}`}>
                {STAGE_LABELS[stage]} <span className="count">{cases.length}</span>
              </h2>
              {cases.length === 0 ? (
                <Empty>暂无案件</Empty>
              ) : (
                <ul className="cards">
                  {cases.map((c) => (
                    <CaseCard key={c.id} c={c} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <h2>最近销号</h2>
      {closed.length === 0 ? (
        <Empty>还没有销号的案件。</Empty>
      ) : (
        <ul className="list">
          {closed.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>
              <span className="muted"> · 销号于 {formatTime(c.closedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const weight = (c: CaseDetail): number => {
  const a = attention(c);
  return a.escalated * 2 + a.overdue;
};

function CaseCard(props: { c: CaseDetail }) {
  const { c } = props;
  const a = attention(c);
  const flagged = a.overdue > 0 || a.escalated > 0;
  return (
    <li className={flagged ? 'card case-card flagged' : 'card case-card'}>
      <Link to={`/cases/${c.id}`} className="case-title">
        {c.title}
      </Link>
      <p className="case-summary" data-testid="case-summary">
        {caseSummary(c)}
      </p>
      <p className="muted">
        {MECHANISM_LABELS[c.mechanism]} · {scopeText(c.scope)}
      </p>
      <p className="muted">立项 {formatTime(c.openedAt)}</p>
      {a.escalated > 0 ? <p className="flag flag-escalated">已吹哨 {a.escalated} 方</p> : null}
      {a.overdue > 0 ? <p className="flag flag-overdue">逾期未签收 {a.overdue} 方</p> : null}
      {c.closure !== null ? <p>{OUTCOME_LABELS[c.closure.outcome] ?? c.closure.outcome}</p> : null}
    </li>
  );
}
