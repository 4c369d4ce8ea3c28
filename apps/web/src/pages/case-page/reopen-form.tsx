import { useState } from 'react';
import { useAction, ActionNote } from '../../ui';
import { write } from './write';

/** 重新启动: the secretary reopens a closed case, with the reason; it returns to its last stage. */
export function ReopenForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const reopen = () =>
    void action
      .run(() =>
        write(`/cases/${props.caseId}/reopen`, {
          method: 'POST',
          body: { reason: reason.trim() },
        }),
      )
      .then((ok) => {
        setConfirming(false);
        if (ok) props.reload('案件已重新启动');
      });
  return (
    <form
      className="form"
      aria-label="重新启动案件"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <label>
        重新启动的原因
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
      </label>
      {confirming ? (
        <div className="confirm" role="group" aria-label="确认重新启动">
          <p>重新启动后，案件回到销号前的阶段继续办理。确定吗？</p>
          <button
            type="button"
            className="button danger"
            disabled={action.pending}
            onClick={reopen}
          >
            确定重新启动
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            取消
          </button>
        </div>
      ) : (
        <button type="submit" className="button secondary">
          重新启动案件
        </button>
      )}
      <ActionNote error={action.error} done={action.done} />
    </form>
  );
}
