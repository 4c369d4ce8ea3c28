import { type FormEvent, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail } from '../../api/types';
import { formatTime, SOURCE_LABELS } from '../../labels';
import { Link } from '../../router';
import { ActionNote, Empty, useAction } from '../../ui';
import { Section } from './section';
import { write } from './write';

/* 收集诉求: the residents' demands, and the form to submit one while the case gathers them. */

export function DemandsSection(props: { c: CaseDetail }) {
  const { c } = props;
  return (
    <Section title={`居民诉求（${c.demands.length}）`}>
      {c.demands.length === 0 ? (
        <Empty>还没有收到诉求。</Empty>
      ) : (
        <ul className="list">
          {c.demands.map((d) => (
            <li key={d.id}>
              {/* A demand of the ledger escalated into the case: its number, to its own page. */}
              {d.number === undefined ? null : (
                <p className="demand-number">
                  <Link to={`/demands/${d.id}`}>{d.number}</Link>
                </p>
              )}
              <p>{d.content}</p>
              <p className="muted">
                {SOURCE_LABELS[d.source]} · {formatTime(d.submittedAt)}
                {d.linkedAt === undefined ? '' : ` · 转议事于 ${formatTime(d.linkedAt)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function DemandForm(props: { caseId: string; reload: () => void }) {
  const [content, setContent] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(
      () =>
        write(`/cases/${props.caseId}/demands`, {
          method: 'POST',
          body: { content: content.trim(), source: 'online' },
          idempotencyKey: key,
        }),
      '诉求已提交，谢谢您！',
    );
    if (ok) {
      setContent('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="提交诉求">
      <label>
        我的诉求
        <textarea
          name="demand"
          value={content}
          onChange={(e) => setContent(e.target.value)}
          rows={3}
          required
          placeholder="请写下您遇到的问题和希望怎么解决"
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        提交诉求
      </button>
    </form>
  );
}
