import { type FormEvent, type ReactNode, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type DemandDetail, type Grid, PARTIES, type Party, type Rating } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, PARTY_LABELS, RATING_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, useAction } from '../../ui';
import { type DemandStep } from './demand-steps';
import { type DemandWritten, ledgerWrite } from './ledger-api';
import { type PendingPhoto, PhotoPicker, UploadedPhotos } from './photos';

/*
 * The forms of a demand's steps, each calling its route (docs/demands.md) and then `onDone` with
 * what happened, so the page reads the demand again. Each form holds one Idempotency-Key: a double
 * tap or a retry writes once. The page remounts them after every change (keyed by the version), so
 * the next round's write gets a key of its own.
 */

export interface StepProps {
  d: DemandDetail;
  grids: Grid[];
  /** Open at first: the step the page puts forward. */
  first: boolean;
  onDone: (message: string) => void;
}

export function StepForm(props: StepProps & { step: DemandStep }) {
  switch (props.step) {
    case 'confirm':
      return <ConfirmForm {...props} recorder="submitter" />;
    case 'record-answer':
      return <ConfirmForm {...props} recorder="grid-worker" />;
    case 'accept':
      return <AcceptButton {...props} />;
    case 'refuse':
      return <RefuseForm {...props} />;
    case 'assign':
      return <AssignForm {...props} />;
    case 'resolve':
      return <ResolveForm {...props} />;
    case 'withdraw':
      return <WithdrawForm {...props} />;
    case 'escalate':
      return (
        <p className="muted">
          这件事需要多方商量？可以在<Link to="/ledger">诉求台账</Link>中转为议事案件（转议事）。
        </p>
      );
  }
}

/** A write to `/demands/:id/<route>` with the form's key. */
function useStepWrite(demandId: string, route: string) {
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const send = (body: unknown, done: string, onDone: (m: string) => void) =>
    action.run(async () => {
      await ledgerWrite<DemandWritten>(`/demands/${demandId}/${route}`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      });
      onDone(done);
    });
  return { action, send };
}

/** A step behind its button, which opens its form (the page's first step: the primary button). */
function Opening(props: {
  label: string;
  first: boolean;
  danger?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        className={props.first ? 'button primary big wide' : 'button secondary big wide'}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
    );
  return <div className="step-form">{props.children(() => setOpen(false))}</div>;
}

const RATINGS: readonly Rating[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];

function ConfirmForm(props: StepProps & { recorder: 'submitter' | 'grid-worker' }) {
  const { d } = props;
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const { action, send } = useStepWrite(d.id, 'confirmation');
  const forResident = props.recorder === 'grid-worker';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) return;
    const body = comment.trim() === '' ? { rating } : { rating, comment: comment.trim() };
    const done =
      rating === 'dissatisfied'
        ? '已记录“不满意”，这件事已退回重新办理。'
        : `已评价“${RATING_LABELS[rating]}”，这件事已销号。谢谢！`;
    void send(body, done, props.onDone);
  };
  // What was done, beside the question: the answer is about it.
  const last = d.resolutions.at(-1);
  return (
    <form
      className="form step-form"
      onSubmit={submit}
      aria-label={forResident ? '回访代录' : '评价'}
    >
      {last === undefined ? null : (
        <div className="what-was-done">
          <p>
            <strong>办理情况：</strong>
            {last.note}
          </p>
          <UploadedPhotos ids={last.photoIds} label="办好后的照片" />
        </div>
      )}
      <fieldset className="rating-tiles">
        <legend>
          {forResident
            ? `回访代录：${d.onBehalfOf?.name ?? '居民'}对办理结果满意吗？`
            : '事情办好了吗？请您评价'}
        </legend>
        {RATINGS.map((r) => (
          <label key={r} className={r === rating ? `tile chosen rating-${r}` : `tile rating-${r}`}>
            <input
              type="radio"
              name="rating"
              value={r}
              checked={r === rating}
              onChange={() => setRating(r)}
            />
            {RATING_LABELS[r]}
          </label>
        ))}
      </fieldset>
      {rating === 'dissatisfied' ? (
        <p className="note note-warn" role="note">
          选择“不满意”，这件事会退回重新办理，并重新计算办理期限。请在下面写一写哪里还没办好。
        </p>
      ) : null}
      <label>
        {rating === 'dissatisfied' ? '哪里还没办好？（可不填）' : '想说的话（可不填）'}
        <textarea
          name="comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <ActionNote error={action.error} done={null} />
      <button
        type="submit"
        className="button primary big wide"
        disabled={rating === null || action.pending}
      >
        {action.pending
          ? '正在提交…'
          : rating === 'dissatisfied'
            ? '确认不满意，退回重新办理'
            : forResident
              ? '记录居民的评价'
              : '提交评价'}
      </button>
    </form>
  );
}

