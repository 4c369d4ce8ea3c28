import { useState } from 'react';
import { type Department, type WhistleDetail, type WhistleWrite } from '../../api/types';
import { ActionNote } from '../../ui';
import { ledgerWrite } from '../demands/ledger-api';
import { StepForm, type StepWrite, useStepWrite } from '../step-form';
import { navigate } from '../../router';
import { tellDesk } from './department-desk';
import { departmentSteps, type MyTrack } from './whistle-rules';

/*
 * A department's steps on a whistle (docs/whistles.md): 签收 in one tap, 流转 by its dispatcher to
 * another department of the street with the reason, 报到 on site with a note and photos from the
 * phone's camera, and 反馈 with the result and photos. Each names its department (a member of
 * several on the whistle acts for the one whose card it is). Refusals show the API's words.
 */

/** A write to `/whistles/:id/<route>`; the version it answered is what the page reads next. */
export const whistleWrite =
  (whistleId: string, route: string): StepWrite =>
  (body, idempotencyKey) =>
    ledgerWrite<WhistleWrite>(`/whistles/${whistleId}/${route}`, {
      method: 'POST',
      body,
      idempotencyKey,
    });

interface DepartmentStepsProps {
  w: WhistleDetail;
  mine: MyTrack;
  /** The street's departments a dispatcher may pass it on to. */
  street: Department[];
  onDone: (message: string) => void;
}

/** What the department can do now, its next step first (a primary button). */
export function DepartmentSteps(props: DepartmentStepsProps) {
  const steps = departmentSteps(props.w, props.mine);
  const from = props.mine.track.departmentId;
  return (
    <>
      {steps.map((step, i) => {
        const first = i === 0;
        switch (step) {
          case 'accept':
            return <AcceptButton key={step} {...props} from={from} />;
          case 'check-in':
            return <CheckInStep key={step} {...props} from={from} first={first} />;
          case 'answer':
            return <AnswerStep key={step} {...props} from={from} />;
          case 'transfer':
            return <TransferStep key={step} {...props} from={from} />;
        }
      })}
    </>
  );
}

type StepProps = DepartmentStepsProps & { from: string };

function AcceptButton(props: StepProps) {
  const { action, send } = useStepWrite(whistleWrite(props.w.id, 'acceptance'));
  const next = props.w.onSite ? '请按期限到场报到，办好后反馈。' : '办好后请反馈办理结果。';
  return (
    <div className="step-form">
      <button
        type="button"
        className="button primary big wide"
        disabled={action.pending}
        onClick={() => void send({ fromDepartmentId: props.from }, `已签收。${next}`, props.onDone)}
      >
        {action.pending ? '正在签收…' : '签收'}
      </button>
      <ActionNote error={action.error} done={null} />
    </div>
  );
}

function CheckInStep(props: StepProps & { first: boolean }) {
  const [colleagues, setColleagues] = useState('');
  const names = colleagues
    .split(/[、,，\s]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return (
    <StepForm
      write={whistleWrite(props.w.id, 'check-in')}
      onDone={props.onDone}
      name="到场报到"
      opens={{ label: props.first ? '到场报到' : '再次报到', first: props.first }}
      text={{
        name: 'note',
        label: '现场情况',
        rows: 3,
        maxLength: 2000,
        required: true,
        placeholder: '比如：已到现场，违建约 20 平方米，已告知当事人',
      }}
      photos={{ legend: '现场照片（可拍多张）', uploadPath: `/whistles/${props.w.id}/uploads` }}
      ready={(note, photoIds) => ({
        body: {
          fromDepartmentId: props.from,
          note,
          ...(names.length === 0 ? {} : { colleagues: names }),
          ...(photoIds.length === 0 ? {} : { photoIds }),
        },
        done: '已报到。办好后请反馈办理结果。',
      })}
      submit={{ className: 'button primary big', label: '提交报到', sending: '正在报到…' }}
      below={
        <label>
          同来的同事（可不填，多人用顿号隔开）
          <input
            name="colleagues"
            maxLength={200}
            value={colleagues}
            onChange={(e) => setColleagues(e.target.value)}
          />
        </label>
      }
    />
  );
}

function AnswerStep(props: StepProps) {
  return (
    <StepForm
      write={whistleWrite(props.w.id, 'feedback')}
      onDone={props.onDone}
      name="反馈"
      opens={{ label: '反馈办理结果', first: true }}
      text={{
        name: 'result',
        label: '办理结果',
        rows: 3,
        maxLength: 2000,
        required: true,
        placeholder: '比如：违建已责令当事人拆除，现场已清理',
      }}
      photos={{ legend: '办好后的照片（可不拍）', uploadPath: `/whistles/${props.w.id}/uploads` }}
      ready={(result, photoIds) => ({
        body: {
          fromDepartmentId: props.from,
          result,
          ...(photoIds.length === 0 ? {} : { photoIds }),
        },
        done: '已反馈，社区书记会评价办理结果。',
      })}
      submit={{ className: 'button primary big', label: '提交反馈', sending: '正在提交…' }}
    />
  );
}

function TransferStep(props: StepProps) {
  const on = new Set(props.w.tracks.map((t) => t.departmentId));
  const others = props.street.filter((d) => !on.has(d.id));
  const [to, setTo] = useState('');
  return (
    <StepForm
      write={whistleWrite(props.w.id, 'transfer')}
      onDone={(message) => {
        // The whistle is the other department's now: this one may no longer read it.
        tellDesk(message, props.w.id);
        navigate('/department');
      }}
      name="流转"
      opens={{ label: '不归本部门管？流转', first: false }}
      text={{
        name: 'reason',
        label: '流转理由',
        rows: 2,
        maxLength: 500,
        required: true,
        placeholder: '比如：属住建所职责范围',
      }}
      ready={(reason) =>
        to === ''
          ? null
          : {
              body: { fromDepartmentId: props.from, departmentId: to, reason },
              done: `已将“${props.w.subject}”流转给${others.find((d) => d.id === to)?.name ?? '其他部门'}，本部门不再办理。`,
            }
      }
      submit={{ className: 'button danger', label: '确认流转', sending: '正在流转…' }}
    >
      {others.length === 0 ? (
        <p className="muted">街道没有其他可以流转的部门。</p>
      ) : (
        <label>
          流转给
          <select name="departmentId" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">请选择部门</option>
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted">流转后，签收期限从对方部门收到时重新计算；流转会记入本部门的考核。</p>
    </StepForm>
  );
}
