import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { type LedgerDemand } from '../../api/types';
import {
  DEMAND_CATEGORY_LABELS,
  DEMAND_STATUS_LABELS,
  formatTime,
  SOURCE_LABELS,
} from '../../labels';
import { Link } from '../../router';
import { useSession } from '../../session';
import { ActionNote, Empty, ErrorBox, Loading, useAction, useLoad } from '../../ui';
import { OutboxPanel } from './outbox-panel';
import { loadRound, loadUnits } from './round-data';
import { deadlineOf, myGrids, roundGroups } from './round-groups';
import { useOutbox } from './use-outbox';

/** navigator.onLine, kept current: false is certain (no network), true only likely. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Reads the lists again now and a few times over the next seconds: the ledger's list shows a
 * write (a demand sent, a 签收) a moment after it is recorded.
 */
function useRefresh(reload: () => void): () => void {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  return useCallback(() => {
    timers.current.forEach(clearTimeout);
    reload();
    timers.current = [1_500, 4_000, 8_000].map((ms) => setTimeout(reload, ms));
  }, [reload]);
}

/**
 * Reads the lists again when the phone shows the page again (out of the pocket): 已超时 is the
 * API's, as of the last read.
 */
function useReadOnShow(reload: () => void, online: boolean): void {
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible' && online) reload();
    };
    document.addEventListener('visibilitychange', shown);
    return () => document.removeEventListener('visibilitychange', shown);
  }, [reload, online]);
}

/**
 * 网格巡查: the grid worker's phone. What needs them (待签收 first, then 已超时, 派给我的,
 * 已签收待处理), 签收 on the card, and 代居民登记, which works without signal: the entries wait in
 * the outbox (待发送) and go when the signal returns.
 */
