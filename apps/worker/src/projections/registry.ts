import { streamCatalogueProjection, type Projection } from '@yishi/projections';
import { caseTimelineProjection, caseViewsProjection } from '@yishi/cases';
import { demandViewsProjection } from '@yishi/demands';
import { whistleViewsProjection } from '@yishi/whistles';

/** Every projection the worker runs and `npm run rebuild -- <name>` accepts. */
export const PROJECTIONS: readonly Projection[] = [
  streamCatalogueProjection,
  caseViewsProjection,
  caseTimelineProjection,
  demandViewsProjection,
  whistleViewsProjection,
];

export function findProjection(name: string): Projection | undefined {
  return PROJECTIONS.find((p) => p.name === name);
}
