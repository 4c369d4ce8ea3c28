import { caseProcedure } from './procedure';
import { whistleLinkEvents } from '../whistle/links';
import { formatChineseTime } from '../calendar';
import {
  AlreadyAcknowledgedError,
  AlreadyExistsError,
  NotFoundError,
  ValidationError,
  WrongStageError,
} from '../errors';
import {
  type Acknowledge,
  type CaseCommand,
  type CaseContext,
  type CloseCase,
  type EscalateParty,
  type EvaluateAdvance,
  type OpenCase,
  type PostOpinion,
  type RecordAnalysis,
  type ReopenCase,
  type RequestAdvance,
  type SubmitDemand,
} from './commands';
import {
  assignTask,
  completeTask,
  concludeEvaluation,
  escalateTask,
  evaluate,
  rateEscalation,
  reassignTask,
  reportProgress,
} from './decide-follow-up';
import {
  checkContext,
  enteredEvent,
  requireStage,
  settingsFor,
  stageEntered,
  type Now,
} from './decide-support';
import { linkDemands } from './decide-ledger';
import { recordMeeting, recordMinutes, scheduleMeeting, signInMeeting } from './decide-meetings';
import { draftResolution, recordVoteResult } from './decide-voting';
import { type CaseEvent } from './events';
import { currentEntry, gate, nextTarget, requiredPartiesFor } from './gates';
import {
  addHours,
  id,
  iso,
  list,
  oneOf,
  optionalText,
  record,
  settings as checkSettings,
  text,
} from './guards';
import {
  type AdvanceTarget,
  type Case,
  type CaseState,
  DEMAND_SOURCES,
  MECHANISMS,
  PARTIES,
  type Party,
  type Stage,
  STAGES,
} from './types';

const ADVANCE_TARGETS: readonly AdvanceTarget[] = [...STAGES, 'closed'];

/**
 * Decides what a command does to a case: the events to append, or a CodedError when the case's rules
 * reject it. Pure: the same command, state and context always give the same events. An empty list
 * means the command changes nothing (e.g. a retried queue job).
 */
export function decide(command: CaseCommand, state: CaseState, context: CaseContext): CaseEvent[] {
  const now = checkContext(context);
  const shape = record(command, 'command');
  record(shape.data, 'data');
  if (command.type === 'OpenCase') return openCase(state, command.data, now);
  if (state === null) throw new NotFoundError('案件不存在');
  // 一哨一评 may come after the close: the answer is often judged when the case is done.
  if (command.type === 'RateEscalation') return rateEscalation(state, command.data, now);
  // A whistle's progress is recorded whatever the case's status (one blown before a close by hand).
  if (command.type === 'RecordWhistle')
    return whistleLinkEvents('Case', state.whistles, command.data, now.iso);
  if (state.status === 'closed' && command.type !== 'ReopenCase') {
    // A queue job retried after the case closed: the close already happened.
    if (command.type === 'EvaluateAdvance' && command.data.to === 'closed') return [];
    throw new WrongStageError('案件已销号，只能重新启动', { status: state.status });
  }
  switch (command.type) {
    case 'SubmitDemand':
      return submitDemand(state, command.data, now);
    case 'LinkDemands':
      return linkDemands(state, command.data, now);
    case 'Acknowledge':
      return acknowledge(state, command.data, now);
    case 'RecordAnalysis':
      return recordAnalysis(state, command.data, now);
    case 'PostOpinion':
      return postOpinion(state, command.data, now);
    case 'RecordMeeting':
      return recordMeeting(state, command.data, now);
    case 'ScheduleMeeting':
      return scheduleMeeting(state, command.data, now);
    case 'SignInMeeting':
      return signInMeeting(state, command.data, now);
    case 'RecordMinutes':
      return recordMinutes(state, command.data, now);
    case 'DraftResolution':
      return draftResolution(state, command.data, now);
    case 'RecordVoteResult':
      return recordVoteResult(state, command.data, now);
    case 'RequestAdvance':
      return requestAdvance(state, command.data, now);
    case 'EvaluateAdvance':
      return evaluateAdvance(state, command.data, now);
    case 'AssignTask':
      return assignTask(state, command.data, now);
    case 'ReportProgress':
      return reportProgress(state, command.data, now);
    case 'CompleteTask':
      return completeTask(state, command.data, now);
    case 'ReassignTask':
      return reassignTask(state, command.data, now);
    case 'Evaluate':
      return evaluate(state, command.data, now);
    case 'EscalateParty':
      return escalateParty(state, command.data, now);
    case 'EscalateTask':
      return escalateTask(state, command.data, now);
    case 'CloseCase':
      return closeCase(state, command.data, now);
    case 'ReopenCase':
      return reopenCase(state, command.data, now);
  }
  // Only input that bypassed the types gets here.
  const type = typeof shape.type === 'string' ? shape.type : typeof shape.type;
  throw new ValidationError('无法识别的操作', { type });
}

