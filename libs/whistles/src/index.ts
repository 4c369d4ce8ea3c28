/** Whistles (吹哨报到, docs/whistles.md): their stream, use cases, read model and notices. */
export {
  WHISTLE_STREAM_PREFIX,
  whistleIdOf,
  WhistleRepository,
  whistleStream,
  type LoadedWhistle,
  type WhistleOutcome,
} from './whistle-repository';
export { WhistleStoreModule } from './whistle-store.module';
export { WhistlesModule } from './whistles.module';
export { whistleViewsProjection } from './projections/whistle-views.projection';
export { WhistleNotices } from './notices/whistle.notices';
export {
  WHISTLE_RECONCILER_SCHEDULER_ID,
  WhistleDeadlineJobs,
  whistleTimerJobId,
} from './deadlines/whistle-deadline.jobs';
export { WhistleLinks } from './links/whistle-links';
export { WhistleLinkReactions } from './links/whistle-link.reactions';
