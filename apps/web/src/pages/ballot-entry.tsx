import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { type CaseDetail, type Choice, type Proxy, type Unit } from '../api/types';
import { CHOICE_LABELS, formatTime } from '../labels';
import { useSession } from '../session';
import { ActionNote, useAction, useLoad } from '../ui';
import { listUnits, unitText } from '../units';

/**
 * A ballot for another unit: a building lead's paper ballot (纸质选票, with the reference written
 * on the sheet) or an agent's under a written proxy (委托投票). The vote decides whether the caller
 * may (403 otherwise, shown in Chinese); a unit votes once (409 ALREADY_VOTED).
 */
function BallotForUnit(props: {
  resolutionId: string;
  kind: 'paper' | 'proxy';
  units: { id: string; label: string }[];
  reload: () => void;
}) {
  const paper = props.kind === 'paper';
  const [unitId, setUnitId] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [sheetRef, setSheetRef] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const label = props.units.find((u) => u.id === unitId)?.label ?? '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === null || unitId === '') return;
    const ok = await action.run(
      () =>
        api(`/resolutions/${props.resolutionId}/ballots`, {
          method: 'POST',
          idempotencyKey: key,
          body: paper
            ? { choice, unitId, channel: 'paper', sheetRef: sheetRef.trim() }
            : { choice, unitId },
        }),
      `已${paper ? '录入' : '代为投票'}：${label}「${CHOICE_LABELS[choice]}」`,
    );
    if (ok) {
      setUnitId('');
      setChoice(null);
      setSheetRef('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  const name = paper ? 'paper-choice' : 'proxy-choice';
  return (
    <form
      className="form"
      onSubmit={(e) => void submit(e)}
      aria-label={paper ? '录入纸质选票' : '受托投票'}
    >
      <label>
        {paper ? '选票所属房屋' : '代哪一户投票'}
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
          <option value="">请选择</option>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{paper ? '选票上的选择' : '委托人的选择'}</legend>
        {(['for', 'against', 'abstain'] as const).map((c) => (
          <label key={c} className="choice">
            <input
              type="radio"
              name={name}
              value={c}
              checked={choice === c}
              onChange={() => setChoice(c)}
            />
            {CHOICE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      {paper ? (
        <label>
          选票编号
          <input
            value={sheetRef}
            onChange={(e) => setSheetRef(e.target.value)}
            required
            maxLength={100}
            placeholder="纸质选票上的编号"
          />
        </label>
      ) : null}
      <ActionNote error={action.error} done={action.done} />
      <button
        type="submit"
        className="button primary"
        disabled={action.pending || choice === null || unitId === ''}
      >
        {paper ? '录入选票' : '代为投票'}
      </button>
    </form>
  );
}

/** A building lead enters the paper ballots collected door to door, for units of the case's scope. */
export function PaperBallots(props: { resolutionId: string; caseId: string; reload: () => void }) {
  const { membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const [units] = useLoad(
    async (signal) => {
      const c = await api<CaseDetail>(`/cases/${props.caseId}`, { signal });
      const all = await listUnits(
        communityId,
        { estate: c.scope.estate, building: c.scope.building },
        signal,
      );
      return all.filter((u) => c.scope.entrance === null || u.entrance === c.scope.entrance);
    },
    [communityId, props.caseId],
  );
  return (
    <section className="card section" aria-label="纸质选票">
      <h2>录入纸质选票（楼栋长）</h2>
      <p className="muted">
        入户收回的纸质选票在这里逐张录入，每户一张；业主本人之后在网上投的票会替换纸质选票。
      </p>
      {units.state === 'ready' ? (
        <BallotForUnit
          resolutionId={props.resolutionId}
          kind="paper"
          units={units.value.map((u: Unit) => ({ id: u.id, label: unitText(u) }))}
          reload={props.reload}
        />
      ) : units.state === 'error' ? (
        <p className="note note-error" role="alert">
          {units.message}
        </p>
      ) : (
        <p className="muted">正在读取房屋…</p>
      )}
    </section>
  );
}

/** An agent (受托人) votes for the units whose owners gave them an active written proxy. */
export function ProxyBallots(props: { resolutionId: string; reload: () => void }) {
  const { membership, me } = useSession();
  const communityId = membership?.communityId ?? '';
  const [load] = useLoad(
    async (signal) => {
      const proxies = await api<{ items: Proxy[] }>(`/communities/${communityId}/proxies`, {
        signal,
      });
      const mine = proxies.items.filter((p) => p.active && p.agentId === me.id);
      if (mine.length === 0) return [];
      const units = await listUnits(communityId, {}, signal);
      return mine.map((p) => {
        const unit = units.find((u) => u.id === p.unitId);
        return {
          id: p.unitId,
          label: `${unit === undefined ? '委托房屋' : unitText(unit)}（委托至 ${formatTime(p.validUntil)}）`,
        };
      });
    },
    [communityId, me.id],
  );
  if (load.state !== 'ready' || load.value.length === 0) return null;
  return (
    <section className="card section" aria-label="受托投票">
      <h2>受托投票（委托书）</h2>
      <p className="muted">有业主书面委托您投票。请按委托人的意思投，每户一票。</p>
      <BallotForUnit
        resolutionId={props.resolutionId}
        kind="proxy"
        units={load.value}
        reload={props.reload}
      />
    </section>
  );
}
