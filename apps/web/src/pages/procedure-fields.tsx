import { api } from '../api/client';
import {
  CIVIL_CODE_MATTERS,
  DECISION_KINDS,
  type MeetingRequirement,
  MEETING_REQUIREMENTS,
  type Settings,
} from '../api/types';
import {
  CIVIL_CODE_MATTER_LABELS,
  CIVIL_CODE_MATTER_THRESHOLDS,
  DECISION_KIND_EXPLANATIONS,
  DECISION_KIND_LABELS,
  MATTER_LABELS,
  MEETING_REQUIREMENT_LABELS,
  procedureText,
} from '../labels';
import { useSession } from '../session';
import { useLoad } from '../ui';
import {
  type DeliberatingMechanism,
  MECHANISM_PROCEDURES,
  matterRuleText,
  type ProcedureDraft,
} from './procedure-draft';

/*
 * 议事程序 on the new-case form (docs/procedure.md): left to the community's default for the
 * category, or chosen for this case (meeting, way of deciding); an Art. 278 matter forces the
 * owners' vote, with the law's threshold said in plain words.
 */

const MEETING_EXPLANATIONS: Readonly<Record<MeetingRequirement, string>> = {
  required: '各必需方都有人签到的议事会开过后，才能作出决定。',
  optional: '可以开会商量，不开会也能作出决定。',
};

export function ProcedureFields(props: {
  mechanism: DeliberatingMechanism;
  category: string;
  draft: ProcedureDraft;
  onChange: (draft: ProcedureDraft) => void;
}) {
  const { draft, onChange } = props;
  const communityId = useSession().membership?.communityId ?? '';
  const [settings] = useLoad(
    (signal) => api<Settings>(`/communities/${communityId}/settings`, { signal }).catch(() => null),
    [communityId],
  );
  const community =
    settings.state === 'ready' && settings.value !== null
      ? settings.value.procedureByCategory[props.category.trim()]
      : undefined;
  const base = MECHANISM_PROCEDURES[props.mechanism];
  const fallback = {
    meeting: community?.meeting ?? base.meeting,
    decision: community?.decision ?? base.decision,
  };
  const matter = draft.matter === '' ? null : draft.matter;
  const shownDefault = procedureText({
    ...fallback,
    ...(matter === null ? {} : { decision: 'owners-vote', civilCodeMatter: matter }),
  });
  return (
    <fieldset>
      <legend>议事程序</legend>
      <label className="choice">
        <input
          type="radio"
          name="procedureMode"
          checked={draft.mode === 'default'}
          onChange={() => onChange({ ...draft, mode: 'default' })}
        />
        按社区对本类别的默认程序
      </label>
      <p className="muted" data-testid="procedure-default">
        {community === undefined
          ? `${props.mechanism === 'five-party-hall' ? '五方议事厅' : '邻里会商'}默认：`
          : `社区为「${props.category.trim()}」设定：`}
        {shownDefault}
      </p>
      <label className="choice">
        <input
          type="radio"
          name="procedureMode"
          checked={draft.mode === 'chosen'}
          onChange={() => onChange({ ...draft, mode: 'chosen' })}
        />
        为本案选择程序
      </label>
      {draft.mode === 'chosen' ? (
        <>
          <fieldset>
            <legend>议事会</legend>
            {MEETING_REQUIREMENTS.map((m) => (
              <label key={m} className="choice explained">
                <input
                  type="radio"
                  name="procedureMeeting"
                  checked={draft.meeting === m}
                  onChange={() => onChange({ ...draft, meeting: m })}
                />
                <span className="choice-text">
                  {MEETING_REQUIREMENT_LABELS[m]}
                  <small className="muted">{MEETING_EXPLANATIONS[m]}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>决定方式</legend>
            {DECISION_KINDS.map((k) => (
              <label key={k} className="choice explained">
                <input
                  type="radio"
                  name="procedureDecision"
                  checked={(matter === null ? draft.decision : 'owners-vote') === k}
                  disabled={matter !== null && k !== 'owners-vote'}
                  onChange={() => onChange({ ...draft, decision: k })}
                />
                <span className="choice-text">
                  {DECISION_KIND_LABELS[k]}
                  <small className="muted">{DECISION_KIND_EXPLANATIONS[k]}</small>
                </span>
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      <label>
        民法典第二百七十八条事项
        <select
          name="civilCodeMatter"
          value={draft.matter}
          onChange={(e) =>
            onChange({ ...draft, matter: e.target.value as ProcedureDraft['matter'] })
          }
        >
          <option value="">不涉及</option>
          {CIVIL_CODE_MATTERS.map((m) => (
            <option key={m} value={m}>
              {CIVIL_CODE_MATTER_LABELS[m]}（{MATTER_LABELS[CIVIL_CODE_MATTER_THRESHOLDS[m]]}）
            </option>
          ))}
        </select>
      </label>
      {matter === null ? (
        <p className="muted">
          涉及业主共同决定的事项（如维修资金、改建重建、共有部分用途、选聘物业）请在此选择，须由业主依法表决。
        </p>
      ) : (
        <p className="note" role="note" data-testid="civil-code-rule">
          此事项须由业主依法表决（不能改为征询或议事会决定）。{matterRuleText(matter)}。
        </p>
      )}
    </fieldset>
  );
}
