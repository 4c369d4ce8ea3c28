import { ValidationError, WrongStageError } from '../errors';
import { time } from './guards';
import { formatChineseTime } from '../calendar/time';
import { PARTY_LABELS, STAGE_LABELS } from '../labels';
import { openWhistleLinks } from '../whistle/links';
import { civilCodeThreshold, type DecisionKind } from './procedure';
import { agreementConditions, mediationNext } from './mediation';
import {
  type AdvanceTarget,
  type Case,
  type CaseSettings,
  DEFAULT_MIN_EVALUATION_RESPONSE,
  type EvaluationSummary,
  type Fraction,
  type Mechanism,
  PARTIES,
  type Party,
  type Resolution,
  type Stage,
  type Unmet,
} from './types';

/**
 * Five-party hall: all five. Neighbourhood consultation: the party organisation and the residents'
 * representatives, plus the parties the matter concerns.
 */
export function requiredPartiesFor(mechanism: Mechanism, involved: readonly Party[]): Party[] {
  switch (mechanism) {
    case 'five-party-hall':
      return [...PARTIES];
    case 'neighbourhood-consultation': {
      const required = new Set<Party>(['party-organisation', 'resident-representatives']);
      for (const party of involved) required.add(party);
      return PARTIES.filter((party) => required.has(party));
    }
    case 'mediation':
      // The sides and the mediator are told (case notices); no party must sign for a stage.
      return [];
  }
}

/** The next step from `stage`; a mediation goes gathering → deliberation → closed. */
export function nextTarget(stage: Stage, mechanism?: Mechanism): AdvanceTarget {
  if (mechanism === 'mediation') return mediationNext(stage);
  switch (stage) {
    case 'gathering':
      return 'analysis';
    case 'analysis':
      return 'deliberation';
    case 'deliberation':
      return 'follow-up';
    case 'follow-up':
      return 'closed';
  }
}

/** The number of the stage entry the case is in (0 only between CaseOpened and its StageEntered). */
export function currentEntry(state: Case): number {
  return state.stageHistory.at(-1)?.entry ?? 0;
}

export function requiredParties(state: Case): Party[] {
  return state.parties.filter((p) => p.required).map((p) => p.party);
}

export interface GateOptions {
  /** Units in the case's scope (from the registry): follow-up may close once all have evaluated. */
  readonly unitsInScope?: number | null;
}

/**
 * What stops the case from moving to `to` now; empty when the gate holds. `to` must be the next step
 * (WRONG_STAGE otherwise, and for a closed case).
 */
export function gate(
  state: Case,
  to: AdvanceTarget,
  now: string,
  options: GateOptions = {},
): Unmet[] {
  if (state.status === 'closed') {
    throw new WrongStageError('案件已销号', { status: state.status });
  }
  const expected = nextTarget(state.stage, state.mechanism);
  if (to !== expected) {
    throw new WrongStageError(`只能推进到下一阶段：${expected}`, {
      stage: state.stage,
      to,
      expected,
    });
  }
  return rule(state, to, now, options).unmet;
}

/**
 * The advance rule, in one place: where the case would go next, what stops it (the gate), whether
 * the queue should evaluate the move now, and whether the reconciler should check it. The gate of
 * EvaluateAdvance (`gate`), the worker's advance job and the deadline reconciler all read this.
 */
export interface AdvanceRule {
  /** The next step from the case's stage. */
  readonly to: AdvanceTarget;
  /** What stops the move now; empty when the gate holds. */
  readonly unmet: Unmet[];
  /**
   * The queue should evaluate the move now (EvaluateAdvance):
   * - an advance was requested and not yet evaluated: always (it advances or is rejected with
   *   reasons);
   * - analysis, deliberation and follow-up: when the gate holds by itself (the notice period ended,
   *   the vote passed, the last task is done and the window over, the last party acknowledged or
   *   was escalated);
   * - gathering: only after a rejected request whose gate now holds (the secretary decides when
   *   enough demands are in).
   */
  readonly due: boolean;
  /**
   * The move may be due when the units in scope are not known (the reconciler's view): `due`, or
   * follow-up with an open window and evaluations, which may close before the window ends once
   * every unit in scope has evaluated (only the registry knows how many there are).
   */
  readonly mayBeDue: boolean;
}

