export * from './queues';
export { createRedisConnection, DEFAULT_JOB_OPTIONS } from './redis';
export * from './jobs';
