export { EventRelay, toJobData, type RelayOptions } from './relay';
