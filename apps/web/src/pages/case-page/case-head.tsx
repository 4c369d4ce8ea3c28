import { type CaseDetail, STAGES } from '../../api/types';
import { MECHANISM_LABELS, OUTCOME_LABELS, scopeText, STAGE_LABELS } from '../../labels';

/** The case's head: its form and scope, title, stage (or closure), the four steps, description. */
export function CaseHead(props: { c: CaseDetail }) {
  const { c } = props;
  return (
    <header className="case-head">
      <p className="muted">
        {MECHANISM_LABELS[c.mechanism]} · {c.category} · {scopeText(c.scope)}
      </p>
      <h1>{c.title}</h1>
      <p className="status-line">
        {c.status === 'closed' ? (
          <span className="chip chip-closed" data-testid="case-stage">
            已销号{c.closure === null ? '' : `：${OUTCOME_LABELS[c.closure.outcome] ?? ''}`}
          </span>
        ) : (
          <span className="chip" data-testid="case-stage">
            {STAGE_LABELS[c.stage]}
          </span>
        )}
      </p>
      <Steps c={c} />
      <p>{c.description}</p>
    </header>
  );
}

function Steps(props: { c: CaseDetail }) {
  const current = STAGES.indexOf(props.c.stage);
  const closed = props.c.status === 'closed';
  return (
    <ol className="steps" aria-label="四步工作法">
      {STAGES.map((s, i) => (
        <li
          key={s}
          className={closed || i < current ? 'done' : i === current ? 'current' : ''}
          aria-current={!closed && i === current ? 'step' : undefined}
        >
          {STAGE_LABELS[s]}
        </li>
      ))}
    </ol>
  );
}
