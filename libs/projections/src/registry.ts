import { type Projection } from './projection';
import { streamCatalogueProjection } from './stream-catalogue.projection';

/** Every projection the worker runs and `npm run rebuild -- <name>` accepts. */
export const PROJECTIONS: readonly Projection[] = [streamCatalogueProjection];

export function findProjection(name: string): Projection | undefined {
  return PROJECTIONS.find((p) => p.name === name);
}
