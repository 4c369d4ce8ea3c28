import { type FormEvent, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type CaseDetail, type Opinion } from '../../api/types';
import { formatTime, STAGE_LABELS } from '../../labels';
import { type Session } from '../../session';
import { ActionNote, Empty, useAction } from '../../ui';
import { opinionAuthorText, quoteOf } from './case-format';
import { canPostOpinion } from './next-actions';
import { Section } from './section';
import { write } from './write';

/**
 * 意见与反馈: the parties' responses and the residents' views, threaded by `replyTo`; anyone who
 * may write posts one or answers one while the case is open.
 */
export function OpinionsSection(props: {
  c: CaseDetail;
  opinions: Opinion[];
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, opinions, session } = props;
  const [replyTo, setReplyTo] = useState<Opinion | null>(null);
  const [content, setContent] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const canPost = canPostOpinion(c, session);
  const byId = new Map(opinions.map((o) => [o.id, o]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/cases/${c.id}/opinions`, {
        method: 'POST',
        idempotencyKey: key,
        body: { content: content.trim(), ...(replyTo === null ? {} : { replyTo: replyTo.id }) },
      }),
    );
    if (ok) {
      setContent('');
      setReplyTo(null);
      setKey(newIdempotencyKey());
      props.reload('意见已发表');
    }
  };
  return (
    <Section title={`意见与反馈（${opinions.length}）`}>
      {opinions.length === 0 ? (
        <Empty>还没有人发表意见。</Empty>
      ) : (
        <ul className="list opinions" data-testid="opinions">
          {opinions.map((o) => {
            const parent = o.replyTo === null ? undefined : byId.get(o.replyTo);
            return (
              <li key={o.id} className={parent === undefined ? '' : 'reply'}>
                <p className="muted">
                  <strong>{o.authorName}</strong>
                  {opinionAuthorText(o)} · {STAGE_LABELS[o.stage]} · {formatTime(o.postedAt)}
                </p>
                {parent === undefined ? null : (
                  <p className="muted quote">
                    回复 {parent.authorName}：{quoteOf(parent)}
                  </p>
                )}
                <p>{o.content}</p>
                {canPost ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`回复${o.authorName}`}
                    onClick={() => setReplyTo(o)}
                  >
                    回复
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canPost ? (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label="发表意见">
          {replyTo === null ? null : (
            <p className="note">
              回复 {replyTo.authorName}：{quoteOf(replyTo)}{' '}
              <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
                不回复了
              </button>
            </p>
          )}
          <label>
            {session.has('party-member') ? '反馈意见' : '我的意见'}
            <textarea
              value={content}
              onChange={(e) => setContent(e.target.value)}
              rows={2}
              required
              maxLength={5000}
            />
          </label>
          <ActionNote error={action.error} done={action.done} />
          <button type="submit" className="button primary" disabled={action.pending}>
            发表意见
          </button>
        </form>
      ) : null}
    </Section>
  );
}
