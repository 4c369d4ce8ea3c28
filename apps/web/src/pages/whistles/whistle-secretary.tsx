import { useState } from 'react';
import { type Rating, type WhistleDetail, type WhistleTrack } from '../../api/types';
import { RATING_LABELS } from '../../labels';
import { StepForm } from '../step-form';
import { whistleWrite } from './whistle-steps';

/*
 * The community secretary's steps on a whistle: 评价 each department's answer (一哨一评: 满意 and
 * 基本满意 close its track, 不满意 with a reason sends it back), and 撤回 while no department has
 * answered.
 */

const RATINGS: readonly Rating[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];

/** The departments whose answer waits for a rating: one form each. */
export function RateSteps(props: { w: WhistleDetail; onDone: (message: string) => void }) {
  const answered = props.w.tracks.filter((t) => t.status === 'answered');
  return (
    <>
      {answered.map((t, i) => (
        <RateStep
          key={t.departmentId}
          w={props.w}
          t={t}
          first={i === 0}
          named={answered.length > 1 || props.w.tracks.length > 1}
          onDone={props.onDone}
        />
      ))}
    </>
  );
}

function RateStep(props: {
  w: WhistleDetail;
  t: WhistleTrack;
  first: boolean;
  /** Several departments: the form says whose answer it rates. */
  named: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = props;
  const [rating, setRating] = useState<Rating | null>(null);
  const dissatisfied = rating === 'dissatisfied';
  const department = t.departmentName ?? '部门';
  const last = t.answers.at(-1);
  const label = props.named ? `评价${department}` : '评价办理结果';
  return (
    <StepForm
      write={whistleWrite(props.w.id, 'rating')}
      onDone={props.onDone}
      name={label}
      opens={{ label, first: props.first }}
      text={{
        name: 'comment',
        label: dissatisfied ? '哪里还没办好？（必填）' : '评价说明（可不填）',
        rows: 3,
        maxLength: 500,
        required: dissatisfied,
      }}
      ready={(comment) =>
        rating === null
          ? null
          : {
              body: {
                rating,
                departmentId: t.departmentId,
                ...(comment === '' ? {} : { comment }),
              },
              done: dissatisfied
                ? `已评价“不满意”，已退回${department}重新办理。`
                : `已评价“${RATING_LABELS[rating]}”，${department}的办理已办结。`,
            }
      }
      submit={{
        className: 'button primary big',
        label: dissatisfied ? '确认不满意，退回重新办理' : '提交评价',
        sending: '正在提交…',
      }}
    >
      {last === undefined ? null : (
        <div className="what-was-done">
          <p>
            <strong>{department}反馈：</strong>
            {last.result}
          </p>
        </div>
      )}
      <fieldset className="rating-tiles">
        <legend>{department}办得怎么样？</legend>
        {RATINGS.map((r) => (
          <label key={r} className={r === rating ? `tile chosen rating-${r}` : `tile rating-${r}`}>
            <input
              type="radio"
              name={`rating-${t.departmentId}`}
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
          选择“不满意”，这件吹哨会退回{department}重新办理，并重新计算反馈期限。
        </p>
      ) : null}
    </StepForm>
  );
}

/** 撤回: the secretary takes the whistle back while no department has answered. */
export function WithdrawStep(props: { w: WhistleDetail; onDone: (message: string) => void }) {
  return (
    <StepForm
      write={whistleWrite(props.w.id, 'withdrawal')}
      onDone={props.onDone}
      name="撤回吹哨"
      opens={{ label: '撤回吹哨', first: false, cancel: '不撤回' }}
      text={{
        name: 'reason',
        label: '撤回理由',
        rows: 2,
        maxLength: 500,
        required: true,
        placeholder: '比如：居民已自行协商解决',
      }}
      ready={(reason) => ({ body: { reason }, done: '已撤回，各部门不再办理这件吹哨。' })}
      submit={{ className: 'button danger', label: '确认撤回', sending: '正在撤回…' }}
    >
      <p>撤回后，各部门不再办理这件吹哨。</p>
    </StepForm>
  );
}
