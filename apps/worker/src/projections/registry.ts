import { streamCatalogueProjection, type Projection } from '@yishi/projections';
import { caseTimelineProjection, caseViewsProjection } from '@yishi/cases';
import { demandViewsProjection } from '@yishi/demands';

/** Every projection the worker runs and `npm run rebuild -- <name>` accepts. */
export const PROJECTIONS: readonly Projection[] = [
  streamCatalogueProjection,
  caseViewsProjection,
  caseTimelineProjection,
  demandViewsProjection,
];

export function findProjection(name: string): Projection | undefined {
  return PROJECTIONS.find((p) => p.name === name);
}
