import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { ObjectionList, ResolutionView, TallyResponse } from '../voting.dto';
import { ObjectionsQuery, ResolutionQuery, TallyQuery } from './resolution.query';

/** Reads of a vote, strongly consistent: straight from the resolution's and ballots' streams. */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class ResolutionQueriesController {
  constructor(private readonly queries: QueryBus) {}

  /** The resolution, and `me`: the units the caller may vote for and their ballots, on every read. */
  @Get()
  @Can('resolutions.read')
  @ApiOperation({ summary: 'Read a resolution, with the caller’s own standing and ballots (me)' })
  @ApiOkResponse({ type: ResolutionView })
  async read(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
  ): Promise<ResolutionView> {
    const { me, ...resolution } = await this.queries.execute(
      new ResolutionQuery(resolutionId, { userId: auth.user.id, boundUnitIds: auth.boundUnitIds }),
    );
    return {
      ...resolution,
      me: {
        eligibleUnitIds: [...me.eligibleUnitIds],
        units: me.units.map((u) => ({ ...u })),
        ballots: me.ballots.map((b) => ({ ...b })),
        reason: me.reason === null ? null : { ...me.reason },
      },
    };
  }

  /** Recomputed from the ballots: while open the running count, after the close the result. */
  @Get('tally')
  @Can('resolutions.tally')
  @ApiOkResponse({ type: TallyResponse })
  tally(@Param('resolutionId') resolutionId: string): Promise<TallyResponse> {
    return this.queries.execute(new TallyQuery(resolutionId));
  }

  /** Objections (询异): a secretary's (and the admin's) list is all; anyone else's, their own. */
  @Get('objections')
  @ApiOperation({ summary: "a resolution's objections (询异)" })
  @Can('resolutions.objections')
  @ApiOkResponse({ type: ObjectionList })
  async objections(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
  ): Promise<ObjectionList> {
    const all =
      auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false) === true;
    const items = await this.queries.execute(
      new ObjectionsQuery(resolutionId, { userId: auth.user.id, all }),
    );
    return {
      items: items.map((o) => ({
        id: o.objectionId,
        unitId: o.unitId,
        filedBy: o.filedBy,
        proxyId: o.proxyId ?? null,
        content: o.content,
        filedAt: o.filedAt,
        answer: o.answer,
      })),
    };
  }
}