/**
 * What the queue runs when the evaluation window ends (or every unit has evaluated): the follow-up
 * gate, then closed resolved, closed unevaluated, or reopened. The same as EvaluateAdvance to closed
 * (without `unitsInScope`, a minimum response above 0 is never reached).
 */
export function closeOnEvaluation(
  state: Case,
  context: CaseContext,
  unitsInScope: number | null = null,
): CaseEvent[] {
  return decide({ type: 'EvaluateAdvance', data: { to: 'closed', unitsInScope } }, state, context);
}

function openCase(state: CaseState, d: OpenCase['data'], now: Now): CaseEvent[] {
  if (state !== null) throw new AlreadyExistsError('案件已存在', { caseId: state.id });
  const mechanism = oneOf(MECHANISMS, d.mechanism, 'mechanism');
  const involved =
    d.involvedParties === undefined
      ? []
      : list(d.involvedParties, 'involvedParties').map((p, i) =>
          oneOf(PARTIES, p, `involvedParties[${i}]`),
        );
  const scope = record(d.scope, 'scope');
  const settings = checkSettings(d.settings);
  const requiredParties = requiredPartiesFor(mechanism, involved);
  const procedure = caseProcedure(
    mechanism,
    d.procedure,
    d.civilCodeMatter,
    d.categoryProcedure ?? null,
  );
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: id(d.caseId, 'caseId'),
        communityId: id(d.communityId, 'communityId'),
        mechanism,
        title: text(d.title, 'title'),
        description: text(d.description, 'description'),
        category: text(d.category, 'category'),
        scope: {
          estate: text(scope.estate, 'scope.estate'),
          building: optionalText(scope.building, 'scope.building'),
          entrance: optionalText(scope.entrance, 'scope.entrance'),
        },
        requiredParties,
        settings,
        procedure,
        openedAt: now.iso,
        openedBy: now.actorId,
      },
    },
    enteredEvent('gathering', 1, 'opened', now, settings, requiredParties),
  ];
}

function submitDemand(state: Case, d: SubmitDemand['data'], now: Now): CaseEvent[] {
  requireStage(state, 'gathering', '提交诉求');
  const demandId = id(d.demandId, 'demandId');
  if (state.demands.some((x) => x.id === demandId)) {
    throw new AlreadyExistsError('诉求已存在', { demandId });
  }
  return [
    {
      type: 'DemandSubmitted',
      data: {
        demandId,
        content: text(d.content, 'content'),
        source: oneOf(DEMAND_SOURCES, d.source, 'source'),
        unitId: d.unitId === undefined || d.unitId === null ? null : id(d.unitId, 'unitId'),
        submittedAt: now.iso,
        submittedBy: now.actorId,
      },
    },
  ];
}

/**
 * 签收 of the current stage for a party. A party that is not required may acknowledge too: it is
 * recorded (it took part) and never blocks a gate. A repeat writes nothing and is refused with
 * ALREADY_ACKNOWLEDGED (also for a stage the case has left, if the party signed it).
 */
function acknowledge(state: Case, d: Acknowledge['data'], now: Now): CaseEvent[] {
  const party = oneOf(PARTIES, d.party, 'party');
  const stage = oneOf(STAGES, d.stage, 'stage');
  const entry = currentEntry(state);
  const records = state.parties.find((p) => p.party === party)?.stages ?? [];
  const mine = records.find((s) => s.entry === entry);
  if (stage !== state.stage || mine === undefined) {
    // A stale 签收 button (the case has moved on): say the party did sign, if it did.
    const signed = records.findLast((s) => s.stage === stage)?.acknowledgedAt ?? null;
    if (signed !== null) throw alreadyAcknowledged(stage, signed);
    throw new WrongStageError('只能签收案件当前所处的阶段', { stage: state.stage, given: stage });
  }
  if (mine.acknowledgedAt !== null) throw alreadyAcknowledged(stage, mine.acknowledgedAt);
  return [
    {
      type: 'StageAcknowledged',
      data: {
        party,
        stage,
        entry,
        acknowledgedAt: now.iso,
        acknowledgedBy: now.actorId,
        onTime: mine.deadline === null ? null : now.ms <= Date.parse(mine.deadline),
      },
    },
  ];
}

