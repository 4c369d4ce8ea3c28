import { type CaseDetail, type Party, type Role, type Task } from '../src/api/types';
import {
  canPostOpinion,
  canReassign,
  isMyOpenTask,
  nextActions,
  type Viewer,
} from '../src/pages/case-page/next-actions';

const PAST = '2026-03-05T09:00:00Z';

function viewer(roles: Role[], party: Party | null = null): Viewer {
  return {
    has: (role) => roles.includes(role),
    membership: { party },
  };
}

function task(id: string, assigneeParty: Party, status: 'open' | 'done' = 'open'): Task {
  return { id, title: id, assigneeParty, status, percent: 0, dueAt: PAST } as unknown as Task;
}

/** A case in `stage`, entered twice (entry 2 now), the property company still to sign. */
function caseIn(stage: CaseDetail['stage'], over: Partial<CaseDetail> = {}): CaseDetail {
  const record = (acknowledgedAt: string | null) => ({
    stage,
    entry: 2,
    deadline: null,
    remindAt: null,
    acknowledgedAt,
    acknowledgedBy: null,
    escalatedAt: null,
  });
  return {
    stage,
    status: 'open',
    stageHistory: [
      { stage, entry: 1, cause: 'advanced', enteredAt: PAST, leftAt: PAST },
      { stage, entry: 2, cause: 'returned', enteredAt: PAST, leftAt: null },
    ],
    parties: [
      { party: 'party-organisation', required: true, stages: [record(PAST)] },
      { party: 'property-company', required: true, stages: [record(null)] },
    ],
    analysis: null,
    meetings: [],
    resolutions: [],
    tasks: [],
    voting: null,
    ...over,
  } as unknown as CaseDetail;
}

const shown = (c: CaseDetail, v: Viewer) => {
  const next = nextActions(c, v);
  return Object.entries(next)
    .filter(([, value]) => value === true)
    .map(([name]) => name)
    .sort();
};

