export { AdvisoryLeader } from './leader';
export { createDataSource, runMigrations } from './migrate';
export { createPool, isConnectionError, withDatabase, type PoolOptions } from './pool';
export { inTransaction, uniqueViolation } from './transaction';