/** A repeated 签收: nothing is written, and the answer says when the party signed. */
function alreadyAcknowledged(stage: Stage, acknowledgedAt: string): AlreadyAcknowledgedError {
  return new AlreadyAcknowledgedError(`本阶段已签收（${formatChineseTime(acknowledgedAt)}）`, {
    stage,
    acknowledgedAt,
  });
}

/**
 * 吹哨, sent by the queue at a required party's deadline. Nothing happens when the party has since
 * acknowledged or was escalated already; a timer from an earlier entry of the stage is refused.
 */
function escalateParty(state: Case, d: EscalateParty['data'], now: Now): CaseEvent[] {
  const party = oneOf(PARTIES, d.party, 'party');
  const stage = oneOf(STAGES, d.stage, 'stage');
  const entry = currentEntry(state);
  if (d.entry !== undefined && d.entry !== null && typeof d.entry !== 'number') {
    throw new ValidationError('entry 须为数字', { field: 'entry' });
  }
  if (stage !== state.stage || (typeof d.entry === 'number' && d.entry !== entry)) {
    throw new WrongStageError('案件已不在该阶段', { stage: state.stage, given: stage, entry });
  }
  const caseParty = state.parties.find((p) => p.party === party);
  const mine = caseParty?.stages.find((s) => s.entry === entry);
  if (caseParty?.required !== true || mine === undefined || mine.deadline === null) {
    throw new ValidationError('只能对必需方吹哨', { party });
  }
  if (mine.acknowledgedAt !== null || mine.escalatedAt !== null) return [];
  if (now.ms < Date.parse(mine.deadline)) {
    throw new WrongStageError('签收期限未到', { party, deadline: mine.deadline });
  }
  return [
    {
      type: 'PartyEscalated',
      data: {
        party,
        stage,
        entry,
        deadline: mine.deadline,
        escalatedAt: now.iso,
        ...(d.toStreet === true ? { toStreet: true } : {}),
      },
    },
  ];
}

/**
 * Recording the analysis publishes the notice (公告); the notice period runs from now. Recording it
 * again replaces it and restarts the notice period, since the notice must show what is deliberated.
 * No options yet is allowed (a draft); the gate reports it.
 */
function recordAnalysis(state: Case, d: RecordAnalysis['data'], now: Now): CaseEvent[] {
  requireStage(state, 'analysis', '分析研判');
  const options = list(d.options, 'options').map((o, i) => {
    const option = record(o, `options[${i}]`);
    return {
      title: text(option.title, `options[${i}].title`),
      description: text(option.description, `options[${i}].description`),
    };
  });
  return [
    {
      type: 'AnalysisRecorded',
      data: {
        summary: text(d.summary, 'summary'),
        leadParty: oneOf(PARTIES, d.leadParty, 'leadParty'),
        siteSurvey: optionalText(d.siteSurvey, 'siteSurvey'),
        options,
        recordedAt: now.iso,
        recordedBy: now.actorId,
      },
    },
    {
      type: 'NoticePublished',
      data: {
        publishedAt: now.iso,
        noticePeriodEndsAt: iso(addHours(now.ms, state.settings.noticePeriodHours)),
      },
    },
  ];
}

/** A party's response (反馈) or a resident's view, in any stage of an open case. */
function postOpinion(state: Case, d: PostOpinion['data'], now: Now): CaseEvent[] {
  const opinionId = id(d.opinionId, 'opinionId');
  if (state.opinions.some((o) => o.id === opinionId)) {
    throw new AlreadyExistsError('意见已存在', { opinionId });
  }
  const replyTo = d.replyTo === undefined || d.replyTo === null ? null : id(d.replyTo, 'replyTo');
  if (replyTo !== null && !state.opinions.some((o) => o.id === replyTo)) {
    throw new NotFoundError('回复的意见不存在', { replyTo });
  }
  const party: Party | null =
    d.party === undefined || d.party === null ? now.party : oneOf(PARTIES, d.party, 'party');
  return [
    {
      type: 'OpinionPosted',
      data: {
        opinionId,
        content: text(d.content, 'content'),
        replyTo,
        party,
        stage: state.stage,
        postedAt: now.iso,
        authorId: now.actorId,
      },
    },
  ];
}

