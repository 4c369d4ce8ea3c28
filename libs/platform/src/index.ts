export * from './tokens';
export {
  API_PREFIX,
  UNPREFIXED_PATHS,
  isUnprefixedPath,
  createHttpApp,
  createOpenApiDocument,
  runProcess,
  type HttpAppOptions,
  type ProcessOptions,
} from './bootstrap';
export { AppendSignal } from './append-signal';
export { CoreModule } from './core.module';
export { HealthService, type HealthReport } from './health';
export { STATUS_BY_CODE, toErrorResponse, type ErrorBody } from './http/error-body';
export { prepareRuntime, type Runtime } from './runtime';
export { CONTENT_SECURITY_POLICY, DOCUMENT_CSP } from './http/security-headers';
export { serveWebApp, webBuildDirectory, WEB_BUILD_DIR } from './http/web-app';
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  IdempotencyStore,
  ReplayedResponse,
  canonicalJson,
  idFromKey,
  parseIdempotencyKey,
  requestFingerprint,
  type IdempotencyScope,
  type Reservation,
} from './http/idempotency';
export { declaredFarOver, hasContentType, readCapped } from './http/body-parsers';
export { readUpload } from './http/read-upload';
export { loadSecretFile } from './secret-file';
export { pathOf } from './http/request-context.middleware';
export { RedisRateLimiter, type RateDecision, type RateLimit } from './http/rate-limit';
export { csvFile, csvPercent, type CsvCell } from './text/csv';
export { escapeHtml } from './text/html';
export { nameUuid } from './text/name-uuid';
export { PageQuery } from './http/page-query';
export { ACTION_METADATA } from './http/route-action';
export { OperationId } from './http/operation-id';
export { LiveModule } from './live/live.module';
export { PolledStreams, type Look } from './live/polled-stream';
export { nfcTrim, toInt } from './http/transforms';
export {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_TYPES,
  sniffEvidenceType,
  type EvidenceType,
} from './files/sniff';
export { LocalEvidenceStorage, sha256Hex, type EvidenceStorage } from './files/local-storage';
export { openEvidenceStorage, type EvidenceStoreConfig } from './files/storage';
export { ObjectStoreError, S3EvidenceStorage, type S3StorageOptions } from './files/s3-storage';
export {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_STORAGE,
  EvidenceStorageModule,
} from './files/evidence-storage.module';
export { QueueRegistry } from './queues/queue-registry';
export {
  DeadlineTimers,
  type DeadlineTimerPlan,
  type PlannedTimer,
} from './queues/deadline-timers';
