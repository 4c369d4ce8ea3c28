import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { ActionNote, useAction } from '../../ui';
import { write } from './write';

/**
 * 调解不成: the secretary closes a mediation the sides could not agree on, with the reason
 * (`POST /cases/:id/close {outcome: 'unresolved', reason}`); asked again before it is sent.
 */
export function UnresolvedCloseForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const close = () =>
    void action
      .run(() =>
        write(`/cases/${props.caseId}/close`, {
          method: 'POST',
          idempotencyKey: key,
          body: { outcome: 'unresolved', reason: reason.trim() },
        }),
      )
      .then((ok) => {
        setConfirming(false);
        if (ok) props.reload('已按调解不成结案');
      });
  return (
    <form
      className="form"
      aria-label="调解不成，结案"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() !== '') setConfirming(true);
      }}
    >
      <label>
        调解不成的原因
        <textarea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          maxLength={500}
          placeholder="例如：双方对赔偿金额分歧较大，建议通过诉讼解决。"
          required
        />
      </label>
      {confirming ? (
        <div className="confirm" role="group" aria-label="确认调解不成">
          <p>结案后本案以“调解不成”销号，当事各方会收到通知。确定吗？</p>
          <button type="button" className="button danger" disabled={action.pending} onClick={close}>
            确定调解不成
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            取消
          </button>
        </div>
      ) : (
        <button type="submit" className="button secondary" disabled={reason.trim() === ''}>
          调解不成，结案
        </button>
      )}
      <ActionNote error={action.error} done={action.done} />
    </form>
  );
}
