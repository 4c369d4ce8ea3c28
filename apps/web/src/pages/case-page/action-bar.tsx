import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail } from '../../api/types';
import { nextStage } from '../../case-status';
import { formatTime, STAGE_LABELS } from '../../labels';
import { type Session } from '../../session';
import { ActionNote, ConfirmAction, Empty, useAction } from '../../ui';
import { VoteCall } from '../my-vote';
import { AnalysisForm } from './analysis';
import { ResolutionForm } from './deliberation';
import { MeetingForm } from './meetings';
import { EvaluationForm, TaskForm } from './follow-up';
import { DemandForm } from './gathering';
import { UnresolvedCloseForm } from './close-form';
import { meetingsToSignIn } from './meeting-state';
import { nextActions } from './next-actions';
import { ReopenForm } from './reopen-form';
import { write } from './write';

/** What the signed-in user can do on this case now (which of it shows: next-actions.ts). */
export function ActionBar(props: {
  c: CaseDetail;
  session: Session;
  reload: (done?: string) => void;
  flash: string | null;
}) {
  const { c, session, reload } = props;
  if (c.status === 'closed')
    return (
      <section className="card section actions" aria-label="可办理的事项">
        <ActionNote error={null} done={props.flash} />
        <p className="note note-done" role="status">
          此案件已销号。
        </p>
        {session.has('secretary') ? <ReopenForm caseId={c.id} reload={reload} /> : null}
      </section>
    );
  const next = nextActions(c, session);
  // A meeting the caller may sign in to now: said first, the button is in 议事会 below.
  const toSignIn = meetingsToSignIn(c, session.me.id, Date.now());
  return (
    <section className="card section actions" aria-label="可办理的事项">
      <h2>现在可以做</h2>
      <ActionNote error={null} done={props.flash} />
      {next.voting === null ? null : <VoteCall resolutionId={next.voting.resolutionId} />}
      {next.canAck ? <AckButton c={c} reload={reload} /> : null}
      {next.canDemand ? <DemandForm caseId={c.id} reload={reload} /> : null}
      {next.canAnalyse ? <AnalysisForm caseId={c.id} reload={reload} /> : null}
      {next.canMeet ? <MeetingForm c={c} reload={reload} /> : null}
      {next.canDraft ? (
        <ResolutionForm caseId={c.id} procedure={c.procedure} reload={reload} />
      ) : null}
      {next.canAssign ? <TaskForm caseId={c.id} reload={reload} /> : null}
      {next.canEvaluate ? <EvaluationForm caseId={c.id} reload={reload} /> : null}
      {next.agreement === null ? null : (
        <div className="action" data-testid="agreement-call">
          <p>
            {next.agreement === 'sign'
              ? '调解协议已起草，请阅读后代表本户签署。'
              : c.mediation?.agreement === null
                ? '请起草调解协议，交当事各方签署。'
                : '各方签署前，可以修改调解协议（修改后须重新签署）。'}
          </p>
          <a href="#agreement" className="button primary">
            {next.agreement === 'sign' ? '阅读并签署调解协议 ↓' : '起草调解协议 ↓'}
          </a>
        </div>
      )}
      {next.myTasks.map((t) => (
        <div className="action" key={t.id} data-testid="my-task">
          <p>
            落实任务「{t.title}」由您方办理，目前进度 {t.percent}%，期限 {formatTime(t.dueAt)}。
          </p>
          <a href={`#task-${t.id}`} className="button primary">
            报告进度或标记完成 ↓
          </a>
        </div>
      ))}
      {next.secretary ? <SecretaryControls c={c} reload={reload} /> : null}
      {toSignIn.map((m) => (
        <div className="action" key={m.id} data-testid="meeting-call">
          <p>
            议事会 {formatTime(m.heldAt)} 在{m.place}召开，到场后请签到。
          </p>
          <a href={`#meeting-${m.id}`} className="button primary">
            去签到 ↓
          </a>
        </div>
      ))}
      {next.nothingToDo && toSignIn.length === 0 ? <Empty>目前没有需要您办理的事项。</Empty> : null}
    </section>
  );
}

function AckButton(props: { c: CaseDetail; reload: () => void }) {
  const action = useAction();
  const [key] = useState(newIdempotencyKey);
  return (
    <div className="action">
      <button
        type="button"
        className="button primary big"
        disabled={action.pending}
        onClick={() =>
          void action
            .run(
              () =>
                write(`/cases/${props.c.id}/acknowledgements`, {
                  method: 'POST',
                  body: { stage: props.c.stage },
                  idempotencyKey: key,
                }),
              '已签收',
            )
            .then((ok) => ok && props.reload())
        }
      >
        签收「{STAGE_LABELS[props.c.stage]}」
      </button>
      <ActionNote error={action.error} done={action.done} />
    </div>
  );
}

/** The secretary's advance (with the unmet conditions of a rejection), 调解不成 and withdrawal. */
function SecretaryControls(props: { c: CaseDetail; reload: () => void }) {
  const { c, reload } = props;
  const advance = useAction();
  const to = nextStage(c.stage, c.mechanism);
  const mediation = c.mechanism === 'mediation';
  // A mediation closes on the sides' signatures (the last one closes it): asking to close it
  // makes sense only once every side has signed (after a reopen).
  const agreement = c.mediation?.agreement ?? null;
  const allSigned =
    agreement !== null && agreement.signatures.length === (c.mediation?.sides.length ?? 0);
  const canAdvance = !(mediation && to === 'closed' && !allSigned);
  const rejection = c.lastAdvanceRejection;
  return (
    <div className="action">
      {c.advanceRequest !== null ? (
        <p className="note" role="status">
          已申请推进，系统正在核对条件…
        </p>
      ) : null}
      {rejection !== null && c.advanceRequest === null ? (
        <div className="note note-error" role="alert">
          <p>上次推进未通过，还差：</p>
          <ul>
            {rejection.unmet.map((u, i) => (
              <li key={i}>{u.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {canAdvance ? (
        <button
          type="button"
          className="button primary"
          disabled={advance.pending}
          onClick={() =>
            void advance
              .run(
                () => write(`/cases/${c.id}/advance`, { method: 'POST', body: { to } }),
                '已提交推进申请',
              )
              .then((ok) => ok && reload())
          }
        >
          {to === 'closed'
            ? '申请办结销号'
            : mediation && to === 'deliberation'
              ? '开始调解'
              : `推进到「${STAGE_LABELS[to]}」`}
        </button>
      ) : null}
      <ActionNote error={advance.error} done={advance.done} />
      {mediation && c.stage === 'deliberation' ? (
        <UnresolvedCloseForm caseId={c.id} reload={reload} />
      ) : null}
      <ConfirmAction
        label="撤回案件"
        confirmLabel="确定撤回"
        groupLabel="确认撤回"
        question="撤回后案件将销号，不能继续办理。确定撤回吗？"
        action={() =>
          write(`/cases/${c.id}/close`, {
            method: 'POST',
            body: { outcome: 'withdrawn', reason: '书记撤回' },
          })
        }
        onDone={reload}
      />
    </div>
  );
}
