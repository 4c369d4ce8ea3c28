import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { PARTIES, type CaseCommand, type Party, type Stage } from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { CaseRepository } from '@yishi/cases';
import {
  BallotBox,
  CastBallotCommand,
  CloseVotingCommand,
  ResolutionRepository,
} from '@yishi/voting';
import { CastBallotHandler } from '../../libs/voting/src/cast-ballot/cast-ballot.handler';
import { CloseVotingHandler } from '../../libs/voting/src/close-voting/close-voting.handler';
import { VoteResults } from '../../libs/voting/src/vote-results';
import { bindInRegistry } from './bindings';

export interface CaseFixture {
  readonly caseId: string;
  readonly resolutionId: string;
  readonly taskId: string;
  readonly leadParty: Party;
  readonly assigneeParty: Party;
}

const HOUR = 3_600_000;
const actor = { actorId: 'test-fixture' };

/** Commands on one case as the fixture's actor (as a party when given), and two common steps. */
function caseCommands(store: EventStore, caseId: string) {
  const cases = new CaseRepository(store);
  const run = (command: CaseCommand, party?: Party) =>
    cases.execute(caseId, command, party === undefined ? actor : { ...actor, party });
  return {
    run,
    async acknowledgeAll(stage: Stage) {
      for (const party of PARTIES)
        await run({ type: 'Acknowledge', data: { party, stage } }, party);
    },
    advance: (to: Stage) => run({ type: 'EvaluateAdvance', data: { to } }),
  };
}

/**
 * A five-party case in deliberation: every party acknowledged every stage so far and the meeting
 * is recorded with all five, so a passed vote is all its gate still needs. Written through the
 * decider, as the API would, without HTTP.
 */
export async function caseInDeliberation(options: {
  store: EventStore;
  communityId: string;
  scope: { estate: string; building: string | null; entrance: string | null };
  leadParty?: Party;
  title?: string;
}): Promise<string> {
  const caseId = randomUUID();
  const { run, acknowledgeAll, advance } = caseCommands(options.store, caseId);
  await run({
    type: 'OpenCase',
    data: {
      caseId,
      communityId: options.communityId,
      mechanism: 'five-party-hall',
      title: options.title ?? '权限矩阵案件',
      description: '',
      category: '测试',
      scope: options.scope,
      settings: {
        acknowledgementHours: 48,
        reminderBeforeHours: 24,
        noticePeriodHours: 0,
        evaluationWindowHours: 168,
        satisfactionThreshold: { numerator: 2, denominator: 3 },
      },
    },
  });
  await run({
    type: 'SubmitDemand',
    data: { demandId: randomUUID(), content: '诉求', source: 'online' },
  });
  await acknowledgeAll('gathering');
  await advance('analysis');
  await run({
    type: 'RecordAnalysis',
    data: {
      summary: '研判',
      leadParty: options.leadParty ?? 'property-company',
      options: [{ title: '方案', description: '' }],
    },
  });
  await acknowledgeAll('analysis');
  await advance('deliberation');
  await acknowledgeAll('deliberation');
  await run({
    type: 'RecordMeeting',
    data: {
      meetingId: randomUUID(),
      heldAt: new Date(Date.now() - HOUR).toISOString(),
      place: '会议室',
      attendance: PARTIES.map((party) => ({ party, attendees: [randomUUID()] })),
      minutes: '',
    },
  });
  return caseId;
}

/** A case in deliberation whose resolution (simple majority, closing in a day) is open for votes. */
export async function caseWithOpenResolution(options: {
  store: EventStore;
  communityId: string;
  scope: { estate: string; building: string | null; entrance: string | null };
  leadParty: Party;
  assigneeParty: Party;
}): Promise<
  CaseFixture & {
    advance(to: Stage): Promise<unknown>;
    acknowledgeAll(stage: Stage): Promise<void>;
  }
> {
  const { store, leadParty, assigneeParty } = options;
  const caseId = await caseInDeliberation({
    store,
    communityId: options.communityId,
    scope: options.scope,
    leadParty,
  });
  const resolutionId = randomUUID();
  const taskId = randomUUID();
  const { run, acknowledgeAll, advance } = caseCommands(store, caseId);
  await run({
    type: 'DraftResolution',
    data: {
      resolutionId,
      title: '决议',
      text: '全文',
      rule: 'simple-majority',
      matter: 'ordinary',
      closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    },
  });
  return { caseId, resolutionId, taskId, leadParty, assigneeParty, advance, acknowledgeAll };
}

/**
 * A five-party case in follow-up with a passed resolution (one ballot, closed) and an open task:
 * real ids of every kind, for tests that need them rather than a walk through the stages (the
 * permission matrix). Written through the decider and the voting service, as the API would, but
 * without HTTP; the worker's reactions run as usual and find nothing left to do.
 */
export async function caseInFollowUp(options: {
  store: EventStore;
  pool: Pool;
  communityId: string;
  scope: { estate: string; building: string | null; entrance: string | null };
  /** An owner of a unit in the scope: casts the one ballot. */
  voterId: string;
  leadParty: Party;
  assigneeParty: Party;
}): Promise<CaseFixture> {
  const { store, pool, leadParty, assigneeParty } = options;
  const { caseId, resolutionId, taskId, advance, acknowledgeAll } =
    await caseWithOpenResolution(options);
  // The voting use cases' handlers outside a Nest container, as the command bus would run them.
  const cases = new CaseRepository(store);
  const resolutions = new ResolutionRepository(store, pool, cases);
  const ballots = new BallotBox(store, pool);
  const casting = new CastBallotHandler(resolutions, ballots, pool);
  const closing = new CloseVotingHandler(
    resolutions,
    new VoteResults(resolutions, ballots, cases, pool),
    cases,
  );
  const { run } = caseCommands(store, caseId);
  // An owner's own ballot needs a real-name binding (实名绑定) of the unit.
  const { rows: unbound } = await pool.query<{ unit_id: string }>(
    `SELECT o.unit_id FROM unit_owners o
      WHERE o.user_id = $1 AND o.community_id = $2 AND NOT EXISTS (
        SELECT 1 FROM unit_bindings b
         WHERE b.user_id = o.user_id AND b.unit_id = o.unit_id AND b.unbound_at IS NULL)`,
    [options.voterId, options.communityId],
  );
  await bindInRegistry(pool, {
    communityId: options.communityId,
    userId: options.voterId,
    unitIds: unbound.map((r) => r.unit_id),
  });
  await casting.execute(
    new CastBallotCommand(resolutionId, { userId: options.voterId }, { choice: 'for' }),
  );
  const result = await closing.execute(new CloseVotingCommand(resolutionId, actor, 'secretary'));
  if (!result.passed) throw new Error('the fixture vote should pass');
  // The queue may have moved the case into follow-up already; then this changes nothing.
  await advance('follow-up');
  await acknowledgeAll('follow-up');
  await run({
    type: 'AssignTask',
    data: {
      taskId,
      title: '任务',
      assigneeParty,
      dueAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
    },
  });
  return { caseId, resolutionId, taskId, leadParty, assigneeParty };
}
