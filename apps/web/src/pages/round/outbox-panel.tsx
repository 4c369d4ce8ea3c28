import { useState } from 'react';
import { DEMAND_CATEGORY_LABELS, formatTime, SOURCE_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, useAction } from '../../ui';
import { type Outbox, type OutboxEntry } from './outbox';
import { type OutboxView } from './use-outbox';

/**
 * The outbox on the round page: 待发送 N 条 with why they wait (no signal, sending, a server that
 * did not answer), each entry as written; 未能提交 for those the platform refused, with its reason,
 * to correct (修改) or delete; and the numbers of the ones just sent.
 */
export function OutboxPanel(props: { view: OutboxView; online: boolean }) {
  const { outbox, entries, error, sent, sendNow } = props.view;
  if (error !== null)
    return (
      <p className="note note-error" role="alert">
        {error}
      </p>
    );
  const pending = (entries ?? []).filter((e) => e.state === 'pending');
  const refused = (entries ?? []).filter((e) => e.state === 'refused');
  const sending = outbox !== null && pending.some((e) => outbox.isSending(e.id));
  // The latest try's reason ("no connection" also when the phone has a signal but no internet).
  const lastError = pending
    .filter((e) => e.lastError !== null)
    .sort((a, b) => (b.lastTriedAt ?? '').localeCompare(a.lastTriedAt ?? ''))[0]?.lastError;
  const why = !props.online
    ? '未联网，联网后自动发送'
    : sending
      ? '正在发送…'
      : (lastError?.replace(/。$/, '') ?? '即将发送');
  return (
    <div className="outbox" data-testid="outbox">
      {sent.slice(0, 3).map((s) => (
        <p key={s.id} className="note note-done" role="status">
          已发送：{s.number}
          {s.text === '' ? '' : `（${s.text}）`}，已进入诉求台账。
        </p>
      ))}
      {pending.length > 0 && outbox !== null ? (
        <section className="card outbox-box" aria-labelledby="outbox-pending">
          <h2 id="outbox-pending">
            待发送 {pending.length} 条<span className="count">（{why}）</span>
          </h2>
          <p className="muted">登记已存在这部手机上，关掉页面或重启手机也不会丢失。</p>
          <ul className="cards">
            {pending.map((e) => (
              <EntryItem key={e.id} entry={e} outbox={outbox} sending={outbox.isSending(e.id)} />
            ))}
          </ul>
          {props.online && !sending ? (
            <button type="button" className="button secondary" onClick={sendNow}>
              立即发送
            </button>
          ) : null}
        </section>
      ) : null}
      {refused.length > 0 && outbox !== null ? (
        <section className="card outbox-box outbox-refused" aria-labelledby="outbox-refused">
          <h2 id="outbox-refused">
            未能提交 {refused.length} 条<span className="count">（请修改后重新发送，或删除）</span>
          </h2>
          <ul className="cards">
            {refused.map((e) => (
              <EntryItem key={e.id} entry={e} outbox={outbox} sending={false} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function EntryItem(props: { entry: OutboxEntry; outbox: Outbox; sending: boolean }) {
  const { entry, outbox } = props;
  const d = entry.draft;
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  // Waits for a send in progress; an entry that went out meanwhile is in the 已发送 notes.
  const remove = () => void action.run(() => outbox.remove(entry.id));
  return (
    <li className="outbox-entry" data-testid="outbox-entry">
      <p className="entry-head">
        <strong>{d.placeText}</strong>
        {d.onBehalfOf === null ? '' : ` · ${d.onBehalfOf.name}`}
      </p>
      <p className="muted">
        {DEMAND_CATEGORY_LABELS[d.category]} · {SOURCE_LABELS[d.source]} · 登记于{' '}
        {formatTime(entry.createdAt)}
        {entry.photos.length > 0 ? ` · 照片 ${entry.photos.length} 张` : ''}
      </p>
      <p className="demand-content">{d.content}</p>
      {entry.state === 'refused' && entry.refusal !== null ? (
        <p className="note note-error" data-testid="refusal">
          未能提交：{entry.refusal.message}
        </p>
      ) : (
        <p className="muted" data-testid="entry-state">
          {props.sending
            ? '正在发送…'
            : entry.attempts === 0 || entry.lastTriedAt === null
              ? '等待发送'
              : `等待发送 · 已尝试 ${entry.attempts} 次，最近一次在 ${formatTime(entry.lastTriedAt)}`}
        </p>
      )}
      <div className="row">
        {entry.state === 'refused' ? (
          <Link to={`/round/entries/${entry.id}`} className="button secondary">
            修改
          </Link>
        ) : null}
        {confirming ? (
          <span className="confirm" role="group" aria-label="确认删除登记">
            <span>删除后这条登记不会再发送，确定吗？</span>
            <button
              type="button"
              className="button danger"
              disabled={action.pending}
              onClick={remove}
            >
              确定删除
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              取消
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button secondary"
            disabled={props.sending}
            onClick={() => setConfirming(true)}
          >
            删除
          </button>
        )}
      </div>
      <ActionNote error={action.error} done={action.done} />
    </li>
  );
}
