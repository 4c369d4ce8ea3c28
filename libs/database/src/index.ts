export { AdvisoryLeader } from './leader';
export { createDataSource, runMigrations } from './migrate';
export { createPool, isConnectionError, type PoolOptions } from './pool';
export { inTransaction, uniqueViolation } from './transaction';
export { withDatabase } from './url';
