import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { type CaseSummary, type LedgerDemand, type Page } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, MECHANISM_LABELS, scopeText, STAGE_LABELS } from '../../labels';
import { navigate } from '../../router';
import { ActionNote, Empty, Loaded, useAction, useLoad } from '../../ui';
import {
  type CaseDraft,
  CaseFields,
  EMPTY_CASE_DRAFT,
  openCaseBody,
  useEstatePlaces,
} from '../case-fields';
import { Dialog } from './dialog';
import { detailedErrorText } from '../demand-words';
import { caseListsDemands } from './read-own-write';

/**
 * 转议事: the chosen demands into one case (POST /communities/:id/demands/escalation), a new one
 * (the same questions as 新建案件) or an open case of the community; then to that case's page,
 * which lists them. The key makes a retry after a lost answer open no second case.
 */
export function EscalateDialog(props: {
  communityId: string;
  demands: readonly LedgerDemand[];
  onClose: () => void;
}) {
  const { communityId, demands } = props;
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [draft, setDraft] = useState<CaseDraft>(() => draftFor(demands));
  const [caseId, setCaseId] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [places, reloadPlaces] = useEstatePlaces(communityId);
  const [open, reloadOpen] = useLoad(
    (signal) =>
      api<Page<CaseSummary>>(`/communities/${communityId}/cases?status=open&limit=100`, {
        signal,
      }),
    [communityId],
  );
  const action = useAction(detailedErrorText);
  const estates = places.state === 'ready' ? places.value.items : [];
  const newCase = openCaseBody(draft, estates);
  const ready = target === 'new' ? newCase !== null : caseId !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    await action.run(async () => {
      const { caseId: into } = await api<{ caseId: string }>(
        `/communities/${communityId}/demands/escalation`,
        {
          method: 'POST',
          idempotencyKey: key,
          body: {
            demandIds: demands.map((d) => d.id),
            ...(target === 'new' ? { newCase } : { caseId }),
          },
        },
      );
      await caseListsDemands(
        into,
        demands.map((d) => d.id),
      );
      navigate(`/cases/${into}`);
    });
  };

  return (
    <Dialog title={`转议事：${demands.length} 件诉求`} onClose={props.onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="转议事">
        <ul className="picked" aria-label="要转议事的诉求">
          {demands.map((d) => (
            <li key={d.id}>
              <strong>{d.number}</strong> {d.content}
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>转入</legend>
          <label className="choice">
            <input
              type="radio"
              name="target"
              checked={target === 'new'}
              onChange={() => setTarget('new')}
            />
            新建议事案件
          </label>
          <label className="choice">
            <input
              type="radio"
              name="target"
              checked={target === 'existing'}
              onChange={() => setTarget('existing')}
            />
            转入进行中的案件
          </label>
        </fieldset>
        {target === 'new' ? (
          <CaseFields
            draft={draft}
            onChange={setDraft}
            places={places}
            reloadPlaces={reloadPlaces}
          />
        ) : (
          <Loaded load={open} reload={reloadOpen}>
            {(cases) =>
              cases.items.length === 0 ? (
                <Empty>社区目前没有进行中的议事案件，请选择“新建议事案件”。</Empty>
              ) : (
                <label>
                  议事案件
                  <select value={caseId} required onChange={(e) => setCaseId(e.target.value)}>
                    <option value="">请选择案件</option>
                    {cases.items.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title}（{MECHANISM_LABELS[c.mechanism]} · {STAGE_LABELS[c.stage]} ·{' '}
                        {scopeText(c.scope)}）
                      </option>
                    ))}
                  </select>
                </label>
              )
            }
          </Loaded>
        )}
        <ActionNote error={action.error} done={null} />
        <div className="row">
          <button type="submit" className="button primary" disabled={action.pending || !ready}>
            {action.pending ? '正在转议事…' : `转入议事（${demands.length} 件）`}
          </button>
          <button type="button" className="button secondary" onClick={props.onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * A new case's draft from the demands: the first one's category, their estate and building when
 * they share one, every one of them in the description.
 */
function draftFor(demands: readonly LedgerDemand[]): CaseDraft {
  const first = demands[0];
  const shared = (of: (d: LedgerDemand) => string | null): string => {
    const values = new Set(demands.map(of));
    const [only] = values;
    return values.size === 1 && only !== undefined && only !== null ? only : '';
  };
  const estate = shared((d) => d.estate);
  return {
    ...EMPTY_CASE_DRAFT,
    category:
      first === undefined ? EMPTY_CASE_DRAFT.category : DEMAND_CATEGORY_LABELS[first.category],
    estate,
    building: estate === '' ? '' : shared((d) => d.building),
    description: `由诉求台账转入议事的诉求：\n${demands.map((d) => `${d.number}：${d.content}`).join('\n')}`,
  };
}
