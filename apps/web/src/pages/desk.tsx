import { useState } from 'react';
import { api } from '../api/client';
import { type Notification, type Page } from '../api/types';
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
        <button type="button" className="button secondary" onClick={reload}>
          刷新
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {live.connected ? '新消息会自动出现' : '正在连接消息推送…'}
      </p>
      <Loaded load={load} reload={reload}>
        {(page) => {
          const known = new Set(page.items.map((n) => n.id));
          const items = [...live.arrived.filter((n) => !known.has(n.id)), ...page.items];
          return items.length === 0 ? (
            <Empty>暂时没有消息。</Empty>
          ) : (
            <ul className="inbox">
              {items.map((n) => (
                <InboxItem key={n.id} n={n} />
              ))}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}

function InboxItem(props: { n: Notification }) {
  const session = useSession();
  const live = useLive();
  const [n, setN] = useState(props.n);
  const [acknowledged, setAcknowledged] = useState(false);
  const action = useAction();
  const canAck =
    ASKS_ACKNOWLEDGEMENT.has(n.kind) &&
    n.caseId !== null &&
    n.stage !== null &&
    (session.has('party-member') || session.has('secretary'));

  const markRead = async () => {
    if (n.readAt !== null) return;
    const read = await api<Notification>(`/me/notifications/${n.id}/read`, { method: 'POST' });
    setN(read);
    if (live.unread !== null && live.unread > 0) live.setUnread(live.unread - 1);
  };

  const acknowledge = () =>
    void action.run(async () => {
      await api(`/cases/${n.caseId ?? ''}/acknowledgements`, {
        method: 'POST',
        body: { stage: n.stage },
        idempotencyKey: `ack-${n.id}`,
      });
      setAcknowledged(true);
      await markRead();
    }, '已签收');

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
      <div className="row">
        {canAck && !acknowledged ? (
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