/** The advance rule of an open case at `now`; undefined for a closed case (it goes nowhere). */
export function advanceRule(
  state: Case,
  now: string,
  options: GateOptions = {},
): AdvanceRule | undefined {
  if (state.status !== 'open') return undefined;
  return rule(state, nextTarget(state.stage, state.mechanism), now, options);
}

function rule(state: Case, to: AdvanceTarget, now: string, options: GateOptions): AdvanceRule {
  const nowMs = time(now, 'now');
  const unitsInScope = checkUnitsInScope(options.unitsInScope);
  const unmet = [
    ...stageConditions(state, nowMs, unitsInScope),
    ...acknowledgementConditions(state),
    ...(to === 'closed' && !reopens(state, unitsInScope) ? whistleConditions(state) : []),
  ];
  // A mediation closes on the last signature; the queue never closes one by itself.
  const byItself =
    state.stage !== 'gathering' && !(state.mechanism === 'mediation' && to === 'closed');
  const due =
    state.advanceRequest?.to === to ||
    (unmet.length === 0 && (byItself || state.lastAdvanceRejection?.to === to));
  const mayBeDue =
    due ||
    (state.stage === 'follow-up' &&
      state.evaluationWindow !== null &&
      state.evaluations.length > 0);
  return { to, unmet, due, mayBeDue };
}

function checkUnitsInScope(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ValidationError('范围内房屋数须为整数', { field: 'unitsInScope' });
}

function stageConditions(state: Case, nowMs: number, unitsInScope: number | null): Unmet[] {
  switch (state.stage) {
    case 'gathering':
      return gatheringConditions(state);
    case 'analysis':
      return analysisConditions(state, nowMs);
    case 'deliberation':
      return state.mechanism === 'mediation'
        ? agreementConditions(state)
        : deliberationConditions(state);
    case 'follow-up':
      return followUpConditions(state, nowMs, unitsInScope);
  }
}

function gatheringConditions(state: Case): Unmet[] {
  return state.demands.length > 0
    ? []
    : [{ condition: 'demands', message: '尚无诉求：至少需要一条诉求' }];
}

function analysisConditions(state: Case, nowMs: number): Unmet[] {
  const unmet: Unmet[] = [];
  const analysis = state.analysis;
  if (analysis === null) {
    unmet.push({ condition: 'lead-party', message: '尚未记录分析研判，未确定牵头方' });
  }
  if (analysis === null || analysis.options.length === 0) {
    unmet.push({ condition: 'options', message: '尚未拟定方案：至少需要一个方案' });
  }
  const notice = state.notice;
  if (notice === null) {
    unmet.push({ condition: 'notice-period', message: '尚未发布议事公告' });
  } else if (nowMs < Date.parse(notice.noticePeriodEndsAt)) {
    unmet.push({
      condition: 'notice-period',
      message: `公告期未满，${formatChineseTime(notice.noticePeriodEndsAt)} 后方可进入议事会商`,
      until: notice.noticePeriodEndsAt,
    });
  }
  return unmet;
}

function deliberationConditions(state: Case): Unmet[] {
  const unmet: Unmet[] = [];
  const entry = currentEntry(state);
  const required = requiredParties(state);
  const meetings = state.meetings.filter((m) => m.entry === entry);
  // Report the parties missing from the best-attended meeting: the nearest to holding the gate.
  let missing: Party[] = required;
  for (const meeting of meetings) {
    const present = new Set(
      meeting.attendance.filter((a) => a.attendees.length > 0).map((a) => a.party),
    );
    const absent = required.filter((party) => !present.has(party));
    if (absent.length < missing.length) missing = absent;
  }
  const { meeting, decision } = state.procedure;
  if (meeting === 'required' && meetings.length === 0) {
    unmet.push({ condition: 'meeting', message: '尚未记录议事会', missingParties: missing });
  } else if (meeting === 'required' && missing.length > 0) {
    unmet.push({
      condition: 'meeting',
      message: `尚无各必需方均出席的议事会，缺席：${missing.map((p) => PARTY_LABELS[p]).join('、')}`,
      missingParties: missing,
    });
  }
  const resolutions = state.resolutions.filter((r) => r.entry === entry);
  if (decision !== 'none' && !resolutions.some((r) => r.status === 'passed' && decides(r, state))) {
    unmet.push({ condition: 'resolution-passed', message: DECISION_MISSING[decision] });
  }
  if (resolutions.some((r) => r.status === 'open')) {
    unmet.push({ condition: 'resolution-open', message: '仍有决议在表决中，须待表决结束' });
  }
  return unmet;
}

