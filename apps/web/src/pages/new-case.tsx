import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { type Mechanism, PARTIES, type Party } from '../api/types';
import { MECHANISM_LABELS, PARTY_LABELS } from '../labels';
import { navigate } from '../router';
import { useSession } from '../session';
import { ActionNote, Empty, ErrorBox, Loading, useAction, useLoad } from '../ui';

/** GET /communities/:communityId/units/places: the registry's estates → buildings → entrances. */
interface EstatePlace {
  name: string;
  units: number;
  buildings: { name: string; units: number; entrances: { name: string; units: number }[] }[];
}

/** 邻里会商: these two always take part; the others when the matter concerns them. */
const CONSULTATION_CORE: readonly Party[] = ['party-organisation', 'resident-representatives'];
const CONSULTATION_OPTIONAL = PARTIES.filter((p) => !CONSULTATION_CORE.includes(p));

/** The secretary opens a case (立项): the scope is picked from the registry, never typed. */
export function NewCasePage() {
  const { membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const [places, reloadPlaces] = useLoad(
    (signal) =>
      api<{ items: EstatePlace[] }>(`/communities/${communityId}/units/places`, { signal }),
    [communityId],
  );
  const [form, setForm] = useState({
    mechanism: 'neighbourhood-consultation' as Mechanism,
    title: '',
    description: '',
    category: '设施维修',
    estate: '',
    building: '',
    entrance: '',
  });
  const [involved, setInvolved] = useState<readonly Party[]>([]);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const estates = places.state === 'ready' ? places.value.items : [];
  // One estate: chosen already (the usual community).
  const estateName =
    form.estate !== '' ? form.estate : estates.length === 1 ? estates[0]?.name : '';
  const estate = estates.find((e) => e.name === estateName);
  const building = estate?.buildings.find((b) => b.name === form.building);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      const scope: Record<string, string> = { estate: estateName ?? '' };
      if (form.building !== '') scope.building = form.building;
      if (form.building !== '' && form.entrance !== '') scope.entrance = form.entrance;
      const consultation = form.mechanism === 'neighbourhood-consultation';
      const created = await api<{ id: string }>(`/communities/${communityId}/cases`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          mechanism: form.mechanism,
          title: form.title.trim(),
          description: form.description.trim(),
          category: form.category.trim(),
          scope,
          ...(consultation && involved.length > 0 ? { involvedParties: involved } : {}),
        },
      });
      navigate(`/cases/${created.id}`);
    });
  };

  return (
    <section>
      <h1>新建案件</h1>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>议事形式</legend>
          {(['neighbourhood-consultation', 'five-party-hall'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="mechanism"
                value={m}
                checked={form.mechanism === m}
                onChange={() => set('mechanism')(m)}
              />
              {MECHANISM_LABELS[m]}
            </label>
          ))}
        </fieldset>
        {form.mechanism === 'neighbourhood-consultation' ? (
          <fieldset>
            <legend>参与方</legend>
            <p className="muted">
              社区党组织、居民代表必须参与；事情涉及哪一方，就勾选哪一方，勾选的一方须签收并出席议事会。
            </p>
            {CONSULTATION_OPTIONAL.map((p) => (
              <label key={p} className="choice">
                <input
                  type="checkbox"
                  name="involvedParties"
                  value={p}
                  checked={involved.includes(p)}
                  onChange={(e) =>
                    setInvolved((list) =>
                      e.target.checked ? [...list, p] : list.filter((x) => x !== p),
                    )
                  }
                />
                {PARTY_LABELS[p]}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="muted">
            五方议事厅：五方（社区党组织、业主委员会、物业服务企业、居民代表、共建单位）都须参与。
          </p>
        )}
        <Field label="标题" value={form.title} onChange={set('title')} required />
        <label>
          情况描述
          <textarea
            name="description"
            value={form.description}
            onChange={(e) => set('description')(e.target.value)}
            rows={4}
            required
          />
        </label>
        <Field label="类别" value={form.category} onChange={set('category')} required />
        <fieldset>
          <legend>范围</legend>
          {places.state === 'loading' ? <Loading text="正在读取房屋台账…" /> : null}
          {places.state === 'error' ? (
            <ErrorBox message={places.message} onRetry={reloadPlaces} />
          ) : null}
          {places.state === 'ready' && estates.length === 0 ? (
            <Empty>房屋台账中还没有房屋，请先导入房屋后再立项。</Empty>
          ) : null}
          {estates.length > 0 ? (
            <>
              <label>
                小区
                <select
                  name="estate"
                  aria-label="小区"
                  value={estateName ?? ''}
                  required
                  onChange={(e) =>
                    setForm((f) => ({ ...f, estate: e.target.value, building: '', entrance: '' }))
                  }
                >
                  {estates.length > 1 ? <option value="">请选择小区</option> : null}
                  {estates.map((e) => (
                    <option key={e.name} value={e.name}>
                      {e.name}（{e.units} 户）
                    </option>
                  ))}
                </select>
              </label>
              <label>
                楼栋（可不选：整个小区）
                <select
                  name="building"
                  aria-label="楼栋（可不选：整个小区）"
                  value={form.building}
                  disabled={estate === undefined}
                  onChange={(e) =>
                    setForm((f) => ({ ...f, building: e.target.value, entrance: '' }))
                  }
                >
                  <option value="">整个小区</option>
                  {(estate?.buildings ?? []).map((b) => (
                    <option key={b.name} value={b.name}>
                      {b.name}（{b.units} 户）
                    </option>
                  ))}
                </select>
              </label>
              <label>
                单元（可不选：整栋楼）
                <select
                  name="entrance"
                  aria-label="单元（可不选：整栋楼）"
                  value={form.entrance}
                  disabled={building === undefined}
                  onChange={(e) => set('entrance')(e.target.value)}
                >
                  <option value="">整栋楼</option>
                  {(building?.entrances ?? []).map((n) => (
                    <option key={n.name} value={n.name}>
                      {n.name}（{n.units} 户）
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : null}
        </fieldset>
        <ActionNote error={action.error} done={action.done} />
        <button
          type="submit"
          className="button primary"
          disabled={action.pending || estate === undefined}
        >
          {action.pending ? '正在立项…' : '立项'}
        </button>
      </form>
    </section>
  );
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  type?: string;
}) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required === true}
      />
    </label>
  );
}
