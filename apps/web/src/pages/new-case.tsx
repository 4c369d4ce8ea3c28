import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { navigate } from '../router';
import { useSession } from '../session';
import { ActionNote, useAction } from '../ui';
import { CaseFields, EMPTY_CASE_DRAFT, openCaseBody, useEstatePlaces } from './case-fields';

/** The secretary opens a case (立项): the scope is picked from the registry, never typed. */
export function NewCasePage() {
  const { membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const [places, reloadPlaces] = useEstatePlaces(communityId);
  const [draft, setDraft] = useState(EMPTY_CASE_DRAFT);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const estates = places.state === 'ready' ? places.value.items : [];
  const body = openCaseBody(draft, estates);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body === null) return;
    await action.run(async () => {
      const created = await api<{ id: string }>(`/communities/${communityId}/cases`, {
        method: 'POST',
        idempotencyKey: key,
        body,
      });
      navigate(`/cases/${created.id}`);
    });
  };

  return (
    <section>
      <h1>新建案件</h1>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <CaseFields
          draft={draft}
          onChange={setDraft}
          places={places}
          reloadPlaces={reloadPlaces}
          mediation
        />
        <ActionNote error={action.error} done={action.done} />
        <button type="submit" className="button primary" disabled={action.pending || body === null}>
          {action.pending ? '正在立项…' : '立项'}
        </button>
      </form>
    </section>
  );
}
