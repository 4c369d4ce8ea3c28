import { EventStore1763740800000 } from './1763740800000-event-store';
import { AppendEvent1764000000000 } from './1764000000000-append-event';

/** Every migration, oldest first. A new schema change is a new file here, never `synchronize`. */
export const MIGRATIONS = [EventStore1763740800000, AppendEvent1764000000000];
