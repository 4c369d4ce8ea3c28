import { api } from '../api/client';
import { type Mechanism, PARTIES, type Party } from '../api/types';
import { MECHANISM_LABELS, PARTY_LABELS } from '../labels';
import { Empty, ErrorBox, type Load, Loading, useLoad } from '../ui';
import { EMPTY_MEDIATION, type MediationDraft, mediationBody } from './mediation-draft';
import { MediationFields } from './mediation-fields';
import { defaultProcedureDraft, procedureBody, type ProcedureDraft } from './procedure-draft';
import { ProcedureFields } from './procedure-fields';

/*
 * What opening a case asks (POST /communities/:communityId/cases): the form of 新建案件 and of
 * 转议事 in the ledger (a new case for escalated demands takes the same body). The scope is picked
 * from the registry's estates, buildings and entrances, never typed.
 */

/** GET /communities/:communityId/units/places: the registry's estates → buildings → entrances. */
export interface EstatePlace {
  name: string;
  units: number;
  buildings: { name: string; units: number; entrances: { name: string; units: number }[] }[];
}

export interface CaseDraft {
  mechanism: Mechanism;
  title: string;
  description: string;
  category: string;
  estate: string;
  building: string;
  entrance: string;
  /** 邻里会商: the parties the matter concerns besides the two that always take part. */
  involved: readonly Party[];
  /** 议事程序 (not for a mediation, whose procedure is fixed). */
  procedure: ProcedureDraft;
  /** 矛盾调解: the sides and the mediator. */
  mediation: MediationDraft;
}

export const EMPTY_CASE_DRAFT: CaseDraft = {
  mechanism: 'neighbourhood-consultation',
  title: '',
  description: '',
  category: '设施维修',
  estate: '',
  building: '',
  entrance: '',
  involved: [],
  procedure: defaultProcedureDraft('neighbourhood-consultation'),
  mediation: EMPTY_MEDIATION,
};

/** The body of POST /communities/:id/cases (and of an escalation's `newCase`). */
export interface OpenCaseBody {
  mechanism: Mechanism;
  title: string;
  description: string;
  category: string;
  scope: { estate: string; building?: string; entrance?: string };
  involvedParties?: Party[];
  procedure?: { meeting: ProcedureDraft['meeting']; decision: ProcedureDraft['decision'] };
  civilCodeMatter?: Exclude<ProcedureDraft['matter'], ''>;
  sides?: { unitId: string; userIds: string[] }[];
  mediatorId?: string;
}

/** 邻里会商: these two always take part; the others when the matter concerns them. */
const CONSULTATION_CORE: readonly Party[] = ['party-organisation', 'resident-representatives'];
const CONSULTATION_OPTIONAL = PARTIES.filter((p) => !CONSULTATION_CORE.includes(p));

export function useEstatePlaces(communityId: string): [Load<{ items: EstatePlace[] }>, () => void] {
  return useLoad(
    (signal) =>
      api<{ items: EstatePlace[] }>(`/communities/${communityId}/units/places`, { signal }),
    [communityId],
  );
}

/** The estate the draft means: the chosen one, or the only one (the usual community). */
export function estateOf(
  draft: CaseDraft,
  estates: readonly EstatePlace[],
): EstatePlace | undefined {
  const chosen = estates.find((e) => e.name === draft.estate);
  return chosen ?? (estates.length === 1 ? estates[0] : undefined);
}

/** The request body for the draft; null while no estate is chosen (or a mediation's sides). */
export function openCaseBody(
  draft: CaseDraft,
  estates: readonly EstatePlace[],
): OpenCaseBody | null {
  const estate = estateOf(draft, estates);
  if (estate === undefined) return null;
  // A building or entrance the registry does not list (a draft filled from elsewhere) is left out.
  const building = estate.buildings.find((b) => b.name === draft.building);
  const scope: OpenCaseBody['scope'] = { estate: estate.name };
  if (building !== undefined) scope.building = building.name;
  if (building?.entrances.some((e) => e.name === draft.entrance) === true)
    scope.entrance = draft.entrance;
  const common = {
    mechanism: draft.mechanism,
    title: draft.title.trim(),
    description: draft.description.trim(),
    category: draft.category.trim(),
    scope,
  };
  if (draft.mechanism === 'mediation') {
    const mediation = mediationBody(draft.mediation);
    return mediation === null ? null : { ...common, ...mediation };
  }
  const consultation = draft.mechanism === 'neighbourhood-consultation';
  return {
    ...common,
    ...(consultation && draft.involved.length > 0 ? { involvedParties: [...draft.involved] } : {}),
    ...procedureBody(draft.procedure),
  };
}

