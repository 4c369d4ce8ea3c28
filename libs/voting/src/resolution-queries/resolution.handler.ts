import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { indexOf, PARTY_LABELS, type Party } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { boundUnitIds, ledUnitIds, proxiedUnitIds, unitPlaces } from '@yishi/registry';
import { BallotBox } from '../ballot-box';
import { isUserId, propertyUnitIds } from '../voting-jobs';
import { noStandingMessage, ownersVote } from '../decision-kinds';
import { ResolutionRepository } from '../resolution.repository';
import { ResolutionQueries } from '../resolution.queries';
import { type MyStanding, type MyVote, type ResolutionView, type Voter } from '../voting.types';
import { ResolutionQuery } from './resolution.query';

/** The resolution as read now, with `me`: the caller's side of the vote, on every read. */
@QueryHandler(ResolutionQuery)
export class ResolutionHandler implements IQueryHandler<ResolutionQuery> {
  constructor(
    private readonly queries: ResolutionQueries,
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    resolutionId,
    voter,
  }: ResolutionQuery): Promise<ResolutionView & { readonly me: MyVote }> {
    const resolution = await this.queries.read(resolutionId);
    return { ...resolution, me: await this.mine(resolutionId, voter) };
  }

  /**
   * The caller's standing in the vote and their ballots (see MyVote), read now: bindings, proxies
   * and building leads as the registry says today, ownership as the frozen electorate says (as
   * casting a ballot decides). The ballots are the latest of each unit's stream, so an owner who
   * voted sees it on every reload.
   */
  private async mine(resolutionId: string, voter: Voter): Promise<MyVote> {
    const voting = await this.resolutions.open(resolutionId);
    const index = indexOf(voting.electorate);
    const owned = (index.byOwner.get(voter.userId) ?? []).map((u) => u.unitId);
    const [bound, proxied, led] = await Promise.all([
      voter.boundUnitIds ?? boundUnitIds(this.db, voter.userId),
      proxiedUnitIds(this.db, voter.userId, new Date()),
      ledUnitIds(this.db, voter.userId, propertyUnitIds(voting)),
    ]);
    const standing = new Map<string, MyStanding>();
    // A poll's household or a council's party answers without a real-name binding of a unit.
    const ownersRule = ownersVote(voting);
    for (const unitId of owned) if (!ownersRule || bound.has(unitId)) standing.set(unitId, 'owner');
    for (const unitId of proxied)
      if (index.byUnit.has(unitId) && !owned.includes(unitId)) standing.set(unitId, 'proxy');
    for (const unitId of led) if (!standing.has(unitId)) standing.set(unitId, 'building-lead');
    const shown = [...new Set([...owned, ...standing.keys()])];
    const [ballots, places] = await Promise.all([
      this.ballots.latest(resolutionId, shown),
      unitPlaces(this.db, voting.communityId, shown.filter(isUserId)),
    ]);
    const labels = new Map(places.map((p) => [p.id, `${p.building}${p.entrance}${p.room}室`]));
    if (voting.rule === 'council')
      for (const unitId of owned) labels.set(unitId, PARTY_LABELS[unitId as Party]);
    const unbound = ownersRule ? owned.filter((unitId) => !bound.has(unitId)) : [];
    const reason =
      unbound.length > 0
        ? {
            code: 'BINDING_REQUIRED' as const,
            message: '请先完成实名绑定（产权证号与身份证号核验，或书记审核）再投票',
          }
        : standing.size === 0
          ? { code: 'FORBIDDEN' as const, message: noStandingMessage(voting.rule) }
          : null;
    // In the electorate's order, so a page lists them as the canvass does.
    const order = voting.electorate.units.map((u) => u.unitId).filter((id) => standing.has(id));
    return {
      eligibleUnitIds: order,
      units: order.map((unitId) => ({
        unitId,
        label: labels.get(unitId) ?? '房屋',
        as: standing.get(unitId) ?? 'owner',
      })),
      ballots: ballots.map((b) => ({
        unitId: b.unitId,
        choice: b.choice,
        ...(b.option === undefined ? {} : { option: b.option }),
        channel: b.channel,
        castAt: b.castAt,
        byOwner: b.byOwner,
      })),
      reason,
    };
  }
}
