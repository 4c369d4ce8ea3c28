import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { type Mechanism } from '../api/types';
import { MECHANISM_LABELS } from '../labels';
import { navigate } from '../router';
import { useSession } from '../session';
import { ActionNote, useAction } from '../ui';

/** The secretary opens a case (立项). */
export function NewCasePage() {
  const { membership } = useSession();
  const [form, setForm] = useState({
    mechanism: 'neighbourhood-consultation' as Mechanism,
    title: '',
    description: '',
    category: '设施维修',
    estate: '',
    building: '',
    entrance: '',
  });
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      const scope: Record<string, string> = { estate: form.estate.trim() };
      if (form.building.trim() !== '') scope.building = form.building.trim();
      if (form.entrance.trim() !== '') scope.entrance = form.entrance.trim();
      const created = await api<{ id: string }>(
        `/communities/${membership?.communityId ?? ''}/cases`,
        {
          method: 'POST',
          idempotencyKey: key,
          body: {
            mechanism: form.mechanism,
            title: form.title.trim(),
            description: form.description.trim(),
            category: form.category.trim(),
            scope,
          },
        },
      );
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
        <Field label="小区" value={form.estate} onChange={set('estate')} required />
        <Field label="楼栋（可不填）" value={form.building} onChange={set('building')} />
        <Field label="单元（可不填）" value={form.entrance} onChange={set('entrance')} />
        <ActionNote error={action.error} done={action.done} />
        <button type="submit" className="button primary" disabled={action.pending}>
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
