/**
 * Who may read which demands of a community (docs/demands.md): the secretary and party members all
 * of them; a resident (owner or tenant) those they submitted and those recorded on behalf of their
 * units; a grid worker those of their grids; a unit, neighbour or building lead those of the units
 * or buildings they lead; an assignee the ones given to them; everyone the ones they recorded.
 * One rule, as a predicate for one demand and as SQL over `demand_views` for the ledger.
 */
import { type GridBuilding } from '@yishi/registry';

export interface DemandViewer {
  readonly userId: string;
  /** The secretary and party members read the whole ledger. */
  readonly all: boolean;
  /** A resident's own units (owned or rented). */
  readonly homeUnitIds: readonly string[];
  /** The units a unit or neighbour lead serves. */
  readonly ledUnitIds: readonly string[];
  /** The buildings a building lead serves. */
  readonly ledBuildings: readonly GridBuilding[];
  /** The grids a grid worker works in. */
  readonly gridIds: readonly string[];
}

/** What the rule reads of a demand. */
export interface DemandReach {
  readonly submittedBy: string;
  readonly unitId: string | null;
  /** Recorded for a resident by someone else (a grid worker, a lead). */
  readonly onBehalf: boolean;
  readonly gridId: string | null;
  readonly estate: string | null;
  readonly building: string | null;
  readonly assignedUserId: string | null;
}

export function canSeeDemand(viewer: DemandViewer, d: DemandReach): boolean {
  if (viewer.all || d.submittedBy === viewer.userId || d.assignedUserId === viewer.userId)
    return true;
  if (d.unitId !== null && d.onBehalf && viewer.homeUnitIds.includes(d.unitId)) return true;
  if (d.unitId !== null && viewer.ledUnitIds.includes(d.unitId)) return true;
  if (d.gridId !== null && viewer.gridIds.includes(d.gridId)) return true;
  return viewer.ledBuildings.some((b) => b.estate === d.estate && b.building === d.building);
}

/**
 * The same rule as a condition on `demand_views` (alias `v`); its parameters are pushed onto
 * `args` (numbered after those already there). Each part has an index of demand_views (the
 * projection's listIndexesSql), so PostgreSQL combines them (BitmapOr) into the viewer's few
 * rows. A part the viewer has nothing for (no grid, no led building) is left out: it would match
 * nothing, and PostgreSQL guesses half the ledger for the building pairs' IN.
 */
export function visibleDemandsSql(viewer: DemandViewer, args: unknown[]): string {
  if (viewer.all) return 'TRUE';
  const p = (value: unknown): string => `$${args.push(value)}`;
  const me = p(viewer.userId);
  const terms = [`v.submitted_by = ${me}`, `v.assigned_user_id = ${me}`];
  if (viewer.homeUnitIds.length > 0)
    terms.push(`(v.on_behalf AND v.unit_id = ANY (${p(viewer.homeUnitIds)}::uuid[]))`);
  if (viewer.ledUnitIds.length > 0) terms.push(`v.unit_id = ANY (${p(viewer.ledUnitIds)}::uuid[])`);
  if (viewer.gridIds.length > 0) terms.push(`v.grid_id = ANY (${p(viewer.gridIds)}::uuid[])`);
  if (viewer.ledBuildings.length > 0) {
    const estates = p(viewer.ledBuildings.map((b) => b.estate));
    const buildings = p(viewer.ledBuildings.map((b) => b.building));
    // The two ANYs find the candidates by index; the pairs decide.
    terms.push(`(v.building = ANY (${buildings}::text[]) AND v.estate = ANY (${estates}::text[])
      AND (v.estate, v.building) IN (SELECT * FROM unnest(${estates}::text[], ${buildings}::text[])))`);
  }
  return `(${terms.join(' OR ')})`;
}
