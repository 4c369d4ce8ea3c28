import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { type DemandWrite, type LedgerDemand } from '../../api/types';
import { ActionNote } from '../../ui';
import { Dialog } from './dialog';
import { detailedErrorText } from '../demand-words';
import { readOwnWrite } from './read-own-write';

/**
 * 合并重复: reports of one matter, kept as one. The secretary picks the demand to keep; each other
 * one is merged into it (POST /demands/:id/merge, one after another, each under the form's key so
 * a retry of a lost answer merges nothing twice). When one is refused, the page says which were
 * merged and why the rest were not.
 */
export function MergeDialog(props: {
  demands: readonly LedgerDemand[];
  onClose: () => void;
  /** After the merge (whole or in part): what happened, for the page to show and reload. */
  onMerged: (note: string) => void;
}) {
  const { demands } = props;
  const [keep, setKeep] = useState(demands[0]?.id ?? '');
  const [key] = useState(newIdempotencyKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kept = demands.find((d) => d.id === keep);
  const others = demands.filter((d) => d.id !== keep);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (kept === undefined || others.length === 0) return;
    setPending(true);
    setError(null);
    const merged: string[] = [];
    let last: DemandWrite | null = null;
    try {
      for (const d of others) {
        last = await api<DemandWrite>(`/demands/${d.id}/merge`, {
          method: 'POST',
          idempotencyKey: key,
          body: { intoDemandId: kept.id },
        });
        merged.push(d.number);
      }
      if (last !== null) await readOwnWrite(last.id, last.version);
      props.onMerged(`已将 ${merged.join('、')} 合并到 ${kept.number}。`);
    } catch (e) {
      const why = detailedErrorText(e);
      if (last === null) setError(why);
      else {
        await readOwnWrite(last.id, last.version);
        props.onMerged(`已将 ${merged.join('、')} 合并到 ${kept.number}；其余没有合并：${why}`);
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog title="合并重复诉求" onClose={props.onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="合并重复诉求">
        <fieldset>
          <legend>保留哪一件？其余的并入它，状态变为“已合并”</legend>
          {demands.map((d) => (
            <label key={d.id} className="choice">
              <input
                type="radio"
                name="keep"
                value={d.id}
                checked={keep === d.id}
                onChange={() => setKeep(d.id)}
              />
              <span>
                <strong>{d.number}</strong> {d.content}
              </span>
            </label>
          ))}
        </fieldset>
        <ActionNote error={error} done={null} />
        <div className="row">
          <button
            type="submit"
            className="button primary"
            disabled={pending || kept === undefined || others.length === 0}
          >
            {pending ? '正在合并…' : `合并 ${others.length} 件到 ${kept?.number ?? '保留的诉求'}`}
          </button>
          <button type="button" className="button secondary" onClick={props.onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}
