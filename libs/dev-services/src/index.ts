export { DevServiceError } from './errors';
export { resolvePostgres, type ResolvePostgresOptions } from './postgres';
export { resolveRedis, type ResolveRedisOptions } from './redis';
export { type DevServiceLog, type ResolvedService } from './types';
