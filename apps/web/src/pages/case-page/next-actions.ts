import {
  type CaseDetail,
  type Membership,
  type Party,
  type Role,
  type Task,
} from '../../api/types';
import { ackState } from '../../case-status';
import { agreementStep } from './mediation-state';
import { mayArrangeMeeting } from './meeting-state';

/** What the deciding needs of the signed-in user (a Session is one): their roles and party. */
export interface Viewer {
  has: (role: Role) => boolean;
  /** The signed-in user (a mediation's side or mediator is a person, not a role). */
  me?: { id: string };
  membership: Pick<Membership, 'party'> | null;
}

/** What the action bar offers on an open case (a closed one offers only 重新启动). */
export interface NextActions {
  /** Owners (and the building lead entering paper ballots) while a vote is open: 去投票 first. */
  voting: NonNullable<CaseDetail['voting']> | null;
  canAck: boolean;
  canDemand: boolean;
  canAnalyse: boolean;
  canMeet: boolean;
  canDraft: boolean;
  canAssign: boolean;
  canEvaluate: boolean;
  /** 矛盾调解: the agreement waits for the viewer to draft it or to sign it (shown below). */
  agreement: 'draft' | 'sign' | null;
  /** The caller's party's open tasks, pointed to from the action bar. */
  myTasks: Task[];
  secretary: boolean;
  /** Nothing above applies: the bar says 目前没有需要您办理的事项. */
  nothingToDo: boolean;
}

export function nextActions(c: CaseDetail, session: Viewer): NextActions {
  const party: Party | null = session.has('secretary')
    ? 'party-organisation'
    : (session.membership?.party ?? null);
  const myParty = party === null ? undefined : c.parties.find((p) => p.party === party);
  const mediation = c.mechanism === 'mediation';
  // A mediation has no party to sign for its stages: its sides and mediator are told instead.
  const canAck =
    !mediation &&
    (session.has('secretary') || session.has('party-member')) &&
    myParty !== undefined &&
    ackState(c, myParty) !== 'acknowledged';
  const canDemand =
    c.stage === 'gathering' &&
    (session.has('resident') ||
      session.has('grid-worker') ||
      session.has('building-lead') ||
      session.has('party-member'));
  const canAnalyse =
    c.stage === 'analysis' &&
    c.analysis === null &&
    (session.has('secretary') || session.has('party-member'));
  const allDone = c.tasks.length > 0 && c.tasks.every((t) => t.status === 'done');
  const canEvaluate = c.stage === 'follow-up' && allDone && session.has('resident');
  // A party's open tasks: reported on under 落实任务 further down; said here so that the first card
  // never reads "nothing to do" to the party that has work (issue 19 walk-through, 物业).
  const myTasks = c.stage === 'follow-up' ? c.tasks.filter((t) => isMyOpenTask(t, session)) : [];
  const canAssign = c.stage === 'follow-up' && session.has('secretary');
  const deliberating = c.stage === 'deliberation' && session.has('secretary');
  // A mediation is not voted on: it ends in the sides' agreement.
  const canDraft = deliberating && !mediation && !c.resolutions.some((r) => r.status === 'open');
  const step =
    session.me === undefined ? null : agreementStep(c, session.me.id, session.has('secretary'));
  const agreement = step === 'draft' || step === 'sign' ? step : null;
  const canMeet = deliberating && mayArrangeMeeting(c, Date.now());
  const voting =
    session.has('resident') || session.has('building-lead') ? (c.voting ?? null) : null;
  const secretary = session.has('secretary');
  return {
    voting,
    canAck,
    canDemand,
    canAnalyse,
    canMeet,
    canDraft,
    canAssign,
    canEvaluate,
    agreement,
    myTasks,
    secretary,
    nothingToDo:
      voting === null &&
      agreement === null &&
      !canAck &&
      !canDemand &&
      !canAnalyse &&
      !canEvaluate &&
      myTasks.length === 0 &&
      !secretary,
  };
}

/** An open task assigned to the caller's party (the secretary acts for the party organisation). */
export function isMyOpenTask(task: Task, session: Viewer): boolean {
  return (
    task.status === 'open' &&
    (session.membership?.party === task.assigneeParty ||
      (session.has('secretary') && task.assigneeParty === 'party-organisation'))
  );
}

/** 改派: the secretary, or a member of the lead party, while the task is open in 跟踪落实. */
export function canReassign(c: CaseDetail, task: Task, session: Viewer): boolean {
  return (
    task.status === 'open' &&
    c.status === 'open' &&
    c.stage === 'follow-up' &&
    (session.has('secretary') ||
      (session.has('party-member') &&
        c.analysis !== null &&
        session.membership?.party === c.analysis.leadParty))
  );
}

/** Who may post an opinion or reply: the secretary, party members and residents, while open. */
export function canPostOpinion(c: CaseDetail, session: Viewer): boolean {
  return (
    c.status === 'open' &&
    (session.has('secretary') || session.has('party-member') || session.has('resident'))
  );
}
