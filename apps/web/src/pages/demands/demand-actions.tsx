import { useState } from 'react';
import { type DemandDetail, type Grid, PARTIES, type Party, type Rating } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, PARTY_LABELS, RATING_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote } from '../../ui';
import {
  type Ready,
  StepForm as SharedStepForm,
  type StepFormProps,
  useStepWrite,
  WorkingDaysField,
} from '../step-form';
import { type DemandStep } from './demand-steps';
import { type DemandWritten, ledgerWrite } from './ledger-api';
import { UploadedPhotos } from './photos';

/*
 * The forms of a demand's steps, each calling its route (docs/demands.md) and then `onDone` with
 * what happened, so the page reads the demand again. Every form is a StepForm (../step-form.tsx),
 * which holds what the steps share (the written text, the photos, sending, the error line, the
 * buttons); a step supplies its route, its words, its own fields and its request body. The page
 * remounts them after every change (keyed by the version), so the next round's write gets a key of
 * its own.
 */

export interface StepProps {
  d: DemandDetail;
  grids: Grid[];
  /** Open at first: the step the page puts forward. */
  first: boolean;
  onDone: (message: string) => void;
}

export function StepAction(props: StepProps & { step: DemandStep }) {
  switch (props.step) {
    case 'confirm':
      return <ConfirmStep {...props} recorder="submitter" />;
    case 'record-answer':
      return <ConfirmStep {...props} recorder="grid-worker" />;
    case 'accept':
      return <AcceptButton {...props} />;
    case 'refuse':
      return <RefuseStep {...props} />;
    case 'assign':
      return <AssignStep {...props} />;
    case 'resolve':
      return <ResolveStep {...props} />;
    case 'withdraw':
      return <WithdrawStep {...props} />;
    case 'escalate':
      return (
        <p className="muted">
          这件事需要多方商量？可以在<Link to="/ledger">诉求台账</Link>中转为议事案件（转议事）。
        </p>
      );
  }
}

/** A write to `/demands/:id/<route>` (refusals in the API's words, the version remembered). */
const demandWrite =
  (demandId: string, route: string) =>
  (body: unknown, idempotencyKey: string): Promise<unknown> =>
    ledgerWrite<DemandWritten>(`/demands/${demandId}/${route}`, {
      method: 'POST',
      body,
      idempotencyKey,
    });

/** A demand's step form (../step-form.tsx) on `/demands/:id/<route>`; photos upload to its community. */
function StepForm(
  props: Omit<StepFormProps, 'write' | 'photos'> &
    Pick<StepProps, 'd'> & { route: string; photos?: string },
) {
  const { d, route, photos, ...rest } = props;
  return (
    <SharedStepForm
      {...rest}
      write={demandWrite(d.id, route)}
      photos={
        photos === undefined
          ? undefined
          : { legend: photos, uploadPath: `/communities/${d.communityId}/uploads` }
      }
    />
  );
}

const RATINGS: readonly Rating[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];

function ConfirmStep(props: StepProps & { recorder: 'submitter' | 'grid-worker' }) {
  const { d } = props;
  const [rating, setRating] = useState<Rating | null>(null);
  const forResident = props.recorder === 'grid-worker';
  const dissatisfied = rating === 'dissatisfied';
  // What was done, beside the question: the answer is about it.
  const last = d.resolutions.at(-1);
  return (
    <StepForm
      d={d}
      onDone={props.onDone}
      route="confirmation"
      name={forResident ? '回访代录' : '评价'}
      text={{
        name: 'comment',
        label: dissatisfied ? '哪里还没办好？（可不填）' : '想说的话（可不填）',
        rows: 3,
        maxLength: 1000,
      }}
      ready={(comment) =>
        rating === null
          ? null
          : {
              body: comment === '' ? { rating } : { rating, comment },
              done: dissatisfied
                ? '已记录“不满意”，这件事已退回重新办理。'
                : `已评价“${RATING_LABELS[rating]}”，这件事已销号。谢谢！`,
            }
      }
      submit={{
        className: 'button primary big wide',
        label: dissatisfied
          ? '确认不满意，退回重新办理'
          : forResident
            ? '记录居民的评价'
            : '提交评价',
        sending: '正在提交…',
      }}
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
      {dissatisfied ? (
        <p className="note note-warn" role="note">
          选择“不满意”，这件事会退回重新办理，并重新计算办理期限。请在下面写一写哪里还没办好。
        </p>
      ) : null}
    </StepForm>
  );
}

