import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  applyCorrections,
  correctionsOf,
  countableBallots,
  publishedUnits,
  WrongStageError,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { unitPlaces } from '@yishi/registry';
import { BallotBox } from '../ballot-box';
import { propertyUnitIds } from '../voting-jobs';
import { ResolutionRepository } from '../resolution.repository';
import { type Publication } from './publication';
import { PublicationQuery } from './publication.query';

/**
 * The publication (公示) of the result, preliminary or final: totals always; each unit's address,
 * area and choice only where the community votes openly (实名). Never a name, phone, ID number or
 * user id. 409 WRONG_STAGE before anything is published, or for a cancelled vote.
 */
@QueryHandler(PublicationQuery)
export class PublicationHandler implements IQueryHandler<PublicationQuery> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({ resolutionId }: PublicationQuery): Promise<Publication> {
    const voting = await this.resolutions.open(resolutionId);
    const record = await this.resolutions.resultRecord(resolutionId);
    const published = record.finalised ?? record.preliminary;
    if (
      published === null ||
      record.closed === null ||
      record.closed.trigger === 'case-closed' ||
      (record.finalised === null && (await this.resolutions.statusOnCase(voting)) === 'cancelled')
    ) {
      throw new WrongStageError('表决结果尚未公示', { resolutionId });
    }
    const final = record.finalised;
    const result = published.tally;
    let units: Publication['units'];
    if (published.disclosure === 'open') {
      const ballots = countableBallots(await this.ballots.all(resolutionId));
      const counted = final === null ? ballots : applyCorrections(ballots, final.corrections);
      const places = await unitPlaces(this.db, voting.communityId, propertyUnitIds(voting));
      const labels = new Map(places.map((u) => [u.id, u]));
      units = publishedUnits(voting, counted, 'open', labels);
    }
    return {
      resolutionId,
      title: voting.title,
      rule: voting.rule,
      matter: voting.matter,
      closedAt: record.closed.closedAt,
      phase: final === null ? 'preliminary' : 'final',
      publishedAt: final?.finalisedAt ?? record.preliminary?.publishedAt ?? record.closed.closedAt,
      preliminaryPublishedAt: record.preliminary?.publishedAt ?? null,
      objectionUntil: record.preliminary?.objectionUntil ?? null,
      disclosure: published.disclosure,
      totals: {
        electorate: result.electorate,
        participated: result.participated,
        for: result.for,
        against: result.against,
        abstain: result.abstain,
      },
      thresholds: result.thresholds,
      passed: result.passed,
      explanation: result.explanation,
      objections: {
        filed: record.objections.length,
        answered: record.objections.filter((o) => o.answer !== null).length,
        upheld: record.objections.filter((o) => o.answer?.upheld === true).length,
        corrections: final?.corrections.length ?? correctionsOf(record).length,
      },
      ...(units === undefined ? {} : { units }),
    };
  }
}
