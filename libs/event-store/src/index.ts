export {
  EventStore,
  type AppendListener,
  type EventStoreOptions,
  type Queryable,
} from './event-store';
export { type CoalescerStats } from './write-coalescer';
export { chainHash, GENESIS_HASH, type HashedFields } from './hash-chain';
export { UpcasterRegistry, type Upcast } from './upcasting';
export {
  checkLink,
  verifyHashChains,
  type ChainBreak,
  type StoredLink,
  type VerifyReport,
} from './verify';
export * from './types';
export {
  checkpointBefore,
  loadCheckpoint,
  moveCheckpoint,
  readCheckpoint,
  saveCheckpoint,
  storeCheckpoint,
} from './checkpoints';
export { Subscription, type SubscriptionLog, type SubscriptionOptions } from './subscription';
export { StreamQueues } from './stream-queues';
