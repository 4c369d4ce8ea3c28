/**
 * Every BullMQ queue and job name, in one place. Jobs carry ids, never state: Postgres is the truth.
 */
export const QUEUES = {
  /** Every committed event, handed over by the relay; reactions run from here. */
  domainEvents: 'domain-events',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A committed event as the relay hands it to BullMQ. The job id is the event id. */
export interface EventJobData {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly correlationId: string;
  readonly occurredAt: string;
}

/** Payloads by job name: a discriminated union, so a processor switches exhaustively. */
export type JobItem = { readonly name: 'event'; readonly data: EventJobData };

export type JobName = JobItem['name'];

/** Which queues receive which events from the relay. */
export interface EventRoute {
  readonly queue: string;
  readonly accepts: (eventType: string) => boolean;
}

export const EVENT_ROUTES: readonly EventRoute[] = [
  { queue: QUEUES.domainEvents, accepts: () => true },
];
