import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey, openHtml } from '../api/client';
import {
  type BallotSheet,
  type CaseDetail,
  type Choice,
  type Proxy,
  type Unit,
} from '../api/types';
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
  // A printed sheet (表决票) names its unit by its serial; other paper ballots name the unit here.
  const [printed, setPrinted] = useState(paper);
  const bySerial = paper && printed;
  const [unitId, setUnitId] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [sheetRef, setSheetRef] = useState('');
  const [serial, setSerial] = useState('');
  // One key per ballot as typed: a retry of the same sends it again (nothing written twice); a
  // corrected form (another serial, unit or choice) is a new request with a new key.
  const [attempt, setAttempt] = useState({ key: newIdempotencyKey(), body: '' });
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const labelOf = (id: string) => props.units.find((u) => u.id === id)?.label ?? '';
  const ready = choice !== null && (bySerial ? serial.trim() !== '' : unitId !== '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === null || !ready) return;
    setDone(null);
    const body = bySerial
      ? { choice, channel: 'paper', serial: serial.trim() }
      : paper
        ? { choice, unitId, channel: 'paper', sheetRef: sheetRef.trim() }
        : { choice, unitId };
    const text = JSON.stringify(body);
    const key = text === attempt.body ? attempt.key : newIdempotencyKey();
    setAttempt({ key, body: text });
    let entered = unitId;
    const ok = await action.run(async () => {
      const ballot = await api<{ unitId: string }>(`/resolutions/${props.resolutionId}/ballots`, {
        method: 'POST',
        idempotencyKey: key,
        body,
      });
      entered = ballot.unitId;
    });
    if (ok) {
      action.clear();
      setDone(`已${paper ? '录入' : '代为投票'}：${labelOf(entered)}「${CHOICE_LABELS[choice]}」`);
      setUnitId('');
      setChoice(null);
      setSheetRef('');
      setSerial('');
      setAttempt({ key: newIdempotencyKey(), body: '' });
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
      {paper ? (
        <fieldset>
          <legend>选票类型</legend>
          <label className="choice">
            <input
              type="radio"
              name="paper-kind"
              checked={printed}
              onChange={() => setPrinted(true)}
            />
            印制的表决票（有编号）
          </label>
          <label className="choice">
            <input
              type="radio"
              name="paper-kind"
              checked={!printed}
              onChange={() => setPrinted(false)}
            />
            其他纸质选票
          </label>
        </fieldset>
      ) : null}
      {bySerial ? (
        <label>
          表决票编号
          <input
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            required
            maxLength={40}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="表决票右上角的编号，如 AB12-…"
          />
        </label>
      ) : (
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
      )}
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
      {paper && !printed ? (
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
      <ActionNote error={action.error} done={action.error === null ? done : null} />
      <button type="submit" className="button primary" disabled={action.pending || !ready}>
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

/**
 * Printed ballot sheets (表决票, docs/voting.md "Ballot sheets with serials"): the secretary or a
 * building lead issues a sheet for each unit in reach (issuing again creates nothing new) and opens
 * the print-ready page (fetched with the token, shown in a new window; print or save as PDF).
 */
export function BallotSheets(props: { resolutionId: string }) {
  const issue = useAction();
  const print = useAction();
  const [issued, setIssued] = useState<{ created: number; total: number } | null>(null);
  const run = () =>
    void issue.run(async () => {
      const result = await api<{ created: number; items: BallotSheet[] }>(
        `/resolutions/${props.resolutionId}/ballot-sheets`,
        { method: 'POST', body: {} },
      );
      setIssued({ created: result.created, total: result.items.length });
    });
  return (
    <section className="card section" aria-label="表决票">
      <h2>印制表决票</h2>
      <p className="muted">
        每户一张带编号和二维码的表决票；再次生成不会重复出票。收回后在下面按编号录入，每张只能录入一次。
      </p>
      <div className="row">
        <button type="button" className="button secondary" onClick={run} disabled={issue.pending}>
          生成表决票
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={print.pending}
          onClick={() =>
            void print.run(() => openHtml(`/resolutions/${props.resolutionId}/ballot-sheets.html`))
          }
        >
          打开打印页
        </button>
      </div>
      {issued === null ? null : (
        <p className="note note-done" role="status">
          已生成 {issued.created} 张新表决票，共 {issued.total} 张。
        </p>
      )}
      <ActionNote error={issue.error ?? print.error} done={null} />
    </section>
  );
}
