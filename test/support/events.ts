import { randomUUID } from 'node:crypto';
import { type EventStore } from '../../libs/event-store/src';

const CATEGORIES = ['case', 'resolution', 'meeting'] as const;
const TYPES = ['CaseOpened', 'DemandSubmitted', 'StageChanged', 'Voted', 'NoteAdded'] as const;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** `count` new stream ids spread over a few categories (`case-<uuid>`, `resolution-<uuid>`, ...). */
export function newStreamIds(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${CATEGORIES[i % CATEGORIES.length]}-${randomUUID()}`,
  );
}

/**
 * Appends `events` events at random across `streams`, 1 to 5 per append, from `concurrency`
 * writers at once. Some appends carry an explicit `occurredAt` in the past. Returns how many it
 * appended (always `events`).
 */
export async function appendRandomEvents(
  store: EventStore,
  options: { streams: readonly string[]; events: number; concurrency?: number },
): Promise<number> {
  let remaining = options.events;
  const writer = async (): Promise<void> => {
    while (remaining > 0) {
      const n = Math.min(remaining, 1 + Math.floor(Math.random() * 5));
      remaining -= n;
      const occurredAt =
        Math.random() < 0.2
          ? new Date(Date.now() - Math.floor(Math.random() * 365 * 86_400_000)).toISOString()
          : undefined;
      await store.append(
        pick(options.streams),
        'any',
        Array.from({ length: n }, () => ({ type: pick(TYPES), data: { note: randomUUID() } })),
        occurredAt === undefined ? {} : { occurredAt },
      );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, writer));
  return options.events;
}
