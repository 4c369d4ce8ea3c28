import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { type Choice, type Objection, type Resolution, type Unit } from '../api/types';
import { CHOICE_LABELS, formatTime } from '../labels';
import { useSession } from '../session';
import { ActionNote, Empty, Loaded, useAction, useLoad } from '../ui';
import { listUnits, unitText } from '../units';

interface ObjectionsData {
  items: Objection[];
  units: Unit[];
}

/** What an upheld answer does to the unit's ballot: nothing, a choice, or void (null). */
type Correction = 'none' | 'void' | Choice;

const correctionText = (c: Objection['answer']): string => {
  if (c === null || c.correction === null) return '';
  return c.correction.choice === null
    ? '，该户选票作废'
    : `，该户更正为「${CHOICE_LABELS[c.correction.choice]}」`;
};

/**
 * 询异 (docs/voting.md "Objection period"): after the close, during the objection period, an owner
 * objects to how their unit's vote is recorded; the secretary answers each (upheld or not, a
 * reason, and any correction); the list shows the objections the caller may see and the answers.
 */
export function Objections(props: { resolution: Resolution; reload: () => void }) {
  const r = props.resolution;
  const session = useSession();
  const communityId = session.membership?.communityId ?? '';
  const open = r.phase === 'objection';
  const [load, reload] = useLoad<ObjectionsData>(
    async (signal) => {
      const [objections, units] = await Promise.all([
        api<{ items: Objection[] }>(`/resolutions/${r.id}/objections`, { signal }),
        listUnits(communityId, {}, signal),
      ]);
      return { items: objections.items, units };
    },
    [r.id, communityId],
  );
  const after = () => {
    reload();
    props.reload();
  };
  const mine = session.membership?.unitIds ?? [];
  return (
    <section className="card section" aria-label="异议">
      <h2>异议（询异）</h2>
      <Loaded load={load} reload={reload}>
        {(data) => {
          const label = (unitId: string) => {
            const u = data.units.find((x) => x.id === unitId);
            return u === undefined ? '（房屋）' : unitText(u);
          };
          return (
            <>
              {data.items.length === 0 ? (
                <Empty>{open ? '目前没有异议。' : '异议期内没有人提出异议。'}</Empty>
              ) : (
                <ul className="list" data-testid="objections">
                  {data.items.map((o) => (
                    <li key={o.id} aria-label={`异议：${label(o.unitId)}`}>
                      <p>
                        <strong>{label(o.unitId)}</strong> · {formatTime(o.filedAt)}
                      </p>
                      <p>{o.content}</p>
                      {o.answer === null ? (
                        <p className="muted">待社区书记答复</p>
                      ) : (
                        <p className="note note-done">
                          {o.answer.upheld ? '已采纳' : '不予采纳'}
                          {correctionText(o.answer)}。理由：{o.answer.reason}（
                          {formatTime(o.answer.answeredAt)}）
                        </p>
                      )}
                      {o.answer === null && open && session.has('secretary') ? (
                        <AnswerForm
                          resolutionId={r.id}
                          objection={o}
                          label={label(o.unitId)}
                          onDone={after}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {open && mine.length > 0 ? (
                <FileObjection
                  resolutionId={r.id}
                  units={data.units.filter((u) => mine.includes(u.id))}
                  onDone={after}
                />
              ) : null}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function FileObjection(props: { resolutionId: string; units: Unit[]; onDone: () => void }) {
  const [unitId, setUnitId] = useState(props.units.length === 1 ? (props.units[0]?.id ?? '') : '');
  const [content, setContent] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (unitId === '' || content.trim() === '') return;
    const ok = await action.run(
      () =>
        api(`/resolutions/${props.resolutionId}/objections`, {
          method: 'POST',
          body: { unitId, content: content.trim() },
          idempotencyKey: key,
        }),
      '异议已提交，社区书记会答复您。',
    );
    if (ok) {
      setContent('');
      setKey(newIdempotencyKey());
      props.onDone();
    }
  };
  return (
    <form className="form" aria-label="提出异议" onSubmit={(e) => void submit(e)}>
      <h3>对本户的表决记录有异议</h3>
      <label>
        房屋
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
          <option value="">请选择</option>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitText(u)}
            </option>
          ))}
        </select>
      </label>
      <label>
        异议内容
        <textarea
          value={content}
          onChange={(e) => setContent(e.target.value)}
          maxLength={2000}
          rows={3}
          required
          placeholder="例如：我家投的是反对，公示里记成了同意"
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button
        type="submit"
        className="button primary"
        disabled={action.pending || unitId === '' || content.trim() === ''}
      >
        提交异议
      </button>
    </form>
  );
}

function AnswerForm(props: {
  resolutionId: string;
  objection: Objection;
  label: string;
  onDone: () => void;
}) {
  const o = props.objection;
  const [upheld, setUpheld] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [correction, setCorrection] = useState<Correction>('none');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (upheld === null || reason.trim() === '') return;
    const body = {
      upheld,
      reason: reason.trim(),
      ...(upheld && correction !== 'none'
        ? { correction: { unitId: o.unitId, choice: correction === 'void' ? null : correction } }
        : {}),
    };
    const ok = await action.run(
      () =>
        api(`/resolutions/${props.resolutionId}/objections/${o.id}/answer`, {
          method: 'POST',
          body,
        }),
      '已答复',
    );
    if (ok) props.onDone();
  };
  const name = `upheld-${o.id}`;
  return (
    <form className="form" aria-label={`答复异议：${props.label}`} onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>是否采纳</legend>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={upheld === true}
            onChange={() => setUpheld(true)}
          />
          采纳
        </label>
        <label className="choice">
          <input
            type="radio"
            name={name}
            checked={upheld === false}
            onChange={() => setUpheld(false)}
          />
          不予采纳
        </label>
      </fieldset>
      {upheld === true ? (
        <label>
          更正该户的表决
          <select value={correction} onChange={(e) => setCorrection(e.target.value as Correction)}>
            <option value="none">不更正</option>
            {(['for', 'against', 'abstain'] as const).map((c) => (
              <option key={c} value={c}>
                更正为「{CHOICE_LABELS[c]}」
              </option>
            ))}
            <option value="void">该户选票作废</option>
          </select>
        </label>
      ) : null}
      <label>
        答复理由
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          rows={2}
          required
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button
        type="submit"
        className="button primary"
        disabled={action.pending || upheld === null || reason.trim() === ''}
      >
        提交答复
      </button>
    </form>
  );
}
