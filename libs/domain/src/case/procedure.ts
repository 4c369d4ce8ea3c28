/**
 * A case's procedure (docs/procedure.md): whether deliberation needs a meeting, and how the matter
 * is decided: the owners' vote, a poll of the households, the parties in council, or nobody (the
 * lead party acts). And the law: the matters the Civil Code (Art. 278) reserves to the owners'
 * vote, each with its threshold.
 */
import { ValidationError } from '../errors';
import { type Matter } from '../voting/tally';
import { oneOf, record } from '../demand/guards';
import { type Mechanism } from './types';

export const MEETING_REQUIREMENTS = ['required', 'optional'] as const;
export type MeetingRequirement = (typeof MEETING_REQUIREMENTS)[number];

export const DECISION_KINDS = ['owners-vote', 'resident-poll', 'council', 'none'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The matters of Civil Code Art. 278 (业主共同决定事项). Major ones (3/4 of the participating area
 * and owners): raising the maintenance fund (筹集), rebuilding (改建、重建), changing the use of
 * common parts or running a business in them. The others need more than half.
 */
export const CIVIL_CODE_MATTERS = [
  'management-rules',
  'committee-election',
  'property-company',
  'maintenance-fund-use',
  'maintenance-fund-raise',
  'rebuild',
  'common-parts-use',
  'other-major',
] as const;
export type CivilCodeMatter = (typeof CIVIL_CODE_MATTERS)[number];

const MAJOR: ReadonlySet<CivilCodeMatter> = new Set([
  'maintenance-fund-raise',
  'rebuild',
  'common-parts-use',
]);

/** The threshold the law sets for the matter: `major` (3/4) or `ordinary` (more than half). */
export function civilCodeThreshold(matter: CivilCodeMatter): Matter {
  return MAJOR.has(matter) ? 'major' : 'ordinary';
}

export interface CaseProcedure {
  readonly meeting: MeetingRequirement;
  readonly decision: DecisionKind;
  /** The Art. 278 matter the case decides, or null; when set the decision is the owners' vote. */
  readonly civilCodeMatter: CivilCodeMatter | null;
}

/** What every case had before procedures: a meeting of the required parties and the owners' vote. */
export const LEGACY_PROCEDURE: CaseProcedure = {
  meeting: 'required',
  decision: 'owners-vote',
  civilCodeMatter: null,
};

/** The defaults per mechanism: an estate's matter is voted by its owners, a neighbours' one agreed in council. */
export const DEFAULT_PROCEDURES: Readonly<Record<Mechanism, CaseProcedure>> = {
  'five-party-hall': LEGACY_PROCEDURE,
  'neighbourhood-consultation': { meeting: 'required', decision: 'council', civilCodeMatter: null },
  // A mediation meets when the mediator sees fit, and ends in the sides' agreement, not a vote.
  mediation: { meeting: 'optional', decision: 'none', civilCodeMatter: null },
};

/** A procedure as a request or a setting gives it: either part may be left out. */
export interface ProcedureInput {
  readonly meeting?: MeetingRequirement | null;
  readonly decision?: DecisionKind | null;
}

/**
 * The case's procedure: the request's parts, else the community's for the category, else the
 * mechanism's. A case naming an Art. 278 matter decides by the owners' vote: a request asking for
 * another decision is refused (400), and with none given the owners' vote it is.
 */
export function caseProcedure(
  mechanism: Mechanism,
  requested: unknown,
  civilCodeMatter: unknown,
  categoryDefault: ProcedureInput | null = null,
): CaseProcedure {
  const given = requested === undefined || requested === null ? {} : record(requested, 'procedure');
  const base = { ...DEFAULT_PROCEDURES[mechanism], ...stripNulls(categoryDefault ?? {}) };
  const meeting =
    given.meeting === undefined || given.meeting === null
      ? base.meeting
      : oneOf(MEETING_REQUIREMENTS, given.meeting, 'procedure.meeting', '议事会要求');
  const matter =
    civilCodeMatter === undefined || civilCodeMatter === null
      ? null
      : oneOf(CIVIL_CODE_MATTERS, civilCodeMatter, 'civilCodeMatter', '民法典事项');
  if (given.decision !== undefined && given.decision !== null) {
    const decision = oneOf(DECISION_KINDS, given.decision, 'procedure.decision', '决定方式');
    if (matter !== null && decision !== 'owners-vote')
      throw new ValidationError('民法典第二百七十八条规定的事项须由业主依法表决', {
        field: 'procedure.decision',
        civilCodeMatter: matter,
      });
    return { meeting, decision, civilCodeMatter: matter };
  }
  return {
    meeting,
    decision: matter === null ? base.decision : 'owners-vote',
    civilCodeMatter: matter,
  };
}

function stripNulls(p: ProcedureInput): Partial<CaseProcedure> {
  return {
    ...(p.meeting === undefined || p.meeting === null ? {} : { meeting: p.meeting }),
    ...(p.decision === undefined || p.decision === null ? {} : { decision: p.decision }),
  };
}
