export { EventRelay, toJobData, type RedisLossRecovery, type RelayOptions } from './relay';
