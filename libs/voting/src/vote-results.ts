import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  AlreadyExistsError,
  ConcurrencyConflictError,
  correctionsOf,
  finalisationDue,
  foldResult,
  objectionPeriodOf,
  objectionUntil,
  WrongStageError,
  type JsonValue,
  type PreliminaryResultPublished,
  type ResultFinalised,
  type VotingOpened,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/cases';
import { BallotBox } from './ballot-box';
import { ResolutionRepository } from './resolution.repository';
import { type Actor, type TallyView } from './voting.types';

/**
 * The result of a vote after its ballot box closed: published as preliminary (with an objection
 * period) or final at once, finalised when the period is over and every objection answered, and
 * recorded on the case. Shared by closing the vote, answering an objection and the worker's jobs;
 * every step is idempotent, so the worker may repeat what the API did.
 */
@Injectable()
export class VoteResults {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    private readonly cases: CaseRepository,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /**
   * After the close, once: with an objection period (community settings), the preliminary result
   * is published (PreliminaryResultPublished, with `objectionUntil` on the Chinese calendar);
   * without one the result is final at once (ResultFinalised) and recorded on the case. Then, and
   * on every later call, whatever is final is (again) recorded on the case: the same result
   * recorded twice changes nothing, so the worker may repeat what the API did.
   */
  async settle(resolutionId: string, actor: Actor): Promise<TallyView> {
    const voting = await this.resolutions.open(resolutionId);
    for (let attempt = 1; ; attempt++) {
      const events = await this.resolutions.events(resolutionId);
      const record = foldResult(events);
      if (record.closed === null) throw new WrongStageError('表决尚未结束', { resolutionId });
      if (record.closed.trigger === 'case-closed')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      if (record.finalised !== null) return this.recordFinal(voting, record.finalised, actor);
      if (record.preliminary !== null)
        return { ...record.preliminary.tally, resolutionId, final: false };
      const settings = await readSettings(this.db, voting.communityId);
      const result = await this.ballots.count(voting);
      const now = new Date().toISOString();
      const until = objectionUntil(now, objectionPeriodOf(settings));
      const status = await this.resolutions.statusOnCase(voting);
      if (status === 'cancelled')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      // A result on the case already (recorded before objection periods existed): final.
      const recorded = status !== 'open';
      const event: PreliminaryResultPublished | ResultFinalised =
        until === null || recorded
          ? {
              type: 'ResultFinalised',
              data: {
                resolutionId,
                tally: result,
                corrections: [],
                finalisedAt: now,
                disclosure: settings.ballotDisclosure,
                trigger: 'at-close',
              },
            }
          : {
              type: 'PreliminaryResultPublished',
              data: {
                resolutionId,
                tally: result,
                publishedAt: now,
                objectionUntil: until,
                disclosure: settings.ballotDisclosure,
              },
            };
      try {
        await this.resolutions.appendResult(events, [event], actor.actorId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      if (event.type === 'ResultFinalised') return this.recordFinal(voting, event.data, actor);
      return { ...result, resolutionId, final: false };
    }
  }

  /**
   * The objection period is over and every objection answered: the final result, the ballots with
   * each upheld correction applied (ResultFinalised), recorded on the case (VoteRecorded), which
   * then advances on it. Returns undefined while not due (the period runs, or an objection waits
   * for its answer). Idempotent.
   */
  async finalise(resolutionId: string, actor: Actor): Promise<TallyView | undefined> {
    const voting = await this.resolutions.open(resolutionId);
    for (let attempt = 1; ; attempt++) {
      const events = await this.resolutions.events(resolutionId);
      const record = foldResult(events);
      if (record.finalised !== null) return this.recordFinal(voting, record.finalised, actor);
      const now = new Date().toISOString();
      if (!finalisationDue(record, now)) return undefined;
      if ((await this.resolutions.statusOnCase(voting)) === 'cancelled')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      const corrections = correctionsOf(record);
      const result = await this.ballots.count(voting, corrections);
      const finalised: ResultFinalised = {
        type: 'ResultFinalised',
        data: {
          resolutionId,
          tally: result,
          corrections,
          finalisedAt: now,
          disclosure: record.preliminary?.disclosure ?? 'totals',
          trigger: 'objection-period-over',
        },
      };
      try {
        await this.resolutions.appendResult(events, [finalised], actor.actorId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      return this.recordFinal(voting, finalised.data, actor);
    }
  }

  /**
   * Records a final result on the case (RecordVoteResult with its tally). The same result recorded
   * twice changes nothing; a different one already there is ALREADY_EXISTS.
   */
  private async recordFinal(
    voting: VotingOpened['data'],
    finalised: ResultFinalised['data'],
    actor: Actor,
  ): Promise<TallyView> {
    const resolutionId = voting.resolutionId;
    const result = finalised.tally;
    const view: TallyView = { ...result, resolutionId, final: true };
    const { state } = await this.cases.load(voting.caseId);
    const recorded = state?.resolutions.find((r) => r.id === resolutionId);
    if (recorded?.status === 'cancelled') {
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    }
    if (recorded !== undefined && recorded.status !== 'open') {
      // On the case already (the case may have moved on, or closed, since).
      if ((recorded.status === 'passed') !== result.passed) {
        throw new AlreadyExistsError('表决结果已记录，与计票结果不符', {
          resolutionId,
          status: recorded.status,
        });
      }
      return view;
    }
    const settings = await readSettings(this.db, voting.communityId);
    await this.cases.execute(
      voting.caseId,
      {
        type: 'RecordVoteResult',
        data: {
          resolutionId,
          passed: result.passed,
          tally: JSON.parse(JSON.stringify(result)) as { [key: string]: JsonValue },
          settings,
        },
      },
      actor,
    );
    return view;
  }
}