const DECISION_MISSING: Readonly<Record<Exclude<DecisionKind, 'none'>, string>> = {
  'owners-vote': '尚无表决通过的决议',
  'resident-poll': '尚无通过的居民意见征询',
  council: '尚无议事会通过的决定',
};

/**
 * Whether a passed resolution decides the case under its procedure: the owners' vote always does
 * (under the Art. 278 rule and threshold where the case names a matter); a resident poll decides a
 * `resident-poll` procedure, a council a `council` one. A poll does not decide a council's case nor
 * the other way round: each decision kind is decided by its own rule.
 */
export function decides(r: Resolution, state: Case): boolean {
  const matter = state.procedure.civilCodeMatter;
  if (matter !== null)
    return r.rule === 'civil-code-278' && r.matter === civilCodeThreshold(matter);
  switch (r.rule) {
    case 'simple-majority':
    case 'civil-code-278':
      return true;
    case 'resident-poll':
    case 'council':
      return state.procedure.decision === r.rule;
  }
}

function followUpConditions(state: Case, nowMs: number, unitsInScope: number | null): Unmet[] {
  const unmet: Unmet[] = [];
  const open = state.tasks.filter((t) => t.status === 'open');
  if (state.tasks.length === 0) {
    unmet.push({ condition: 'tasks-assigned', message: '尚未分派任务' });
  } else if (open.length > 0) {
    unmet.push({
      condition: 'tasks-done',
      message: `尚有 ${open.length} 项任务未完成`,
      taskIds: open.map((t) => t.id),
    });
  }
  const window = state.evaluationWindow;
  const evaluated = state.evaluations.length;
  if (window === null) {
    unmet.push({
      condition: 'evaluation',
      // All tasks done and no window: the case was reopened and awaits new tasks.
      message:
        state.tasks.length > 0 && open.length === 0
          ? '本轮居民评价尚未开始：须分派并完成整改任务'
          : '居民评价尚未开始（任务全部完成后开始）',
      evaluated,
      unitsInScope,
    });
  } else if (!evaluationOver(state, nowMs, unitsInScope)) {
    const of = unitsInScope === null ? '' : `，共 ${unitsInScope} 户`;
    unmet.push({
      condition: 'evaluation',
      message: `评价期未结束（${formatChineseTime(window.endsAt)}结束），已评价 ${evaluated} 户${of}`,
      until: window.endsAt,
      evaluated,
      unitsInScope,
    });
  }
  return unmet;
}

/** The window has ended, or every unit in scope has evaluated (a scope of no units never counts). */
function evaluationOver(state: Case, nowMs: number, unitsInScope: number | null): boolean {
  const window = state.evaluationWindow;
  if (window === null) return false;
  if (nowMs >= Date.parse(window.endsAt)) return true;
  return unitsInScope !== null && unitsInScope > 0 && state.evaluations.length >= unitsInScope;
}

/**
 * Each required party has acknowledged the current stage entry, or was escalated for it and, where
 * the escalation went to the street's office as a whistle, the street has answered it (反馈).
 */
