import { randomUUID } from 'node:crypto';
import { PARTIES, type CaseCommand, type Party, type Stage } from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { CaseRepository } from '@yishi/cases';

export interface BenchCaseOptions {
  readonly title: string;
  readonly scope: { readonly estate: string; readonly building: string | null };
  /** `gathering`: a demand in and every party's acknowledgement, ready to move to analysis. */
  readonly until: 'gathering' | 'deliberation';
}

/**
 * A five-party case written through the decider as the API would (every party acknowledging every
 * stage it passes): the benches and chaos tests measure what comes next, not the walk through the
 * stages. Returns the case id.
 */
export async function benchCase(
  cases: CaseRepository,
  communityId: string,
  options: BenchCaseOptions,
): Promise<string> {
  const caseId = randomUUID();
  const actor = { actorId: 'bench' };
  const run = (command: CaseCommand, party?: Party) =>
    cases.execute(caseId, command, party === undefined ? actor : { ...actor, party });
  const acknowledgeAll = async (stage: Stage) => {
    for (const party of PARTIES) await run({ type: 'Acknowledge', data: { party, stage } }, party);
  };
  await run({
    type: 'OpenCase',
    data: {
      caseId,
      communityId,
      mechanism: 'five-party-hall',
      title: options.title,
      description: '',
      category: '物业管理',
      scope: { ...options.scope, entrance: null },
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
    data: { demandId: randomUUID(), content: '续聘物业', source: 'online' },
  });
  await acknowledgeAll('gathering');
  if (options.until === 'gathering') return caseId;
  await run({ type: 'EvaluateAdvance', data: { to: 'analysis' } });
  await run({
    type: 'RecordAnalysis',
    data: {
      summary: '研判',
      leadParty: 'owners-committee',
      options: [{ title: '续聘', description: '' }],
    },
  });
  await acknowledgeAll('analysis');
  await run({ type: 'EvaluateAdvance', data: { to: 'deliberation' } });
  await acknowledgeAll('deliberation');
  await run({
    type: 'RecordMeeting',
    data: {
      meetingId: randomUUID(),
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: '社区议事厅',
      attendance: PARTIES.map((party) => ({ party, attendees: [randomUUID()] })),
      minutes: '',
    },
  });
  return caseId;
}

/** A case in deliberation over the whole estate, its meeting recorded: ready for a resolution. */
export function benchCaseInDeliberation(
  store: EventStore,
  communityId: string,
  estate: string,
): Promise<string> {
  return benchCase(new CaseRepository(store), communityId, {
    title: '压测：全小区表决',
    scope: { estate, building: null },
    until: 'deliberation',
  });
}
