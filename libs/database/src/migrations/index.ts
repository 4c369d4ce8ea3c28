import { EventStore1763740800000 } from './1763740800000-event-store';

/** Every migration, oldest first. A new schema change is a new file here, never `synchronize`. */
export const MIGRATIONS = [EventStore1763740800000];
