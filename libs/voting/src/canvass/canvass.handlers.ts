import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  canvassStatus,
  ForbiddenError,
  NotFoundError,
  recordVisit,
  turnout,
  type CanvassStatus,
  type ElectorateUnit,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { areaNumber, canvassesUnit, insertVisit, latestVisits } from '@yishi/registry';
import { ResolutionRepository } from '../resolution.repository';
import { CanvassListQuery, RecordVisitCommand, TurnoutQuery } from './canvass.commands';
import { CanvassService } from './canvass.service';
import {
  areaView,
  buildingKey,
  emptyCounts,
  headcountView,
  inScope,
  placeOf,
  visitView,
  type CanvassCounts,
  type CanvassList,
  type CanvassUnitView,
  type TurnoutView,
  type VisitView,
} from './canvass.views';

/** Visits shown per unit on the canvass list. */
const VISITS_SHOWN = 3;

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

/** GET /resolutions/:id/canvass: the units of the caller's buildings with status and visits. */
@QueryHandler(CanvassListQuery)
export class CanvassListHandler implements IQueryHandler<CanvassListQuery> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly canvass: CanvassService,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({ resolutionId, caller, filter }: CanvassListQuery): Promise<CanvassList> {
    const voting = await this.resolutions.open(resolutionId);
    const [places, voted, visits, closed, mine] = await Promise.all([
      this.canvass.placesOf(voting),
      this.canvass.votedUnits(resolutionId),
      latestVisits(this.db, resolutionId, VISITS_SHOWN),
      this.resolutions.closedForBallots(voting),
      caller.seesAll ? undefined : this.canvass.buildingsOf(voting.communityId, caller.userId),
    ]);
    if (
      mine !== undefined &&
      filter.building !== undefined &&
      ![...mine].some((key) => key.endsWith(`\u0000${filter.building}`))
    )
      throw new ForbiddenError('只能查看本人负责楼栋的扫楼情况', { building: filter.building });
    const units = inScope(voting, places, filter).filter(
      (u) => mine === undefined || mine.has(buildingKey(placeOf(places, u.unitId))),
    );
    const counts = emptyCounts();
    const items = units.map((u): CanvassUnitView => {
      const unitVisits = visits.get(u.unitId) ?? [];
      const status = canvassStatus(voted.has(u.unitId), unitVisits[0]?.outcome ?? null);
      counts[status] += 1;
      return {
        unitId: u.unitId,
        ...placeOf(places, u.unitId),
        area: areaNumber(u.areaHundredths),
        areaHundredths: u.areaHundredths,
        status,
        visits: unitVisits.map(visitView),
      };
    });
    return { resolutionId, final: closed, counts, units: items };
  }
}

/**
 * GET /resolutions/:id/turnout: participation against two thirds over the estate (the whole
 * electorate) or one building, per building, and the closers. `estate` and `building` narrow the
 * scope; a scope without units of the electorate is 404.
 */
@QueryHandler(TurnoutQuery)
export class TurnoutHandler implements IQueryHandler<TurnoutQuery> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly canvass: CanvassService,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({ resolutionId, filter }: TurnoutQuery): Promise<TurnoutView> {
    const voting = await this.resolutions.open(resolutionId);
    const [places, voted, visits, closed] = await Promise.all([
      this.canvass.placesOf(voting),
      this.canvass.votedUnits(resolutionId),
      latestVisits(this.db, resolutionId, 1),
      this.resolutions.closedForBallots(voting),
    ]);
    const units = inScope(voting, places, filter);
    if (units.length === 0)
      throw new NotFoundError('该范围内没有参与本次表决的房屋', {
        estate: filter.estate ?? null,
        building: filter.building ?? null,
      });
    const statusOf = (u: ElectorateUnit): CanvassStatus =>
      canvassStatus(voted.has(u.unitId), visits.get(u.unitId)?.[0]?.outcome ?? null);
    const countsOf = (list: readonly ElectorateUnit[]): CanvassCounts => {
      const counts = emptyCounts();
      for (const u of list) counts[statusOf(u)] += 1;
      return counts;
    };
    const whole = turnout(units, voted);
    const byBuilding = new Map<string, ElectorateUnit[]>();
    for (const u of units) {
      const key = buildingKey(placeOf(places, u.unitId));
      const list = byBuilding.get(key) ?? [];
      list.push(u);
      byBuilding.set(key, list);
    }
    const unitsById = new Map(units.map((u) => [u.unitId, u]));
    return {
      resolutionId,
      final: closed,
      closesAt: voting.closesAt,
      scope: { estate: filter.estate ?? null, building: filter.building ?? null },
      units: whole.units,
      byArea: areaView(whole.area),
      byHeadcount: headcountView(whole.owners),
      reached: whole.reached,
      canvass: countsOf(units),
      closers: whole.closers.map((c) => ({
        units: c.unitIds.map((unitId) => {
          const hundredths = unitsById.get(unitId)?.areaHundredths ?? 0;
          return {
            unitId,
            ...placeOf(places, unitId),
            area: areaNumber(hundredths),
            areaHundredths: hundredths,
          };
        }),
        area: areaNumber(c.areaHundredths),
        areaHundredths: c.areaHundredths,
        addsOwner: c.addsOwner,
      })),
      perBuilding: [...byBuilding.values()].map((list) => {
        const place = placeOf(places, list[0]?.unitId ?? '');
        const t = turnout(list, voted);
        return {
          estate: place.estate,
          building: place.building,
          units: t.units,
          byArea: areaView(t.area),
          byHeadcount: headcountView(t.owners),
          reached: t.reached,
          canvass: countsOf(list),
        };
      }),
    };
  }
}
