import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { objectionPeriodOf, resultPhase } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/cases';
import { BallotBox } from './ballot-box';
import { ResolutionRepository } from './resolution.repository';
import { type ResolutionView } from './voting.types';

/** The resolution as read now: shared by its view and by the ballot sheets' "still open" check. */
@Injectable()
export class ResolutionQueries {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    private readonly cases: CaseRepository,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /**
   * GET /resolutions/:id: the resolution, its status and the frozen electorate's totals. Like every
   * use of a resolution here it goes through `open`, so a freeze the API and the worker both missed
   * (a crash right after the draft) is completed by the first reader rather than reported missing.
   */
  async read(resolutionId: string): Promise<ResolutionView> {
    const voting = await this.resolutions.open(resolutionId);
    const [{ state }, record] = await Promise.all([
      this.cases.load(voting.caseId),
      this.resolutions.resultRecord(resolutionId),
    ]);
    const closed = record.closed ?? undefined;
    let status = state?.resolutions.find((r) => r.id === resolutionId)?.status ?? 'open';
    // Final, and the result not on the case yet (the worker records it in a moment): the outcome
    // is already what the final tally says. During the objection period it stays open.
    if (status === 'open' && record.finalised !== null) {
      status = record.finalised.tally.passed ? 'passed' : 'failed';
    } else if (status === 'open' && closed !== undefined && record.preliminary === null) {
      // Closed and not yet settled (a crash between the two): as before, the ballots are final.
      const period = objectionPeriodOf(await readSettings(this.db, voting.communityId));
      if ('none' in period)
        status = (await this.ballots.count(voting)).passed ? 'passed' : 'failed';
    }
    const totals = voting.electorate.totals;
    const preliminary = record.preliminary;
    return {
      id: voting.resolutionId,
      caseId: voting.caseId,
      communityId: voting.communityId,
      title: voting.title,
      text: voting.text,
      rule: voting.rule,
      matter: voting.matter,
      status,
      closesAt: voting.closesAt,
      openedAt: voting.openedAt,
      closedAt: closed?.closedAt ?? null,
      phase: status === 'cancelled' ? 'cancelled' : resultPhase(record),
      preliminary:
        preliminary === null
          ? null
          : {
              tally: preliminary.tally,
              publishedAt: preliminary.publishedAt,
              objectionUntil: preliminary.objectionUntil,
            },
      electorate: {
        units: totals.units,
        owners: totals.owners,
        area: totals.area,
        areaHundredths: totals.areaHundredths,
      },
      ...(voting.options === undefined || voting.options === null
        ? {}
        : { options: voting.options.map((o) => ({ title: o.title })) }),
    };
  }
}
