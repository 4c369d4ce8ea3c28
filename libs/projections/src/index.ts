export {
  eventsByEntity,
  ident,
  liveTableNames,
  projectionCheckpointName,
  rebuildTableNames,
  REBUILD_SUFFIX,
  type Projection,
  type TableNames,
} from './projection';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner';
export {
  rebuildProjection,
  type RebuildLog,
  type RebuildOptions,
  type RebuildResult,
} from './rebuild';
export {
  categoryOf,
  streamCatalogueProjection,
  summariseStreams,
  type StreamSummary,
} from './stream-catalogue.projection';