describe('web app: which actions the case page offers', () => {
  it('gathering: residents and the parties submit demands; a party still to sign is asked to', () => {
    const c = caseIn('gathering');
    expect(shown(c, viewer(['resident']))).toEqual(['canDemand']);
    expect(shown(c, viewer(['party-member'], 'property-company'))).toEqual(['canAck', 'canDemand']);
    // The secretary signs for the party organisation, which has signed already.
    expect(shown(c, viewer(['secretary']))).toEqual(['secretary']);
  });

  it('nothing to do says so, unless the user is the secretary', () => {
    const c = caseIn('analysis', { analysis: {} as CaseDetail['analysis'] });
    expect(nextActions(c, viewer(['grid-worker'])).nothingToDo).toBe(true);
    expect(nextActions(c, viewer(['resident'])).nothingToDo).toBe(true);
    expect(nextActions(c, viewer(['secretary'])).nothingToDo).toBe(false);
  });

  it('analysis: recorded once, by the secretary or a party member', () => {
    expect(shown(caseIn('analysis'), viewer(['party-member'], 'party-organisation'))).toEqual([
      'canAnalyse',
    ]);
    const done = caseIn('analysis', { analysis: {} as CaseDetail['analysis'] });
    expect(nextActions(done, viewer(['secretary'])).canAnalyse).toBe(false);
  });

  it('deliberation: a new meeting until one of this entry has every party signed in, one open resolution at a time', () => {
    const secretary = viewer(['secretary']);
    expect(shown(caseIn('deliberation'), secretary)).toEqual(['canDraft', 'canMeet', 'secretary']);
    const everyone = caseIn('deliberation').parties.map((p) => ({
      party: p.party,
      attendees: [`user-${p.party}`],
    }));
    const meeting = (entry: number, attendance = everyone, scheduled = false, heldAt = 0) =>
      ({
        entry,
        attendance,
        scheduled,
        heldAt: new Date(heldAt).toISOString(),
      }) as CaseDetail['meetings'][number];
    const metBefore = caseIn('deliberation', { meetings: [meeting(1)] });
    expect(nextActions(metBefore, secretary).canMeet).toBe(true);
    const met = caseIn('deliberation', { meetings: [meeting(2)] });
    expect(nextActions(met, secretary).canMeet).toBe(false);
    // A meeting short of a party: another may be arranged, unless one is still ahead.
    const short = caseIn('deliberation', { meetings: [meeting(2, everyone.slice(1))] });
    expect(nextActions(short, secretary).canMeet).toBe(true);
    const ahead = caseIn('deliberation', {
      meetings: [meeting(2, [], true, Date.now() + 86_400_000)],
    });
    expect(nextActions(ahead, secretary).canMeet).toBe(false);
    const voting = caseIn('deliberation', {
      resolutions: [{ status: 'open' }] as CaseDetail['resolutions'],
    });
    expect(nextActions(voting, secretary).canDraft).toBe(false);
    // A party member does neither (and has signed for this entry already).
    expect(shown(met, viewer(['party-member'], 'party-organisation'))).toEqual(['nothingToDo']);
  });

  it('an open vote is offered to owners and the building lead only', () => {
    const vote = { resolutionId: 'r-1', title: '决议', closesAt: PAST };
    const c = caseIn('deliberation', { voting: vote });
    expect(nextActions(c, viewer(['resident'])).voting).toEqual(vote);
    expect(nextActions(c, viewer(['building-lead'])).voting).toEqual(vote);
    expect(nextActions(c, viewer(['resident'])).nothingToDo).toBe(false);
    expect(nextActions(c, viewer(['party-member'], 'property-company')).voting).toBeNull();
    expect(nextActions(caseIn('deliberation'), viewer(['resident'])).voting).toBeNull();
  });

  it('follow-up: the secretary assigns; a party sees its open tasks; residents evaluate once all are done', () => {
    const tasks = [task('t-1', 'property-company'), task('t-2', 'party-organisation', 'done')];
    const c = caseIn('follow-up', { tasks });
    expect(shown(c, viewer(['secretary']))).toEqual(['canAssign', 'secretary']);
    expect(nextActions(c, viewer(['party-member'], 'property-company')).myTasks).toEqual([
      tasks[0],
    ]);
    expect(nextActions(c, viewer(['resident'])).canEvaluate).toBe(false);
    const done = caseIn('follow-up', { tasks: [task('t-1', 'property-company', 'done')] });
    expect(shown(done, viewer(['resident']))).toEqual(['canEvaluate']);
    expect(nextActions(caseIn('follow-up'), viewer(['resident'])).canEvaluate).toBe(false);
  });

  it('a task is mine when open and my party’s; the secretary’s are the party organisation’s', () => {
    const pc = task('t-1', 'property-company');
    const po = task('t-2', 'party-organisation');
    expect(isMyOpenTask(pc, viewer(['party-member'], 'property-company'))).toBe(true);
    expect(isMyOpenTask(pc, viewer(['secretary']))).toBe(false);
    expect(isMyOpenTask(po, viewer(['secretary']))).toBe(true);
    expect(
      isMyOpenTask(
        task('t-3', 'property-company', 'done'),
        viewer(['party-member'], 'property-company'),
      ),
    ).toBe(false);
  });

  it('改派: the secretary or the lead party, on an open task in follow-up', () => {
    const open = task('t-1', 'property-company');
    const c = caseIn('follow-up', {
      tasks: [open],
      analysis: { leadParty: 'owners-committee' } as CaseDetail['analysis'],
    });
    expect(canReassign(c, open, viewer(['secretary']))).toBe(true);
    expect(canReassign(c, open, viewer(['party-member'], 'owners-committee'))).toBe(true);
    expect(canReassign(c, open, viewer(['party-member'], 'property-company'))).toBe(false);
    expect(canReassign(c, task('t-2', 'property-company', 'done'), viewer(['secretary']))).toBe(
      false,
    );
    const closed = { ...c, status: 'closed' } as CaseDetail;
    expect(canReassign(closed, open, viewer(['secretary']))).toBe(false);
  });

  it('opinions: the secretary, party members and residents post while the case is open', () => {
    const c = caseIn('analysis');
    expect(canPostOpinion(c, viewer(['resident']))).toBe(true);
    expect(canPostOpinion(c, viewer(['party-member'], 'property-company'))).toBe(true);
    expect(canPostOpinion(c, viewer(['grid-worker']))).toBe(false);
    expect(canPostOpinion({ ...c, status: 'closed' }, viewer(['secretary']))).toBe(false);
  });
});
