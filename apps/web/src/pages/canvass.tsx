import { type FormEvent, useEffect, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import {
  type BuildingTurnout,
  type CanvassChannel,
  type CanvassList,
  type CanvassOutcome,
  type CanvassStatus,
  type Resolution,
  type Turnout,
  type UnitPlace,
} from '../api/types';
import { percentText, ThresholdBar } from '../charts';
import {
  CANVASS_CHANNEL_LABELS,
  CANVASS_OUTCOME_LABELS,
  CANVASS_STATUS_LABELS,
} from '@yishi/domain/labels';
import { formatTime } from '../labels';
import { Link } from '../router';
import { ActionNote, Empty, Loaded, useAction, useLoad } from '../ui';
import { unitText } from '../units';

/** How often the board is read again while the vote is open. */
const BOARD_REFRESH_MS = 10_000;

export { CANVASS_STATUS_LABELS };
const CHANNEL_LABELS = CANVASS_CHANNEL_LABELS;
const OUTCOME_LABELS = CANVASS_OUTCOME_LABELS;

const STATUS_ORDER: readonly CanvassStatus[] = [
  'not-reached',
  'unreachable',
  'declined',
  'reached',
  'promised',
  'voted',
];

const m2 = (n: number): string =>
  `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 平方米`;

interface CanvassData {
  resolution: Resolution;
  turnout: Turnout;
  canvass: CanvassList;
}

/**
 * 扫楼 (docs/voting.md "Canvassing"): for building leads, grid workers and the secretary while a
 * vote is open: the live board (area and headcount against two thirds, the gaps, the owners whose
 * ballots would close them, per building), the units of their buildings with where each stands,
 * and a form to record a visit.
 */
export function CanvassPage(props: { resolutionId: string }) {
  const [building, setBuilding] = useState('');
  const id = props.resolutionId;
  const [load, reload] = useLoad<CanvassData>(
    async (signal) => {
      const query = building === '' ? '' : `?building=${encodeURIComponent(building)}`;
      const [resolution, turnout, canvass] = await Promise.all([
        api<Resolution>(`/resolutions/${id}`, { signal }),
        api<Turnout>(`/resolutions/${id}/turnout${query}`, { signal }),
        api<CanvassList>(`/resolutions/${id}/canvass${query}`, { signal }),
      ]);
      return { resolution, turnout, canvass };
    },
    [id, building],
  );
  const live = load.state === 'ready' && !load.value.turnout.final;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);
  return (
    <section>
      <p>
        <Link to={`/resolutions/${id}`}>← 返回表决</Link>
      </p>
      <h1>扫楼</h1>
      <Loaded load={load} reload={reload}>
        {(data) => (
          <>
            <p className="lead">{data.resolution.title}</p>
            {data.turnout.final ? (
              <p className="note note-done">投票箱已关闭，下面是最终的参加情况。</p>
            ) : (
              <p className="muted">
                表决截止 {formatTime(data.turnout.closesAt)}，本页每10秒更新。
              </p>
            )}
            <TurnoutBoard turnout={data.turnout} building={building} onBuilding={setBuilding} />
            <UnitList canvass={data.canvass} />
            {data.turnout.final ? null : (
              <VisitForm resolutionId={id} units={data.canvass.units} reload={reload} />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

/** One measure against two thirds: a bar, ✓/✗, the numbers and the gap in words. */
function TwoThirds(props: {
  testId: string;
  title: string;
  participated: number;
  electorate: number;
  gap: number;
  reached: boolean;
  unit: (n: number) => string;
}) {
  const { participated, electorate } = props;
  return (
    <li data-testid={props.testId}>
      <p className="threshold-head">
        <strong>{props.title}</strong>
        <span className={props.reached ? 'held' : 'unheld'}>
          {props.reached ? '✓ 已达到三分之二' : `✗ 还差 ${props.unit(props.gap)}`}
        </span>
      </p>
      <ThresholdBar
        value={electorate > 0 ? participated / electorate : 0}
        mark={2 / 3}
        held={props.reached}
      />
      <p className="muted">
        已参加 {props.unit(participated)} / 共 {props.unit(electorate)}（
        {percentText(participated, electorate)}），需要三分之二以上
      </p>
    </li>
  );
}

function Measures(props: { t: Pick<BuildingTurnout, 'byArea' | 'byHeadcount'>; prefix: string }) {
  const { t } = props;
  return (
    <ul className="thresholds">
      <TwoThirds
        testId={`${props.prefix}-area`}
        title="参加表决的面积"
        participated={t.byArea.participated}
        electorate={t.byArea.electorate}
        gap={t.byArea.gap}
        reached={t.byArea.reached}
        unit={m2}
      />
      <TwoThirds
        testId={`${props.prefix}-headcount`}
        title="参加表决的人数"
        participated={t.byHeadcount.participated}
        electorate={t.byHeadcount.electorate}
        gap={t.byHeadcount.gap}
        reached={t.byHeadcount.reached}
        unit={(n) => `${n} 人`}
      />
    </ul>
  );
}

function TurnoutBoard(props: {
  turnout: Turnout;
  building: string;
  onBuilding: (b: string) => void;
}) {
  const t = props.turnout;
  const buildings = t.perBuilding.map((b) => b.building);
  return (
    <section className="card section" aria-label="参加情况" data-testid="turnout-board">
      <h2>离三分之二还差多少</h2>
      {buildings.length > 1 || props.building !== '' ? (
        <label className="inline-label">
          范围
          <select value={props.building} onChange={(e) => props.onBuilding(e.target.value)}>
            <option value="">全部</option>
            {buildings.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p>
        已投票 {t.units.voted} 户 / 共 {t.units.total} 户。
        {t.reached ? '面积和人数都已达到三分之二。' : null}
      </p>
      <Measures t={t} prefix="board" />
      <h3>优先动员（投了票就能补上差距的业主，面积大的在前）</h3>
      {t.closers.length === 0 ? (
        <Empty>{t.reached ? '已达到三分之二，无需再补。' : '没有尚未投票的业主。'}</Empty>
      ) : (
        <ol className="closers" data-testid="closers">
          {t.closers.map((c) => (
            <li key={c.units.map((u) => u.unitId).join()}>
              <strong>{c.units.map(unitText).join('、')}</strong> · {m2(c.area)}
              {c.addsOwner ? ' · 计入人数' : ' · 只计面积'}
            </li>
          ))}
        </ol>
      )}
      {t.perBuilding.length > 1 ? (
        <>
          <h3>各楼栋</h3>
          <ul className="cards">
            {t.perBuilding.map((b) => (
              <li key={`${b.estate}-${b.building}`} className="card">
                <h4>
                  {b.building}（已投 {b.units.voted} / {b.units.total} 户）
                </h4>
                <Measures t={b} prefix={`building-${b.building}`} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function UnitList(props: { canvass: CanvassList }) {
  const { canvass } = props;
  return (
    <section className="card section" aria-label="各户情况">
      <h2>各户情况</h2>
      <p className="muted">
        {STATUS_ORDER.map((s) => `${CANVASS_STATUS_LABELS[s]} ${canvass.counts[s] ?? 0}`).join(
          ' · ',
        )}
      </p>
      {canvass.units.length === 0 ? (
        <Empty>您负责的楼栋里没有参加本次表决的房屋。</Empty>
      ) : (
        <ul className="list" data-testid="canvass-units">
          {canvass.units.map((u) => {
            const last = u.visits[0];
            return (
              <li key={u.unitId} data-testid={`unit-${unitText(u)}`}>
                <p className="threshold-head">
                  <strong>{unitText(u)}</strong>
                  <span className={`chip status-${u.status}`}>
                    {CANVASS_STATUS_LABELS[u.status]}
                  </span>
                </p>
                <p className="muted">
                  {m2(u.area)}
                  {last === undefined
                    ? ''
                    : ` · ${formatTime(last.visitedAt)} ${CHANNEL_LABELS[last.channel]}：${OUTCOME_LABELS[last.outcome]}${last.note === null ? '' : `（${last.note}）`}`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function VisitForm(props: { resolutionId: string; units: UnitPlace[]; reload: () => void }) {
  const [unitId, setUnitId] = useState('');
  const [channel, setChannel] = useState<CanvassChannel>('door');
  const [outcome, setOutcome] = useState<CanvassOutcome | null>(null);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const label = props.units.find((u) => u.unitId === unitId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (unitId === '' || outcome === null) return;
    const body = {
      unitId,
      channel,
      outcome,
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    };
    const ok = await action.run(
      () =>
        api(`/resolutions/${props.resolutionId}/canvass/visits`, {
          method: 'POST',
          body,
          idempotencyKey: key,
        }),
      `已记录：${label === undefined ? '' : unitText(label)} ${OUTCOME_LABELS[outcome]}`,
    );
    if (ok) {
      setUnitId('');
      setOutcome(null);
      setNote('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <section className="card section">
      <h2>记录走访</h2>
      <form className="form" aria-label="记录走访" onSubmit={(e) => void submit(e)}>
        <label>
          房屋
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
            <option value="">请选择</option>
            {props.units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {unitText(u)}
              </option>
            ))}
          </select>
        </label>
        <label>
          方式
          <select value={channel} onChange={(e) => setChannel(e.target.value as CanvassChannel)}>
            {(Object.keys(CHANNEL_LABELS) as CanvassChannel[]).map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>结果</legend>
          {(Object.keys(OUTCOME_LABELS) as CanvassOutcome[]).map((o) => (
            <label key={o} className="choice">
              <input
                type="radio"
                name="visit-outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              {OUTCOME_LABELS[o]}
            </label>
          ))}
        </fieldset>
        <label>
          备注（选填，不要写电话或身份证号）
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            rows={2}
          />
        </label>
        <ActionNote error={action.error} done={action.done} />
        <button
          type="submit"
          className="button primary"
          disabled={action.pending || unitId === '' || outcome === null}
        >
          记录
        </button>
      </form>
    </section>
  );
}
