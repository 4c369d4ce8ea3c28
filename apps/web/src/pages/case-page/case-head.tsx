import { type CaseDetail, type Stage, STAGES } from '../../api/types';
import {
  MECHANISM_LABELS,
  OUTCOME_LABELS,
  procedureText,
  scopeText,
  STAGE_LABELS,
} from '../../labels';
import { mediationOutcomeLabel } from './mediation-state';

/**
 * The case's head: its form and scope, title, its procedure in words, stage (or closure), the
 * steps, description.
 */
export function CaseHead(props: { c: CaseDetail }) {
  const { c } = props;
  const mediation = c.mechanism === 'mediation';
  return (
    <header className="case-head">
      <p className="muted">
        {MECHANISM_LABELS[c.mechanism]} · {c.category} · {scopeText(c.scope)}
      </p>
      <h1>{c.title}</h1>
      <p className="muted" data-testid="case-procedure">
        {mediation
          ? '矛盾调解 · 调解员主持 · 各方签署调解协议即调解成功'
          : `议事程序：${procedureText(c.procedure)}`}
      </p>
      <p className="status-line">
        {c.status === 'closed' ? (
          <span className="chip chip-closed" data-testid="case-stage">
            已销号
            {c.closure === null
              ? ''
              : `：${mediation ? mediationOutcomeLabel(c.closure.outcome) : (OUTCOME_LABELS[c.closure.outcome] ?? '')}`}
          </span>
        ) : (
          <span className="chip" data-testid="case-stage">
            {mediation && c.stage === 'deliberation' ? '调解' : STAGE_LABELS[c.stage]}
          </span>
        )}
      </p>
      <Steps c={c} />
      <p>{c.description}</p>
    </header>
  );
}

/** A mediation's steps: 了解诉求 → 调解 (its deliberation) → 结案. */
const MEDIATION_STEPS = ['gathering', 'deliberation'] as const;

function Steps(props: { c: CaseDetail }) {
  const mediation = props.c.mechanism === 'mediation';
  const steps: readonly Stage[] = mediation ? MEDIATION_STEPS : STAGES;
  const current = steps.indexOf(props.c.stage);
  const closed = props.c.status === 'closed';
  return (
    <ol className="steps" aria-label={mediation ? '调解步骤' : '四步工作法'}>
      {steps.map((s, i) => (
        <li
          key={s}
          className={closed || i < current ? 'done' : i === current ? 'current' : ''}
          aria-current={!closed && i === current ? 'step' : undefined}
        >
          {mediation && s === 'deliberation' ? '调解' : STAGE_LABELS[s]}
        </li>
      ))}
    </ol>
  );
}
