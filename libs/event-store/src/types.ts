/** What a caller appends. `id` defaults to a fresh UUID; `schemaVersion` to 1. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
  readonly id?: string;
  readonly schemaVersion?: number;
}

/** Stored with every event; `occurredAt` is set by the store when the caller gives none. */
export interface EventMetadata {
  readonly actorId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly occurredAt: string;
  readonly [extra: string]: unknown;
}

export type AppendMetadata = Partial<EventMetadata>;

/**
 * `no-stream`: the stream must not exist; `any`: no check; a number: the stream's current version
 * (the position of its last event; positions start at 1).
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  readonly nextExpectedVersion: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
  readonly transactionId: string;
}

export interface RecordedEvent<TType extends string = string, TData = unknown> {
  readonly globalPosition: number;
  /** xid8 of the appending transaction, as decimal text (it can exceed 2^53). */
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly eventId: string;
  readonly type: TType;
  /** The schema version after upcasting: always the current one. */
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/**
 * Where a subscriber stands in the log: the (transaction id, global position) pair of the last event
 * it handled. Never the position alone: positions are taken before commit and commit out of order.
 */
/**
 * Which events a read returns whole: those of the types named (`only`), or all but those
 * (`except`). The others come back as their position alone.
 */
export type EventTypeFilter =
  { readonly only: readonly string[] } | { readonly except: readonly string[] };

export interface Checkpoint {
  readonly transactionId: string;
  readonly position: number;
}

export const START_CHECKPOINT: Checkpoint = Object.freeze({ transactionId: '0', position: 0 });
