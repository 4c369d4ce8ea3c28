import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  canvassStatus,
  CANVASS_STATUSES,
  ForbiddenError,
  NotFoundError,
  percentAgainst,
  turnout,
  type CanvassStatus,
  type ElectorateUnit,
  type TurnoutMeasure,
  type VotingOpened,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import {
  areaNumber,
  latestVisits,
  leadBuildings,
  unitPlaces,
  type StoredVisit,
  type UnitPlace,
} from '@yishi/registry';
import { BallotBox } from '../ballot-box';
import { ResolutionRepository } from '../resolution.repository';

/** Visits shown per unit on the canvass list. */
const VISITS_SHOWN = 3;

/** Where the units of a resolution are, remembered per process (a board is read often). */
const PLACES_CACHE_SIZE = 64;

/** Who asks: a secretary (or the platform admin) sees every building; others their own. */
export interface Canvasser {
  readonly userId: string;
  readonly seesAll: boolean;
}

export interface BoardFilter {
  readonly estate?: string | undefined;
  readonly building?: string | undefined;
}

export type CanvassCounts = Record<CanvassStatus, number>;

export interface VisitView {
  readonly id: string;
  readonly unitId: string;
  readonly channel: StoredVisit['channel'];
  readonly outcome: StoredVisit['outcome'];
  readonly note: string | null;
  readonly visitedAt: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** A unit on the canvass list: where it is, its area, its status; never who owns it. */
export interface CanvassUnitView extends UnitPlace {
  readonly unitId: string;
  readonly area: number;
  readonly areaHundredths: number;
  readonly status: CanvassStatus;
  /** The latest visits, newest first (at most three). */
  readonly visits: readonly VisitView[];
}

export interface CanvassList {
  readonly resolutionId: string;
  /** The ballot box is closed: the list is history. */
  readonly final: boolean;
  readonly counts: CanvassCounts;
  readonly units: readonly CanvassUnitView[];
}

export interface AreaMeasureView {
  readonly participated: number;
  readonly participatedHundredths: number;
  readonly electorate: number;
  readonly electorateHundredths: number;
  readonly required: number;
  readonly requiredHundredths: number;
  readonly gap: number;
  readonly gapHundredths: number;
  readonly percent: string | null;
  readonly reached: boolean;
}

export interface HeadcountMeasureView {
  readonly participated: number;
  readonly electorate: number;
  readonly required: number;
  readonly gap: number;
  readonly percent: string | null;
  readonly reached: boolean;
}

export interface CloserView {
  /** One owner's units in scope that have not voted (the owner is never named). */
  readonly units: readonly (UnitPlace & {
    readonly unitId: string;
    readonly area: number;
    readonly areaHundredths: number;
  })[];
  readonly area: number;
  readonly areaHundredths: number;
  /** Their ballot adds an owner to the headcount (otherwise area only). */
  readonly addsOwner: boolean;
}

export interface BuildingTurnoutView {
  readonly estate: string;
  readonly building: string;
  readonly units: { readonly total: number; readonly voted: number };
  readonly byArea: AreaMeasureView;
  readonly byHeadcount: HeadcountMeasureView;
  readonly reached: boolean;
  readonly canvass: CanvassCounts;
}

export interface TurnoutView {
  readonly resolutionId: string;
  readonly final: boolean;
  readonly closesAt: string;
  readonly scope: { readonly estate: string | null; readonly building: string | null };
  readonly units: { readonly total: number; readonly voted: number };
  readonly byArea: AreaMeasureView;
  readonly byHeadcount: HeadcountMeasureView;
  /** Two thirds by area and by headcount. */
  readonly reached: boolean;
  readonly canvass: CanvassCounts;
  /** The fewest owners whose ballots would close both gaps, largest area first. */
  readonly closers: readonly CloserView[];
  readonly perBuilding: readonly BuildingTurnoutView[];
}

/**
 * The reads of canvassing (扫楼) and the live turnout board of a vote (issue 9), over the frozen
 * snapshot: the board is computed on read from the ballots (one index lookup) and the latest
 * visits (one index scan), against the electorate frozen when voting opened. One per process: it
 * remembers where each vote's units are.
 */
@Injectable()
export class CanvassService {
  private readonly places = new Map<string, Map<string, UnitPlace>>();

  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /** GET /resolutions/:id/canvass: the units of the caller's buildings with status and visits. */
  async list(resolutionId: string, caller: Canvasser, filter: BoardFilter): Promise<CanvassList> {
    const voting = await this.resolutions.open(resolutionId);
    const [places, voted, visits, closed, mine] = await Promise.all([
      this.placesOf(voting),
      this.votedUnits(resolutionId),
      latestVisits(this.db, resolutionId, VISITS_SHOWN),
      this.resolutions.closedForBallots(voting),
      caller.seesAll ? undefined : this.buildingsOf(voting.communityId, caller.userId),
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

  /**
   * GET /resolutions/:id/turnout: participation against two thirds over the estate (the whole
   * electorate) or one building, per building, and the closers. `estate` and `building` narrow the
   * scope; a scope without units of the electorate is 404.
   */
  async turnout(resolutionId: string, filter: BoardFilter): Promise<TurnoutView> {
    const voting = await this.resolutions.open(resolutionId);
    const [places, voted, visits, closed] = await Promise.all([
      this.placesOf(voting),
      this.votedUnits(resolutionId),
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

  /** Units with a ballot: one lookup in the partial index on BallotCast by resolution. */
  votedUnits(resolutionId: string): Promise<Set<string>> {
    return this.ballots.votedUnits(resolutionId);
  }

  /** Where the electorate's units are; read once per resolution and process. */
  async placesOf(voting: VotingOpened['data']): Promise<Map<string, UnitPlace>> {
    const known = this.places.get(voting.resolutionId);
    if (known !== undefined) return known;
    const units = await unitPlaces(
      this.db,
      voting.communityId,
      voting.electorate.units.map((u) => u.unitId),
    );
    const places = new Map<string, UnitPlace>(units.map((u) => [u.id, u]));
    if (this.places.size >= PLACES_CACHE_SIZE) {
      const oldest = this.places.keys().next();
      if (oldest.done !== true) this.places.delete(oldest.value);
    }
    this.places.set(voting.resolutionId, places);
    return places;
  }

  private async buildingsOf(communityId: string, userId: string): Promise<Set<string>> {
    return new Set((await leadBuildings(this.db, communityId, userId)).map(buildingKey));
  }
}

const NOWHERE: UnitPlace = { estate: '', building: '', entrance: '', room: '' };

function placeOf(places: ReadonlyMap<string, UnitPlace>, unitId: string): UnitPlace {
  return places.get(unitId) ?? NOWHERE;
}

function buildingKey(p: { estate: string; building: string }): string {
  return `${p.estate}\u0000${p.building}`;
}

function inScope(
  voting: VotingOpened['data'],
  places: ReadonlyMap<string, UnitPlace>,
  filter: BoardFilter,
): ElectorateUnit[] {
  return voting.electorate.units.filter((u) => {
    const p = placeOf(places, u.unitId);
    return (
      (filter.estate === undefined || p.estate === filter.estate) &&
      (filter.building === undefined || p.building === filter.building)
    );
  });
}

function emptyCounts(): CanvassCounts {
  return Object.fromEntries(CANVASS_STATUSES.map((s) => [s, 0])) as CanvassCounts;
}

function areaView(m: TurnoutMeasure): AreaMeasureView {
  return {
    participated: areaNumber(m.participated),
    participatedHundredths: m.participated,
    electorate: areaNumber(m.electorate),
    electorateHundredths: m.electorate,
    required: areaNumber(m.required),
    requiredHundredths: m.required,
    gap: areaNumber(m.gap),
    gapHundredths: m.gap,
    percent: percentAgainst(m.participated, m.electorate, 'at-least', '2/3'),
    reached: m.reached,
  };
}

function headcountView(m: TurnoutMeasure): HeadcountMeasureView {
  return {
    participated: m.participated,
    electorate: m.electorate,
    required: m.required,
    gap: m.gap,
    percent: percentAgainst(m.participated, m.electorate, 'at-least', '2/3'),
    reached: m.reached,
  };
}

/** A stored visit as the API shows it. */
export function visitView(v: StoredVisit): VisitView {
  return {
    id: v.id,
    unitId: v.unitId,
    channel: v.channel,
    outcome: v.outcome,
    note: v.note,
    visitedAt: v.visitedAt,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt,
  };
}
