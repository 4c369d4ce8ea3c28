import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { recordVisit } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { canvassesUnit, insertVisit } from '@yishi/registry';
import { ResolutionRepository } from '../resolution.repository';
import { CanvassListQuery, RecordVisitCommand, TurnoutQuery } from './canvass.commands';
import {
  CanvassService,
  visitView,
  type CanvassList,
  type TurnoutView,
  type VisitView,
} from './canvass.service';

/** POST /resolutions/:id/canvass/visits: one visit, by a canvasser of the unit's building. */
@CommandHandler(RecordVisitCommand)
export class RecordVisitHandler implements ICommandHandler<RecordVisitCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({ resolutionId, caller, request }: RecordVisitCommand): Promise<VisitView> {
    const voting = await this.resolutions.open(resolutionId);
    const unitId = typeof request.unitId === 'string' ? request.unitId : '';
    const [closed, canvasses] = await Promise.all([
      this.resolutions.closedForBallots(voting),
      caller.seesAll || unitId === ''
        ? caller.seesAll
        : canvassesUnit(this.db, voting.communityId, caller.userId, unitId),
    ]);
    const visit = recordVisit(
      voting,
      { closed },
      request,
      { userId: caller.userId, canvassesUnit: canvasses },
      new Date().toISOString(),
    );
    return visitView(await insertVisit(this.db, voting.communityId, visit));
  }
}

@QueryHandler(CanvassListQuery)
export class CanvassListHandler implements IQueryHandler<CanvassListQuery> {
  constructor(private readonly canvass: CanvassService) {}

  execute({ resolutionId, caller, filter }: CanvassListQuery): Promise<CanvassList> {
    return this.canvass.list(resolutionId, caller, filter);
  }
}

@QueryHandler(TurnoutQuery)
export class TurnoutHandler implements IQueryHandler<TurnoutQuery> {
  constructor(private readonly canvass: CanvassService) {}

  execute({ resolutionId, filter }: TurnoutQuery): Promise<TurnoutView> {
    return this.canvass.turnout(resolutionId, filter);
  }
}