/** Another form: its default procedure (a chosen one starts from that form's default). */
function withMechanism(draft: CaseDraft, mechanism: Mechanism): CaseDraft {
  if (mechanism === 'mediation') return { ...draft, mechanism };
  return {
    ...draft,
    mechanism,
    procedure: {
      ...defaultProcedureDraft(mechanism),
      mode: draft.procedure.mode,
      matter: draft.procedure.matter,
    },
  };
}

/** The fields of a new case: form, parties, title, description, category, scope, procedure. */
export function CaseFields(props: {
  draft: CaseDraft;
  onChange: (draft: CaseDraft) => void;
  places: Load<{ items: EstatePlace[] }>;
  reloadPlaces: () => void;
  /** 矛盾调解 offered too (the new-case page; an escalation of demands is deliberated). */
  mediation?: boolean;
}) {
  const { draft, onChange, places } = props;
  const set = (field: 'title' | 'description' | 'category') => (value: string) =>
    onChange({ ...draft, [field]: value });
  const estates = places.state === 'ready' ? places.value.items : [];
  const estate = estateOf(draft, estates);
  const building = estate?.buildings.find((b) => b.name === draft.building);
  return (
    <>
      <fieldset>
        <legend>议事形式</legend>
        {mechanisms(props.mediation === true).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name="mechanism"
              value={m}
              checked={draft.mechanism === m}
              onChange={() => onChange(withMechanism(draft, m))}
            />
            {MECHANISM_LABELS[m]}
          </label>
        ))}
      </fieldset>
      {draft.mechanism === 'mediation' ? (
        <p className="muted">
          矛盾调解：两户或几户之间的纠纷，由调解员主持；各方在应用中签署调解协议即调解成功，不经表决。
        </p>
      ) : draft.mechanism === 'neighbourhood-consultation' ? (
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
                checked={draft.involved.includes(p)}
                onChange={(e) =>
                  onChange({
                    ...draft,
                    involved: e.target.checked
                      ? [...draft.involved, p]
                      : draft.involved.filter((x) => x !== p),
                  })
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
      <Field label="标题" value={draft.title} onChange={set('title')} required />
      <label>
        情况描述
        <textarea
          name="description"
          value={draft.description}
          onChange={(e) => set('description')(e.target.value)}
          rows={4}
          required
        />
      </label>
      <Field label="类别" value={draft.category} onChange={set('category')} required />
      <fieldset>
        <legend>范围</legend>
        {places.state === 'loading' ? <Loading text="正在读取房屋台账…" /> : null}
        {places.state === 'error' ? (
          <ErrorBox message={places.message} onRetry={props.reloadPlaces} />
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
                value={estate?.name ?? ''}
                required
                onChange={(e) =>
                  onChange({ ...draft, estate: e.target.value, building: '', entrance: '' })
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
                value={draft.building}
                disabled={estate === undefined}
                onChange={(e) => onChange({ ...draft, building: e.target.value, entrance: '' })}
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
                value={draft.entrance}
                disabled={building === undefined}
                onChange={(e) => onChange({ ...draft, entrance: e.target.value })}
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
      {draft.mechanism === 'mediation' ? (
        <MediationFields
          estate={estate?.name}
          draft={draft.mediation}
          onChange={(mediation) => onChange({ ...draft, mediation })}
        />
      ) : (
        <ProcedureFields
          mechanism={draft.mechanism}
          category={draft.category}
          draft={draft.procedure}
          onChange={(procedure) => onChange({ ...draft, procedure })}
        />
      )}
    </>
  );
}

function mechanisms(mediation: boolean): readonly Mechanism[] {
  const deliberated = ['neighbourhood-consultation', 'five-party-hall'] as const;
  return mediation ? [...deliberated, 'mediation'] : deliberated;
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