/** 签收 is one tap: no form. */
function AcceptButton(props: StepProps) {
  const { action, send } = useStepWrite(demandWrite(props.d.id, 'acceptance'));
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

function RefuseStep(props: StepProps) {
  const { d } = props;
  const grid = props.grids.find((g) => g.id === d.gridId);
  const admitted = grid?.admissionList.includes(d.category) === true;
  return (
    <StepForm
      d={d}
      onDone={props.onDone}
      route="refusal"
      name="退回"
      opens={{ label: '退回', first: false }}
      text={{ name: 'reason', label: '退回理由', rows: 3, maxLength: 500, required: true }}
      ready={(reason) => ({ body: { reason }, done: '已退回，社区书记会另行安排。' })}
      submit={{ className: 'button danger', label: '确认退回', sending: '正在退回…' }}
    >
      <p className="muted">
        只有不在本网格准入清单内的诉求才能退回，退回后由社区书记另行安排。
        {admitted
          ? `“${DEMAND_CATEGORY_LABELS[d.category]}”在${grid?.name ?? '本网格'}的准入清单内，须签收办理。`
          : ''}
      </p>
    </StepForm>
  );
}

type AssignTo = 'party' | 'person' | 'grid';

function AssignStep(props: StepProps) {
  const { d, grids } = props;
  const [to, setTo] = useState<AssignTo>('party');
  const [party, setParty] = useState<Party>('property-company');
  const people = workersOf(grids);
  const otherGrids = grids.filter((g) => g.id !== d.gridId);
  const [userId, setUserId] = useState('');
  const [gridId, setGridId] = useState('');
  const [days, setDays] = useState('');
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
  const ready = (note: string): Ready => {
    if (target === null) return null;
    const n = Number(days);
    const body = {
      ...target,
      ...(days.trim() !== '' && Number.isFinite(n) ? { dueInWorkingDays: n } : {}),
      ...(note === '' ? {} : { note }),
    };
    return { body, done: '已派单。' };
  };
  return (
    <StepForm
      d={d}
      onDone={props.onDone}
      route="assignment"
      name="派单"
      opens={{ label: d.status === 'assigned' ? '改派' : '派单', first: props.first }}
      text={{ name: 'note', label: '派单说明（可不填）', rows: 2, maxLength: 500 }}
      ready={ready}
      submit={{ className: 'button primary', label: '确认派单', sending: '正在派单…' }}
    >
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
          <select aria-label="网格员" value={userId} onChange={(e) => setUserId(e.target.value)}>
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
      <WorkingDaysField
        label="几个工作日内办好（可不填：按原期限）"
        name="dueInWorkingDays"
        value={days}
        onChange={setDays}
      />
    </StepForm>
  );
}

/** The grid workers of the community, each once. */
export function workersOf(grids: Grid[]): { userId: string; displayName: string }[] {
  const seen = new Map<string, string>();
  for (const g of grids) for (const w of g.workers) seen.set(w.userId, w.displayName);
  return [...seen].map(([userId, displayName]) => ({ userId, displayName }));
}

function ResolveStep(props: StepProps) {
  return (
    <StepForm
      d={props.d}
      onDone={props.onDone}
      route="resolution"
      name="办结"
      opens={{ label: '办结', first: props.first }}
      text={{
        name: 'note',
        label: '办理情况（做了什么）',
        rows: 3,
        maxLength: 2000,
        required: true,
        placeholder: '比如：已更换楼道灯泡，晚上照明恢复',
      }}
      photos="办好后的照片（可不拍）"
      ready={(note, photoIds) => ({
        body: photoIds.length === 0 ? { note } : { note, photoIds },
        done: '已办结，已请提出人评价。',
      })}
      submit={{ className: 'button primary big', label: '提交办结', sending: '正在提交…' }}
    />
  );
}

function WithdrawStep(props: StepProps) {
  return (
    <StepForm
      d={props.d}
      onDone={props.onDone}
      route="withdrawal"
      name="撤回"
      opens={{ label: '撤回这件事', first: false, cancel: '不撤回' }}
      text={{
        name: 'reason',
        label: '为什么撤回？',
        rows: 2,
        maxLength: 500,
        required: true,
        placeholder: '比如：问题已经自己解决了',
      }}
      ready={(reason) => ({ body: { reason }, done: '已撤回，这件事不再办理。' })}
      submit={{ className: 'button danger', label: '确认撤回', sending: '正在撤回…' }}
    >
      <p>撤回后，这件事就不再办理了。如果问题还在，可以重新反映。</p>
    </StepForm>
  );
}