function acknowledgementConditions(state: Case): Unmet[] {
  const entry = currentEntry(state);
  const unmet: Unmet[] = [];
  for (const party of state.parties) {
    if (!party.required) continue;
    const record = party.stages.find((s) => s.entry === entry);
    if (record !== undefined && record.acknowledgedAt !== null) continue;
    if (record !== undefined && record.escalatedAt !== null) {
      const escalationId = `ack_${entry}_${party.party}`;
      const escalation = state.escalations.find((e) => e.id === escalationId);
      const answered = state.whistles.some(
        (w) => w.escalationId === escalationId && w.answeredAt !== null,
      );
      if (escalation?.toStreet !== true || answered) continue;
      unmet.push({
        condition: 'acknowledgement',
        message: `${PARTY_LABELS[party.party]}逾期未签收“${STAGE_LABELS[state.stage]}”阶段，已吹哨，待街道反馈`,
        party: party.party,
        stage: state.stage,
      });
      continue;
    }
    unmet.push({
      condition: 'acknowledgement',
      message: `${PARTY_LABELS[party.party]}尚未签收“${STAGE_LABELS[state.stage]}”阶段`,
      party: party.party,
      stage: state.stage,
    });
  }
  return unmet;
}

/** The round's evaluations, concluded now, would reopen follow-up rather than close the case. */
function reopens(state: Case, unitsInScope: number | null): boolean {
  if (state.evaluations.length === 0) return false;
  const verdict = evaluationVerdict(state, unitsInScope);
  return verdict.responseReached && !verdict.reached;
}

/**
 * Closing waits for every whistle of the case to be settled (rated, or withdrawn); a round that
 * reopens follow-up does not (the whistles go on into the next round).
 */
function whistleConditions(state: Case): Unmet[] {
  const open = openWhistleLinks(state.whistles);
  if (open.length === 0) return [];
  return [
    {
      condition: 'whistles',
      message: `还有 ${open.length} 个吹哨未办结（部门反馈并评价后才能销号）`,
      whistleIds: open.map((w) => w.whistleId),
    },
  ];
}

/** a / b ≥ f, compared exactly (cross-multiplied in BigInt); b > 0. */
function atLeast(a: number, b: number, f: Fraction): boolean {
  return BigInt(a) * BigInt(f.denominator) >= BigInt(f.numerator) * BigInt(b);
}

/**
 * The count of the current evaluation round. Satisfied means 满意 or 基本满意. The threshold is
 * reached when satisfied / total ≥ threshold, compared exactly. With no evaluations it is never
 * reached: nobody is not the same as everybody satisfied.
 *
 * The response (total, the units that evaluated) reaches the minimum when total / unitsInScope ≥
 * `minEvaluationResponse` of `settings` (the settings in force when the round is concluded; the
 * default when they have none). It never does with no evaluations, nor when the units asked are not
 * known or none (unless the minimum is 0): a share of an unknown number shows nothing.
 */
export function evaluationVerdict(
  state: Case,
  unitsInScope: number | null = null,
  settings: CaseSettings = state.settings,
): EvaluationSummary {
  let satisfied = 0;
  let basicallySatisfied = 0;
  let dissatisfied = 0;
  for (const evaluation of state.evaluations) {
    switch (evaluation.rating) {
      case 'satisfied':
        satisfied += 1;
        break;
      case 'basically-satisfied':
        basicallySatisfied += 1;
        break;
      case 'dissatisfied':
        dissatisfied += 1;
        break;
    }
  }
  const total = satisfied + basicallySatisfied + dissatisfied;
  const threshold = state.settings.satisfactionThreshold;
  const reached = total > 0 && atLeast(satisfied + basicallySatisfied, total, threshold);
  const minimum = settings.minEvaluationResponse ?? DEFAULT_MIN_EVALUATION_RESPONSE;
  const units = checkUnitsInScope(unitsInScope);
  const responseReached =
    total > 0 &&
    (minimum.numerator === 0 || (units !== null && units > 0 && atLeast(total, units, minimum)));
  return {
    round: state.evaluationRound,
    satisfied,
    basicallySatisfied,
    dissatisfied,
    total,
    threshold,
    reached,
    unitsInScope: units,
    minEvaluationResponse: minimum,
    responseReached,
  };
}
