import { type CivilCodeMatter, type DecisionKind, type MeetingRequirement } from '../api/types';
import { CIVIL_CODE_MATTER_THRESHOLDS, CIVIL_CODE_THRESHOLD_TEXT } from '../labels';

/*
 * The procedure (议事程序) a new case's draft holds, and what it sends: nothing by default (the
 * community's for the category, else the mechanism's), or the chosen meeting and decision; an
 * Art. 278 matter always decides by the owners' vote.
 */

/** The mechanisms that take a procedure (a mediation's is fixed). */
export type DeliberatingMechanism = 'five-party-hall' | 'neighbourhood-consultation';

export interface ProcedureDraft {
  /** `default`: no `procedure` in the request (the community's for the category, else the form's). */
  mode: 'default' | 'chosen';
  meeting: MeetingRequirement;
  decision: DecisionKind;
  /** '' when the matter is not one of Art. 278. */
  matter: CivilCodeMatter | '';
}

/** The defaults per mechanism, as the domain's DEFAULT_PROCEDURES (a web spec keeps them equal). */
export const MECHANISM_PROCEDURES: Readonly<
  Record<DeliberatingMechanism, { meeting: MeetingRequirement; decision: DecisionKind }>
> = {
  'five-party-hall': { meeting: 'required', decision: 'owners-vote' },
  'neighbourhood-consultation': { meeting: 'required', decision: 'council' },
};

export function defaultProcedureDraft(mechanism: DeliberatingMechanism): ProcedureDraft {
  return { mode: 'default', ...MECHANISM_PROCEDURES[mechanism], matter: '' };
}

/** The request's `procedure` and `civilCodeMatter` for the draft (both left out by default). */
export function procedureBody(d: ProcedureDraft): {
  procedure?: { meeting: MeetingRequirement; decision: DecisionKind };
  civilCodeMatter?: CivilCodeMatter;
} {
  const matter = d.matter === '' ? {} : { civilCodeMatter: d.matter };
  if (d.mode === 'default') return matter;
  return {
    procedure: { meeting: d.meeting, decision: d.matter === '' ? d.decision : 'owners-vote' },
    ...matter,
  };
}

/** The law's words for a matter: participation, then its threshold. */
export function matterRuleText(matter: CivilCodeMatter): string {
  return CIVIL_CODE_THRESHOLD_TEXT[CIVIL_CODE_MATTER_THRESHOLDS[matter]];
}
