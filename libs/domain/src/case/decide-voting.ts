import { AlreadyExistsError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { planOptions } from '../voting/decisions';
import { type DraftResolution, type RecordVoteResult } from './commands';
import { requireStage, settingsFor, stageEntered, type Now } from './decide-support';
import { currentEntry } from './gates';
import { presentAttendees } from './meetings';
import { type CaseEvent } from './events';
import { id, iso, jsonObject, oneOf, text, time } from './guards';
import { civilCodeThreshold } from './procedure';
import { type Case, MATTERS, VOTING_RULES } from './types';

/**
 * One resolution is voted on at a time. A major matter must be voted under Article 278 of the Civil
 * Code: a simple majority of those voting cannot decide it, nor can a poll or a council. A council
 * needs a party present (signed in at a meeting of this entry): its parties are who answer. Plans
 * (`options`, 2 to 10) may be given under any rule.
 */
export function draftResolution(state: Case, d: DraftResolution['data'], now: Now): CaseEvent[] {
  requireStage(state, 'deliberation', '起草决议');
  const resolutionId = id(d.resolutionId, 'resolutionId');
  if (state.resolutions.some((r) => r.id === resolutionId)) {
    throw new AlreadyExistsError('决议已存在', { resolutionId });
  }
  const open = state.resolutions.find((r) => r.status === 'open');
  if (open !== undefined) {
    throw new AlreadyExistsError('已有决议在表决中', { resolutionId: open.id });
  }
  const rule = oneOf(VOTING_RULES, d.rule, 'rule');
  const matter = oneOf(MATTERS, d.matter, 'matter');
  if (matter === 'major' && rule !== 'civil-code-278') {
    throw new ValidationError('重大事项须按民法典第二百七十八条表决', { field: 'rule' });
  }
  const lawful = state.procedure.civilCodeMatter;
  if (lawful !== null && (rule !== 'civil-code-278' || matter !== civilCodeThreshold(lawful))) {
    throw new ValidationError(
      civilCodeThreshold(lawful) === 'major'
        ? '本案事项须按民法典第二百七十八条重大事项表决（四分之三以上同意）'
        : '本案事项须按民法典第二百七十八条一般事项表决（过半数同意）',
      { field: rule !== 'civil-code-278' ? 'rule' : 'matter', civilCodeMatter: lawful },
    );
  }
  if (rule === 'council' && presentAttendees(state, currentEntry(state)).size === 0) {
    throw new WrongStageError('议事会决定须由出席议事会的各方作出：本轮议事尚无任何一方签到', {
      field: 'rule',
    });
  }
  const options = planOptions(d.options);
  const closesAt = time(d.closesAt, 'closesAt');
  if (closesAt <= now.ms)
    throw new ValidationError('表决截止时间须晚于现在', { field: 'closesAt' });
  return [
    {
      type: 'ResolutionDrafted',
      data: {
        resolutionId,
        title: text(d.title, 'title'),
        text: text(d.text, 'text'),
        rule,
        matter,
        closesAt: iso(closesAt),
        draftedAt: now.iso,
        draftedBy: now.actorId,
        ...(options === null ? {} : { options }),
      },
    },
  ];
}

/**
 * The result of a closed vote. A failed vote sends the case back to analysis. The same result
 * recorded again changes nothing; a different one conflicts.
 */
export function recordVoteResult(state: Case, d: RecordVoteResult['data'], now: Now): CaseEvent[] {
  const resolutionId = id(d.resolutionId, 'resolutionId');
  const resolution = state.resolutions.find((r) => r.id === resolutionId);
  if (resolution === undefined) throw new NotFoundError('决议不存在', { resolutionId });
  if (typeof d.passed !== 'boolean') {
    throw new ValidationError('passed 须为 true 或 false', { field: 'passed' });
  }
  const tally = jsonObject(d.tally, 'tally');
  if (resolution.status !== 'open') {
    if ((resolution.status === 'passed') === d.passed) return [];
    throw new AlreadyExistsError('表决结果已记录', { resolutionId, status: resolution.status });
  }
  requireStage(state, 'deliberation', '记录表决结果');
  const settings = settingsFor(state, d.settings);
  const recorded: CaseEvent = {
    type: 'VoteRecorded',
    data: { resolutionId, passed: d.passed, tally, recordedAt: now.iso },
  };
  if (d.passed) return [recorded];
  return [
    recorded,
    {
      type: 'StageReturned',
      data: {
        from: 'deliberation',
        to: 'analysis',
        reason: 'vote-failed',
        resolutionId,
        returnedAt: now.iso,
      },
    },
    stageEntered(state, 'analysis', 'returned', now, settings),
  ];
}