function AcceptButton(props: StepProps) {
  const { action, send } = useStepWrite(props.d.id, 'acceptance');
  return (
    <div className="step-form">
      <button
        type="button"
        className={props.first ? 'button primary big wide' : 'button secondary big wide'}
        disabled={action.pending}
        onClick={() => void send({}, '已签收。请尽快办理，办好后点“办结”。', props.onDone)}
      >
        {action.pending ? '正在签收…' : '签收'}
      </button>
      <ActionNote error={action.error} done={null} />
    </div>
  );
}

function RefuseForm(props: StepProps) {
  const { d } = props;
  const [reason, setReason] = useState('');
  const { action, send } = useStepWrite(d.id, 'refusal');
  const grid = props.grids.find((g) => g.id === d.gridId);
  const admitted = grid?.admissionList.includes(d.category) === true;
  return (
    <Opening label="退回" first={false}>
      {(close) => (
        <form
          className="form"
          aria-label="退回"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ reason: reason.trim() }, '已退回，社区书记会另行安排。', props.onDone);
          }}
        >
          <p className="muted">
            只有不在本网格准入清单内的诉求才能退回，退回后由社区书记另行安排。
            {admitted
              ? `“${DEMAND_CATEGORY_LABELS[d.category]}”在${grid?.name ?? '本网格'}的准入清单内，须签收办理。`
              : ''}
          </p>
          <label>
            退回理由
            <textarea
              name="reason"
              rows={3}
              maxLength={500}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <ActionNote error={action.error} done={null} />
          <div className="row">
            <button
              type="submit"
              className="button danger"
              disabled={action.pending || reason.trim() === ''}
            >
              {action.pending ? '正在退回…' : '确认退回'}
            </button>
            <button type="button" className="button secondary" onClick={close}>
              取消
            </button>
          </div>
        </form>
      )}
    </Opening>
  );
}

type AssignTo = 'party' | 'person' | 'grid';

