import {
  CANVASS_STATUSES,
  percentAgainst,
  type CanvassStatus,
  type ElectorateUnit,
  type TurnoutMeasure,
  type VotingOpened,
} from '@yishi/domain';
import { areaNumber, type StoredVisit, type UnitPlace } from '@yishi/registry';

/* What the canvass list and the turnout board show, and the pure helpers that build them. */

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

const NOWHERE: UnitPlace = { estate: '', building: '', entrance: '', room: '' };

export function placeOf(places: ReadonlyMap<string, UnitPlace>, unitId: string): UnitPlace {
  return places.get(unitId) ?? NOWHERE;
}

export function buildingKey(p: { estate: string; building: string }): string {
  return `${p.estate}\u0000${p.building}`;
}

export function inScope(
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

export function emptyCounts(): CanvassCounts {
  return Object.fromEntries(CANVASS_STATUSES.map((s) => [s, 0])) as CanvassCounts;
}

export function areaView(m: TurnoutMeasure): AreaMeasureView {
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

export function headcountView(m: TurnoutMeasure): HeadcountMeasureView {
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
