import { type FormEvent, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Party, PARTIES } from '../../api/types';
import { formatTime, PARTY_LABELS } from '../../labels';
import { ActionNote, Empty, useAction } from '../../ui';
import { Section } from './section';
import { write } from './write';

/* 分析研判: the lead party, the conclusion and options, the notice; the form that records them. */

export function AnalysisSection(props: { c: CaseDetail }) {
  const { c } = props;
  return (
    <Section title="分析研判与公告">
      {c.analysis === null ? (
        <Empty>尚未完成研判。</Empty>
      ) : (
        <div className="notice" data-testid="notice">
          <p>
            <strong>牵头方：</strong>
            {PARTY_LABELS[c.analysis.leadParty]}
          </p>
          <p>
            <strong>研判结论：</strong>
            {c.analysis.summary}
          </p>
          {c.analysis.siteSurvey === null ? null : (
            <p>
              <strong>现场勘查：</strong>
              {c.analysis.siteSurvey}
            </p>
          )}
          <ol>
            {c.analysis.options.map((o, i) => (
              <li key={i}>
                <strong>{o.title}</strong>：{o.description}
              </li>
            ))}
          </ol>
          {c.notice === null ? null : (
            <p className="muted">
              公告发布于 {formatTime(c.notice.publishedAt)}，公示期至{' '}
              {formatTime(c.notice.noticePeriodEndsAt)}
            </p>
          )}
        </div>
      )}
    </Section>
  );
}

export function AnalysisForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [summary, setSummary] = useState('');
  const [leadParty, setLeadParty] = useState<Party>('property-company');
  const [siteSurvey, setSiteSurvey] = useState('');
  const [optionTitle, setOptionTitle] = useState('');
  const [optionText, setOptionText] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/analysis`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          summary: summary.trim(),
          leadParty,
          ...(siteSurvey.trim() === '' ? {} : { siteSurvey: siteSurvey.trim() }),
          options: [{ title: optionTitle.trim(), description: optionText.trim() }],
        },
      }),
    );
    if (ok) props.reload('研判已记录，公告已发布');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="记录研判">
      <h3>记录分析研判（发布公告）</h3>
      <label>
        牵头方
        <select value={leadParty} onChange={(e) => setLeadParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        研判结论
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} required />
      </label>
      <label>
        现场勘查情况（可不填）
        <textarea value={siteSurvey} onChange={(e) => setSiteSurvey(e.target.value)} rows={2} />
      </label>
      <label>
        方案名称
        <input value={optionTitle} onChange={(e) => setOptionTitle(e.target.value)} required />
      </label>
      <label>
        方案内容
        <textarea
          value={optionText}
          onChange={(e) => setOptionText(e.target.value)}
          rows={2}
          required
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        记录研判并发布公告
      </button>
    </form>
  );
}
