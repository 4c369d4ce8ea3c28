import { api } from '../api/client';
import { type Member, type Unit } from '../api/types';
import { ROLE_LABELS } from '../labels';
import { useSession } from '../session';
import { Empty, ErrorBox, Loading, useLoad } from '../ui';
import { listUnits, unitText } from '../units';
import { MAX_SIDES, type MediationDraft, mediatorsOf, type SideDraft } from './mediation-draft';

/*
 * 矛盾调解 on the new-case form: the sides (two to ten households, each a unit of the registry
 * and the members who sign for it) and the mediator (a member with role 调解员, or a secretary).
 */

interface Registry {
  units: Unit[];
  members: Member[];
}

export function MediationFields(props: {
  estate: string | undefined;
  draft: MediationDraft;
  onChange: (draft: MediationDraft) => void;
}) {
  const { draft, onChange } = props;
  const communityId = useSession().membership?.communityId ?? '';
  const [registry, reload] = useLoad<Registry>(
    async (signal) => {
      const [units, members] = await Promise.all([
        props.estate === undefined
          ? Promise.resolve([])
          : listUnits(communityId, { estate: props.estate }, signal),
        api<{ items: Member[] }>(`/communities/${communityId}/memberships?limit=500`, {
          signal,
        }).then((r) => r.items),
      ]);
      return { units, members };
    },
    [communityId, props.estate],
  );
  if (registry.state === 'loading') return <Loading text="正在读取住户和调解员…" />;
  if (registry.state === 'error') return <ErrorBox message={registry.message} onRetry={reload} />;
  const { units, members } = registry.value;
  const setSide = (i: number, side: SideDraft) =>
    onChange({ ...draft, sides: draft.sides.map((s, j) => (j === i ? side : s)) });
  const taken = (i: number) => new Set(draft.sides.filter((_, j) => j !== i).map((s) => s.unitId));
  const mediators = mediatorsOf(members, draft);
  return (
    <>
      {draft.sides.map((side, i) => {
        const people = members.filter(
          (m) => m.roles.includes('resident') && m.unitIds.includes(side.unitId),
        );
        const others = taken(i);
        return (
          <fieldset key={i} aria-label={`当事方${i + 1}`}>
            <legend>当事方{i + 1}</legend>
            <label>
              房屋
              <select
                aria-label={`当事方${i + 1}的房屋`}
                value={side.unitId}
                required
                onChange={(e) => setSide(i, { unitId: e.target.value, userIds: [] })}
              >
                <option value="">请选择房屋</option>
                {units
                  .filter((u) => u.id === side.unitId || !others.has(u.id))
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {unitText(u)}
                    </option>
                  ))}
              </select>
            </label>
            {side.unitId === '' ? null : people.length === 0 ? (
              <Empty>这户还没有居民账号：请先在成员管理中添加，再选为当事人。</Empty>
            ) : (
              <div role="group" aria-label={`当事方${i + 1}的当事人`}>
                <p className="muted">由谁代表这一户签署调解协议：</p>
                {people.map((m) => (
                  <label key={m.userId} className="choice">
                    <input
                      type="checkbox"
                      checked={side.userIds.includes(m.userId)}
                      onChange={(e) =>
                        setSide(i, {
                          ...side,
                          userIds: e.target.checked
                            ? [...side.userIds, m.userId]
                            : side.userIds.filter((x) => x !== m.userId),
                        })
                      }
                    />
                    {m.displayName}
                    {m.occupancy === 'tenant' ? '（租户）' : ''}
                  </label>
                ))}
              </div>
            )}
            {draft.sides.length > 2 ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => onChange({ ...draft, sides: draft.sides.filter((_, j) => j !== i) })}
              >
                删除当事方{i + 1}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {draft.sides.length < MAX_SIDES ? (
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            onChange({ ...draft, sides: [...draft.sides, { unitId: '', userIds: [] }] })
          }
        >
          再加一户当事方
        </button>
      ) : null}
      <label>
        调解员
        <select
          name="mediatorId"
          aria-label="调解员"
          value={draft.mediatorId}
          required
          onChange={(e) => onChange({ ...draft, mediatorId: e.target.value })}
        >
          <option value="">请选择调解员</option>
          {mediators.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}（
              {ROLE_LABELS[m.roles.includes('mediator') ? 'mediator' : 'secretary']}）
            </option>
          ))}
        </select>
      </label>
      {mediators.length === 0 ? (
        <Empty>社区还没有调解员：请先在成员管理中为一位成员加上“调解员”角色。</Empty>
      ) : null}
    </>
  );
}
