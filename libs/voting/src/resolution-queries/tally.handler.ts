import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { correctionsOf } from '@yishi/domain';
import { BallotBox } from '../ballot-box';
import { ResolutionRepository } from '../resolution.repository';
import { type TallyView } from '../voting.types';
import { TallyQuery } from './resolution.query';

/**
 * GET /resolutions/:id/tally: while open, the running count; during the objection period, the
 * ballots with the corrections so far (`final: false`); once final, the final result.
 */
@QueryHandler(TallyQuery)
export class TallyHandler implements IQueryHandler<TallyQuery> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
  ) {}

  async execute({ resolutionId }: TallyQuery): Promise<TallyView> {
    const voting = await this.resolutions.open(resolutionId);
    const record = await this.resolutions.resultRecord(resolutionId);
    if (record.finalised !== null) return { ...record.finalised.tally, resolutionId, final: true };
    const result = await this.ballots.count(voting, correctionsOf(record));
    // Closed and unsettled (a crash between the two) reads as before: final at the close.
    const final = record.closed !== null && record.preliminary === null;
    return { ...result, resolutionId, final };
  }
}