function AssignForm(props: StepProps) {
  const { d, grids } = props;
  const [to, setTo] = useState<AssignTo>('party');
  const [party, setParty] = useState<Party>('property-company');
  const people = workersOf(grids);
  const otherGrids = grids.filter((g) => g.id !== d.gridId);
  const [userId, setUserId] = useState('');
  const [gridId, setGridId] = useState('');
  const [days, setDays] = useState('');
  const [note, setNote] = useState('');
  const { action, send } = useStepWrite(d.id, 'assignment');
  const target =
    to === 'party'
      ? { party }
      : to === 'person'
        ? userId === ''
          ? null
          : { userId }
        : gridId === ''
          ? null
          : { gridId };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target === null) return;
    const n = Number(days);
    const body = {
      ...target,
      ...(days.trim() !== '' && Number.isFinite(n) ? { dueInWorkingDays: n } : {}),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    };
    void send(body, '已派单。', props.onDone);
  };
  return (
    <Opening label={d.status === 'assigned' ? '改派' : '派单'} first={props.first}>
      {(close) => (
        <form className="form" aria-label="派单" onSubmit={submit}>
          <fieldset>
            <legend>交给谁办？</legend>
            <label className="choice">
              <input
                type="radio"
                name="assign-to"
                checked={to === 'party'}
                onChange={() => setTo('party')}
              />
              承办方
            </label>
            {to === 'party' ? (
              <select
                aria-label="承办方"
                value={party}
                onChange={(e) => setParty(e.target.value as Party)}
              >
                {PARTIES.map((p) => (
                  <option key={p} value={p}>
                    {PARTY_LABELS[p]}
                  </option>
                ))}
              </select>
            ) : null}
            <label className="choice">
              <input
                type="radio"
                name="assign-to"
                checked={to === 'person'}
                disabled={people.length === 0}
                onChange={() => setTo('person')}
              />
              网格员
            </label>
            {to === 'person' ? (
              <select
                aria-label="网格员"
                value={userId}
                onChange={(e) => setUserId(e.target.value)}
              >
                <option value="">请选择</option>
                {people.map((p) => (
                  <option key={p.userId} value={p.userId}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            ) : null}
            <label className="choice">
              <input
                type="radio"
                name="assign-to"
                checked={to === 'grid'}
                disabled={otherGrids.length === 0}
                onChange={() => setTo('grid')}
              />
              转交其他网格
            </label>
            {to === 'grid' ? (
              <select aria-label="网格" value={gridId} onChange={(e) => setGridId(e.target.value)}>
                <option value="">请选择</option>
                {otherGrids.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            ) : null}
          </fieldset>
          <label>
            几个工作日内办好（可不填：按原期限）
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              name="dueInWorkingDays"
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </label>
          <label>
            派单说明（可不填）
            <textarea
              name="note"
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <ActionNote error={action.error} done={null} />
          <div className="row">
            <button
              type="submit"
              className="button primary"
              disabled={action.pending || target === null}
            >
              {action.pending ? '正在派单…' : '确认派单'}
            </button>
            <button type="button" className="button secondary" onClick={close}>
              取消
            </button>
          </div>
        </form>
      )}
    </Opening>
  );
}

/** The grid workers of the community, each once. */
export function workersOf(grids: Grid[]): { userId: string; displayName: string }[] {
  const seen = new Map<string, string>();
  for (const g of grids) for (const w of g.workers) seen.set(w.userId, w.displayName);
  return [...seen].map(([userId, displayName]) => ({ userId, displayName }));
}

function ResolveForm(props: StepProps) {
  const { d } = props;
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const { action, send } = useStepWrite(d.id, 'resolution');
  return (
    <Opening label="办结" first={props.first}>
      {(close) => (
        <form
          className="form"
          aria-label="办结"
          onSubmit={(e) => {
            e.preventDefault();
            const body =
              photos.length === 0
                ? { note: note.trim() }
                : { note: note.trim(), photoIds: photos.map((p) => p.id) };
            void send(body, '已办结，已请提出人评价。', props.onDone);
          }}
        >
          <label>
            办理情况（做了什么）
            <textarea
              name="note"
              rows={3}
              maxLength={2000}
              required
              placeholder="比如：已更换楼道灯泡，晚上照明恢复"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <PhotoPicker
            communityId={d.communityId}
            photos={photos}
            onChange={setPhotos}
            onUploading={setUploading}
            legend="办好后的照片（可不拍）"
          />
          <ActionNote error={action.error} done={null} />
          <div className="row">
            <button
              type="submit"
              className="button primary big"
              disabled={action.pending || uploading || note.trim() === ''}
            >
              {action.pending ? '正在提交…' : uploading ? '照片上传中…' : '提交办结'}
            </button>
            <button type="button" className="button secondary" onClick={close}>
              取消
            </button>
          </div>
        </form>
      )}
    </Opening>
  );
}

function WithdrawForm(props: StepProps) {
  const { d } = props;
  const [reason, setReason] = useState('');
  const { action, send } = useStepWrite(d.id, 'withdrawal');
  return (
    <Opening label="撤回这件事" first={false}>
      {(close) => (
        <form
          className="form"
          aria-label="撤回"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ reason: reason.trim() }, '已撤回，这件事不再办理。', props.onDone);
          }}
        >
          <p>撤回后，这件事就不再办理了。如果问题还在，可以重新反映。</p>
          <label>
            为什么撤回？
            <textarea
              name="reason"
              rows={2}
              maxLength={500}
              required
              placeholder="比如：问题已经自己解决了"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <ActionNote error={action.error} done={null} />
          <div className="row">
            <button
              type="submit"
              className="button danger"
              disabled={action.pending || reason.trim() === ''}
            >
              {action.pending ? '正在撤回…' : '确认撤回'}
            </button>
            <button type="button" className="button secondary" onClick={close}>
              不撤回
            </button>
          </div>
        </form>
      )}
    </Opening>
  );
}