function requireNext(state: Case, to: AdvanceTarget): void {
  const expected = nextTarget(state.stage);
  if (to !== expected) {
    throw new WrongStageError(`只能推进到下一阶段：${expected}`, {
      stage: state.stage,
      to,
      expected,
    });
  }
}

/** Records the request; the queue checks the gate (EvaluateAdvance). */
function requestAdvance(state: Case, d: RequestAdvance['data'], now: Now): CaseEvent[] {
  const to = oneOf(ADVANCE_TARGETS, d.to, 'to');
  requireNext(state, to);
  return [
    {
      type: 'AdvanceRequested',
      data: { from: state.stage, to, requestedAt: now.iso, requestedBy: now.actorId },
    },
  ];
}

/**
 * The queue's move: the gate holds and the case enters the next stage (or closes or is reopened after
 * follow-up), or a StageAdvanceRejected lists what is unmet. A job for a stage the case is already in
 * changes nothing.
 */
function evaluateAdvance(state: Case, d: EvaluateAdvance['data'], now: Now): CaseEvent[] {
  const to = oneOf(ADVANCE_TARGETS, d.to, 'to');
  if (to === state.stage) return [];
  requireNext(state, to);
  const settings = settingsFor(state, d.settings);
  const unitsInScope = d.unitsInScope ?? null;
  const unmet = gate(state, to, now.iso, { unitsInScope });
  if (unmet.length > 0) {
    return [
      {
        type: 'StageAdvanceRejected',
        data: { from: state.stage, to, unmet, rejectedAt: now.iso },
      },
    ];
  }
  if (to === 'closed') return concludeEvaluation(state, unitsInScope, settings, now);
  return [
    { type: 'StageAdvanced', data: { from: state.stage, to, advancedAt: now.iso } },
    stageEntered(state, to, 'advanced', now, settings),
  ];
}

/** A close by hand. `resolved` is not offered: only the residents' evaluation resolves a case. */
function closeCase(state: Case, d: CloseCase['data'], now: Now): CaseEvent[] {
  if ((d.outcome as string) === 'resolved') {
    throw new ValidationError('办结须经落实问效的居民评价', { field: 'outcome' });
  }
  const outcome = oneOf(['unresolved', 'withdrawn'] as const, d.outcome, 'outcome');
  const reason = optionalText(d.reason, 'reason');
  if (outcome === 'unresolved' && (reason === null || reason.trim() === '')) {
    throw new ValidationError('未解决销号须说明原因', { field: 'reason' });
  }
  // A vote still open is cancelled first: a closed case takes no vote result, and a reopened one
  // must not find a resolution "open" that nobody can ever close.
  const cancelled: CaseEvent[] = state.resolutions
    .filter((r) => r.status === 'open')
    .map((r) => ({
      type: 'ResolutionCancelled',
      data: { resolutionId: r.id, reason: 'case-closed', cancelledAt: now.iso },
    }));
  return [
    ...cancelled,
    {
      type: 'CaseClosed',
      data: { outcome, reason, stage: state.stage, closedAt: now.iso, closedBy: now.actorId },
    },
  ];
}

/**
 * Reopens a closed case in the stage it closed in (for a case closed after follow-up: follow-up,
 * with a new evaluation round). The stage is entered again, so the parties acknowledge it again.
 */
function reopenCase(state: Case, d: ReopenCase['data'], now: Now): CaseEvent[] {
  if (state.status !== 'closed') throw new WrongStageError('案件未销号', { status: state.status });
  const reason = text(d.reason, 'reason');
  if (reason.trim() === '') throw new ValidationError('重新启动须说明原因', { field: 'reason' });
  const settings = settingsFor(state, d.settings);
  const round = state.evaluationRound + (state.stage === 'follow-up' ? 1 : 0);
  return [
    {
      type: 'CaseReopened',
      data: {
        from: 'closed',
        reason,
        stage: state.stage,
        round,
        reopenedAt: now.iso,
        reopenedBy: now.actorId,
      },
    },
    stageEntered(state, state.stage, 'reopened', now, settings),
  ];
}