export function RoundPage() {
  const { me, membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const online = useOnline();
  const outbox = useOutbox();
  const [load, reload] = useLoad(
    (signal) => loadRound(communityId, me.id, signal),
    [communityId, me.id],
  );

  const refresh = useRefresh(reload);
  useReadOnShow(reload, online);
  const [accepted, setAccepted] = useState<string | null>(null);
  /** Demands this page accepted: shown as accepted until the ledger's list says so itself. */
  const [acceptedIds, setAcceptedIds] = useState<ReadonlySet<string>>(new Set());
  // Back online, or a demand sent from the outbox: read the lists again.
  const sentCount = outbox.sent.length;
  const seen = useRef({ online, sentCount });
  useEffect(() => {
    const before = seen.current;
    seen.current = { online, sentCount };
    if (online && (!before.online || sentCount !== before.sentCount)) refresh();
  }, [online, sentCount, refresh]);
  const card: CardContext = {
    online,
    onAccepted: (demand) => {
      setAccepted(`已签收 ${demand.number}，已移到「已签收待处理」。`);
      setAcceptedIds((ids) => new Set([...ids, demand.id]));
      refresh();
    },
  };
  // The units the form offers, kept on the phone while there is signal.
  useEffect(() => {
    if (online && communityId !== '') void loadUnits(communityId, me.id).catch(() => undefined);
  }, [online, communityId, me.id]);

  const lists = load.state === 'ready' ? load.value.value : null;
  const grids = useMemo(() => (lists === null ? [] : myGrids(lists.grids, me.id)), [lists, me.id]);
  const groups = useMemo(
    () =>
      lists === null
        ? null
        : roundGroups(
            lists.demands.map((d) =>
              d.status === 'received' && acceptedIds.has(d.id)
                ? // Accepted here: waits on its resolve deadline now, as the message says.
                  {
                    ...d,
                    status: 'accepted' as const,
                    acceptedAt: new Date().toISOString(),
                    overdue: false,
                  }
                : d,
            ),
            me.id,
            new Set(grids.map((g) => g.id)),
          ),
    [lists, grids, me.id, acceptedIds],
  );

  if (membership === null)
    return (
      <section>
        <h1>网格巡查</h1>
        <Empty>您还不是任何社区的成员，请联系社区书记。</Empty>
      </section>
    );

  return (
    <section className="round">
      <h1>网格巡查</h1>
      <p className="lead">
        {me.displayName}，您好。
        {grids.length > 0
          ? `您负责${grids.map((g) => `${g.name}（${g.buildings.map((b) => b.building).join('、')}）`).join('、')}。`
          : ''}
      </p>
      <p>
        <Link to="/round/new" className="button primary big">
          代居民登记
        </Link>
      </p>
      <OutboxPanel view={outbox} online={online} />
      {load.state === 'loading' ? <Loading /> : null}
      {load.state === 'error' ? (
        <ErrorBox
          message={
            online
              ? load.message
              : '未联网，这部手机上也还没有存过诉求列表。联网后打开本页即可查看；代居民登记不受影响。'
          }
          onRetry={reload}
        />
      ) : null}
      {load.state === 'ready' && load.value.offline ? (
        <p className="note" role="status" data-testid="round-offline">
          未联网：下面是 {formatTime(load.value.value.readAt)} 读取的列表，联网后自动更新。
        </p>
      ) : null}
      {lists !== null && groups !== null ? (
        <>
          {grids.length === 0 ? (
            <p className="note">
              您还没有负责的网格，请联系社区书记把您加入网格；代居民登记仍可使用。
            </p>
          ) : null}
          <ActionNote error={null} done={accepted} />
          <Group title="待签收" items={groups.received} card={card} />
          <Group title="已超时" items={groups.overdue} card={card} />
          <Group title="派给我的" items={groups.mine} card={card} />
          <Group title="已签收待处理" items={groups.accepted} card={card} />
          {[groups.received, groups.overdue, groups.mine, groups.accepted].every(
            (g) => g.length === 0,
          ) ? (
            <Empty>
              您负责的网格现在没有需要处理的诉求。入户走访或巡查时，点上面的「代居民登记」记下居民反映的问题；没有信号也能登记，联网后自动发送。
            </Empty>
          ) : null}
          {lists.more > 0 ? (
            <p className="muted">还有 {lists.more} 条诉求没有列出，请在电脑上打开诉求台账查看。</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** What every card of the page shares. */
interface CardContext {
  online: boolean;
  onAccepted: (demand: LedgerDemand) => void;
}

function Group(props: { title: string; items: LedgerDemand[]; card: CardContext }) {
  if (props.items.length === 0) return null;
  const id = `round-${props.title}`;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>
        {props.title}
        <span className="count">{props.items.length} 条</span>
      </h2>
      <ul className="cards">
        {props.items.map((d) => (
          <DemandCard key={d.id} demand={d} card={props.card} />
        ))}
      </ul>
    </section>
  );
}

function DemandCard(props: { demand: LedgerDemand; card: CardContext }) {
  const d = props.demand;
  const overdue = d.overdue;
  const step = d.status === 'received' ? '签收' : '办结';
  const place = [d.estate, d.building].filter((p) => p !== null && p !== '').join(' ');
  return (
    <li
      className={overdue ? 'card demand-card flagged' : 'card demand-card'}
      data-testid="demand-card"
    >
      <p className="row demand-head">
        <Link to={`/demands/${d.id}`} className="case-title">
          {d.number}
        </Link>
        <span className="chip">{DEMAND_STATUS_LABELS[d.status]}</span>
        {overdue ? <span className="flag flag-overdue">已超时</span> : null}
      </p>
      <p className="demand-content">{d.content}</p>
      <p className="muted">
        {[place, DEMAND_CATEGORY_LABELS[d.category], SOURCE_LABELS[d.source]]
          .filter((t) => t !== '')
          .join(' · ')}
      </p>
      <p className={overdue ? 'due due-overdue' : 'due'}>
        {`${overdue ? '应于' : '请于'} ${formatTime(deadlineOf(d))} 前${step}`}
      </p>
      <div className="row">
        {d.status === 'received' ? (
          <AcceptButton demand={d} online={props.card.online} onDone={props.card.onAccepted} />
        ) : null}
        <Link to={`/demands/${d.id}`} className="button secondary">
          查看详情
        </Link>
      </div>
    </li>
  );
}

/** 签收 on the card (POST /demands/:id/acceptance); a retried tap signs once (Idempotency-Key). */
function AcceptButton(props: {
  demand: LedgerDemand;
  online: boolean;
  onDone: (demand: LedgerDemand) => void;
}) {
  const action = useAction();
  const [key] = useState(newIdempotencyKey);
  const accept = async () => {
    const ok = await action.run(() =>
      api(`/demands/${props.demand.id}/acceptance`, {
        method: 'POST',
        body: {},
        idempotencyKey: key,
      }),
    );
    if (ok) props.onDone(props.demand);
  };
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={action.pending || !props.online}
        aria-label={`签收 ${props.demand.number}`}
        onClick={() => void accept()}
      >
        {action.pending ? '正在签收…' : '签收'}
      </button>
      {props.online ? null : <span className="muted">联网后可签收</span>}
      <ActionNote error={action.error} done={action.done} />
    </>
  );
}
