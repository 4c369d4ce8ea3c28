import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Member, type Unit } from '../../api/types';
import { formatTime } from '../../labels';
import { type Session } from '../../session';
import { ActionNote, useAction, useLoad } from '../../ui';
import { listUnits, unitText } from '../../units';
import { agreementStep, mediationEndText } from './mediation-state';
import { Section } from './section';
import { write } from './write';

/*
 * 矛盾调解 on the case page: the sides and the mediator; the agreement (调解协议) the mediator or
 * the secretary drafts (a new draft clears the signatures); each side's person signs the draft
 * shown above the button; who signed; how it ended (调解成功 / 调解不成).
 */

/** Names the viewer may know: every member's for the secretary, else only their own. */
function useNames(c: CaseDetail, session: Session) {
  const secretary = session.has('secretary');
  const [members] = useLoad(
    (signal) =>
      secretary
        ? api<{ items: Member[] }>(`/communities/${c.communityId}/memberships?limit=500`, {
            signal,
          }).then((r) => r.items)
        : Promise.resolve([] as Member[]),
    [c.communityId, secretary],
  );
  const names = new Map<string, string>();
  if (members.state === 'ready') for (const m of members.value) names.set(m.userId, m.displayName);
  names.set(session.me.id, `${session.me.displayName}（您）`);
  return {
    nameOf: (userId: string, fallback: string) => names.get(userId) ?? fallback,
    /** `张三、李四`, or `张三（您）等 2 人` where the others' names are not the viewer's to read. */
    peopleOf: (userIds: readonly string[]) => {
      const known = userIds.flatMap((id) => names.get(id) ?? []);
      if (known.length === userIds.length) return known.join('、');
      return known.length === 0
        ? `${userIds.length} 人`
        : `${known.join('、')}等 ${userIds.length} 人`;
    },
  };
}

export function MediationSection(props: {
  c: CaseDetail;
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, session } = props;
  const mediation = c.mediation;
  const { nameOf, peopleOf } = useNames(c, session);
  const [units] = useLoad(
    (signal) => listUnits(c.communityId, { estate: c.scope.estate }, signal).catch(() => []),
    [c.communityId, c.scope.estate],
  );
  if (mediation === null) return null;
  const unitName = (unitId: string, i: number) => {
    const unit = units.state === 'ready' ? units.value.find((u: Unit) => u.id === unitId) : null;
    return unit === undefined || unit === null ? `第 ${i + 1} 户` : unitText(unit);
  };
  const agreement = mediation.agreement;
  const step = agreementStep(c, session.me.id, session.has('secretary'));
  const end = mediationEndText(c);
  return (
    <Section title="矛盾调解">
      {end === null ? null : (
        <p
          className={`note ${c.closure?.outcome === 'resolved' ? 'note-done' : 'note-error'}`}
          role="status"
          data-testid="mediation-end"
        >
          {end}
        </p>
      )}
      <p>调解员：{nameOf(mediation.mediatorId, '已指定')}</p>
      <ul className="list" aria-label="当事各方">
        {mediation.sides.map((side, i) => {
          const signed = agreement?.signatures.find((s) => s.unitId === side.unitId);
          return (
            <li key={side.unitId} data-testid="mediation-side">
              <strong>
                当事方{i + 1}：{unitName(side.unitId, i)}
              </strong>
              <p className="muted">
                当事人：
                {peopleOf(side.userIds)}
              </p>
              {agreement === null ? null : signed === undefined ? (
                <p className="muted">尚未签署第 {agreement.draft} 稿</p>
              ) : (
                <p className="note-done">
                  已签署（{nameOf(signed.signedBy, '当事人')}，{formatTime(signed.signedAt)}）
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div id="agreement">
        <h3>调解协议</h3>
        {agreement === null ? (
          <p className="muted">
            {c.stage === 'gathering'
              ? '了解诉求后，由书记推进到调解阶段，调解员再起草调解协议。'
              : '调解员尚未起草调解协议。'}
          </p>
        ) : (
          <>
            <p className="muted">
              第 {agreement.draft} 稿 · {nameOf(agreement.draftedBy, '调解员')}起草于{' '}
              {formatTime(agreement.draftedAt)} · 已签署 {agreement.signatures.length}/
              {mediation.sides.length} 方
            </p>
            <blockquote className="agreement-text" data-testid="agreement-text">
              {agreement.text}
            </blockquote>
          </>
        )}
        {step === 'draft' ? (
          <DraftForm
            key={agreement?.draft ?? 0}
            caseId={c.id}
            initial={agreement?.text ?? ''}
            redraft={agreement !== null}
            reload={props.reload}
          />
        ) : null}
        {step === 'sign' && agreement !== null ? (
          <SignButton
            key={agreement.draft}
            caseId={c.id}
            draft={agreement.draft}
            reload={props.reload}
          />
        ) : null}
        {step === 'signed' ? (
          <p className="note note-done">您这一方已签署本稿，等待其他各方签署。</p>
        ) : null}
      </div>
    </Section>
  );
}

function DraftForm(props: {
  caseId: string;
  initial: string;
  redraft: boolean;
  reload: (done?: string) => void;
}) {
  const [text, setText] = useState(props.initial);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/agreement`, {
        method: 'POST',
        idempotencyKey: key,
        body: { text: text.trim() },
      }),
    );
    if (ok)
      props.reload(props.redraft ? '调解协议已修改，请各方重新签署' : '调解协议已起草，请各方签署');
  };
  return (
    <form className="form" aria-label="起草调解协议" onSubmit={(e) => void submit(e)}>
      <label>
        {props.redraft ? '修改调解协议（修改后各方须重新签署）' : '调解协议内容'}
        <textarea
          name="agreement"
          rows={5}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="写明各方同意的事项、期限和责任，例如：401 室于 12 月 20 日前修复卫生间防水层。"
          required
        />
      </label>
      <ActionNote error={action.error} done={null} />
      <button
        type="submit"
        className="button primary"
        disabled={action.pending || text.trim() === '' || text.trim() === props.initial}
      >
        {props.redraft ? '发布新稿' : '起草调解协议'}
      </button>
    </form>
  );
}

function SignButton(props: { caseId: string; draft: number; reload: (done?: string) => void }) {
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  return (
    <div className="action">
      <p>请阅读上面的调解协议（第 {props.draft} 稿）。签署即表示您代表本户同意协议内容。</p>
      <button
        type="button"
        className="button primary big wide"
        disabled={action.pending}
        onClick={() =>
          void action
            .run(() =>
              write(`/cases/${props.caseId}/agreement/signatures`, {
                method: 'POST',
                idempotencyKey: key,
                body: { draft: props.draft },
              }),
            )
            .then((ok) => ok && props.reload('您已签署调解协议'))
        }
      >
        {action.pending ? '正在签署…' : '我已阅读，代表本户签署'}
      </button>
      <ActionNote error={action.error} done={null} />
    </div>
  );
}
