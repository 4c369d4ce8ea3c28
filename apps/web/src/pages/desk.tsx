import { useRef, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import { type CaseDetail, type Notification, type Page, type Party } from '../api/types';
import { formatTime, PARTY_LABELS, STAGE_LABELS } from '../labels';
import { useLive } from '../live';
import { Link } from '../router';
import { useSession } from '../session';
import { ActionNote, Empty, Loaded, useAction, useLoad } from '../ui';

/** Kinds that ask the reader's party to sign for a stage (签收). */
const ASKS_ACKNOWLEDGEMENT = new Set(['stage-entered', 'acknowledgement-reminder']);

/** A party's desk: the inbox, newest first, with 签收 in one tap. */
export function DeskPage() {
  const live = useLive();
  // One read per case for the 签收 state of its notifications (a page lists up to 50); one that
  // arrives live reads the case again (it has just moved), and the items after it share that read.
  const cases = useRef(new Map<string, Promise<CaseDetail>>());
  const caseOf = (caseId: string, fresh: boolean): Promise<CaseDetail> => {
    let known = cases.current.get(caseId);
    if (known === undefined || fresh) {
      known = api<CaseDetail>(`/cases/${caseId}`);
      // A failed read is tried again by the next item, not remembered.
      known.catch(() => cases.current.delete(caseId));
      cases.current.set(caseId, known);
    }
    return known;
  };
  const [load, reload] = useLoad(
    (signal) => api<Page<Notification>>('/me/notifications?limit=50', { signal }),
    [],
  );
  return (
    <section>
      <div className="page-head">
        <h1>
          消息
          {live.unread !== null ? (
            <span className="count" data-testid="unread-count">
              {live.unread} 条未读
            </span>
          ) : null}
        </h1>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            cases.current.clear();
            reload();
          }}
        >
          刷新
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {live.connected ? '新消息会自动出现' : '正在连接消息推送…'}
      </p>
      <Loaded load={load} reload={reload}>
        {(page) => {
          const known = new Set(page.items.map((n) => n.id));
          const arrived = live.arrived.filter((n) => !known.has(n.id));
          const items = [...arrived, ...page.items];
          const fresh = new Set(arrived.map((n) => n.id));
          return items.length === 0 ? (
            <Empty>暂时没有消息。</Empty>
          ) : (
            <ul className="inbox">
              {items.map((n) => (
                <InboxItem key={n.id} n={n} caseOf={(caseId) => caseOf(caseId, fresh.has(n.id))} />
              ))}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}

/**
 * Where the reader's party stands on the stage a notification asks it to sign: signed (when), the
 * stage over (the case moved on or closed without this party's 签收), or still to sign.
 */
type AckStanding = { state: 'signed'; at: string } | { state: 'over' } | { state: 'open' };

function standingOf(c: CaseDetail, party: Party, stage: string): AckStanding {
  const record = c.parties
    .find((p) => p.party === party)
    ?.stages.filter((s) => s.stage === stage)
    .at(-1);
  const at = record?.acknowledgedAt ?? null;
  if (at !== null) return { state: 'signed', at };
  // No record yet: the case as read has not caught up with the notice; the API decides.
  if (record !== undefined && (c.status === 'closed' || c.stage !== stage))
    return { state: 'over' };
  return { state: 'open' };
}

function InboxItem(props: { n: Notification; caseOf: (caseId: string) => Promise<CaseDetail> }) {
  const session = useSession();
  const live = useLive();
  const [n, setN] = useState(props.n);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const action = useAction();
  const party: Party | null = session.has('secretary')
    ? 'party-organisation'
    : (session.membership?.party ?? null);
  const asks =
    ASKS_ACKNOWLEDGEMENT.has(n.kind) &&
    n.caseId !== null &&
    n.stage !== null &&
    party !== null &&
    (session.has('party-member') || session.has('secretary'));
  // The real state, read from the case: a stage signed already never offers 签收 again.
  const [standing] = useLoad(
    async () =>
      asks && n.caseId !== null && n.stage !== null && party !== null
        ? standingOf(await props.caseOf(n.caseId), party, n.stage)
        : null,
    [asks, n.caseId, n.stage, party],
  );
  const known = standing.state === 'ready' ? standing.value : null;
  const canAck = asks && known?.state === 'open' && acknowledged === null;

  const markRead = async () => {
    if (n.readAt !== null) return;
    const read = await api<Notification>(`/me/notifications/${n.id}/read`, { method: 'POST' });
    setN(read);
    if (live.unread !== null && live.unread > 0) live.setUnread(live.unread - 1);
  };

  const acknowledge = () =>
    void action.run(async () => {
      try {
        await api(`/cases/${n.caseId ?? ''}/acknowledgements`, {
          method: 'POST',
          body: { stage: n.stage },
          idempotencyKey: `ack-${n.id}`,
        });
        setAcknowledged('已签收');
      } catch (error) {
        // Signed meanwhile (a colleague, another device): that is what happened, not a failure.
        if (!(error instanceof ApiError && error.code === 'ALREADY_ACKNOWLEDGED')) throw error;
        setAcknowledged('本阶段已签收');
      }
      await markRead();
    });

  return (
    <li className={n.readAt === null ? 'card inbox-item unread' : 'card inbox-item'}>
      <p className="inbox-title">
        {n.readAt === null ? (
          <>
            <span className="dot" aria-hidden="true" />
            <span className="sr-only">未读：</span>
          </>
        ) : null}
        {n.title}
      </p>
      {n.body === undefined ? null : <p>{n.body}</p>}
      <p className="muted">
        {formatTime(n.createdAt)}
        {n.party === null ? '' : ` · ${PARTY_LABELS[n.party]}`}
        {n.stage === null ? '' : ` · ${STAGE_LABELS[n.stage]}`}
      </p>
      {acknowledged !== null ? (
        <p className="note note-done" role="status" data-testid="ack-state">
          {acknowledged}
        </p>
      ) : known?.state === 'signed' ? (
        <p className="note note-done" data-testid="ack-state">
          已签收（{formatTime(known.at)}）
        </p>
      ) : known?.state === 'over' ? (
        <p className="muted" data-testid="ack-state">
          该阶段已结束，无需签收
        </p>
      ) : null}
      <div className="row">
        {canAck ? (
          <button
            type="button"
            className="button primary big"
            disabled={action.pending}
            onClick={acknowledge}
          >
            签收
          </button>
        ) : null}
        {n.caseId === null ? null : (
          <Link to={`/cases/${n.caseId}`} className="button secondary">
            查看案件
          </Link>
        )}
        {n.whistleId === null ? null : (
          <Link to={`/whistles/${n.whistleId}`} className="button secondary">
            查看吹哨
          </Link>
        )}
        {n.demandId === null ? null : (
          <Link to={`/demands/${n.demandId}`} className="button secondary">
            查看诉求
          </Link>
        )}
        {n.readAt === null && !canAck ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => void action.run(markRead)}
          >
            标为已读
          </button>
        ) : null}
      </div>
      <ActionNote error={action.error} done={action.done} />
    </li>
  );
}
