import { type RecordedEvent } from '@yishi/event-store';
import { categoryOf, occurredAtMs, summariseStreams } from './stream-catalogue.projection';
import { liveTableNames, rebuildTableNames, ident, relevantEvents } from './projection';

let position = 0;
function event(
  streamId: string,
  streamPosition: number,
  type: string,
  occurredAt: unknown = new Date(Date.UTC(2025, 0, 1, 0, 0, streamPosition)).toISOString(),
): RecordedEvent {
  position += 1;
  return {
    globalPosition: position,
    transactionId: String(1000 + position),
    streamId,
    streamPosition,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data: {},
    metadata: {
      actorId: null,
      correlationId: 'c',
      causationId: null,
      occurredAt: occurredAt as string,
    },
  };
}

describe('categoryOf', () => {
  it('takes the prefix before the first dash', () => {
    expect(categoryOf('case-8f14e45f-ceea-467f-a0e6-7a3f1b2c9d10')).toBe('case');
    expect(categoryOf('resolution-1')).toBe('resolution');
    expect(categoryOf('a-b-c')).toBe('a');
  });

  it('keeps an id with no category prefix whole', () => {
    expect(categoryOf('settings')).toBe('settings');
    expect(categoryOf('-leading')).toBe('-leading');
  });

  it('counts UTF-16 code units correctly around non-ASCII prefixes', () => {
    expect(categoryOf('议事-1')).toBe('议事');
  });
});

describe('occurredAtMs', () => {
  it('parses ISO strings and ignores what Postgres could not store', () => {
    expect(occurredAtMs(event('s', 1, 'A', '2025-03-04T05:06:07.089Z'))).toBe(
      Date.UTC(2025, 2, 4, 5, 6, 7, 89),
    );
    expect(occurredAtMs(event('s', 1, 'A', 'yesterday'))).toBeNull();
    expect(occurredAtMs(event('s', 1, 'A', 42))).toBeNull();
    expect(occurredAtMs(event('s', 1, 'A', null))).toBeNull();
    expect(occurredAtMs(event('s', 1, 'A', '-000100-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('summariseStreams', () => {
  it('folds a batch into one row per stream', () => {
    const rows = summariseStreams([
      event('case-1', 1, 'CaseOpened'),
      event('resolution-9', 4, 'Voted'),
      event('case-1', 2, 'DemandSubmitted'),
      event('case-1', 3, 'StageChanged'),
    ]);
    expect([...rows.keys()]).toEqual(['case-1', 'resolution-9']);
    expect(rows.get('case-1')).toEqual({
      streamId: 'case-1',
      category: 'case',
      version: 3,
      eventCount: 3,
      firstOccurredAt: Date.UTC(2025, 0, 1, 0, 0, 1),
      lastOccurredAt: Date.UTC(2025, 0, 1, 0, 0, 3),
      lastEventType: 'StageChanged',
    });
    expect(rows.get('resolution-9')).toMatchObject({ version: 4, eventCount: 1 });
  });

  it('takes the latest by stream position even when the log order differs', () => {
    const rows = summariseStreams([event('case-2', 5, 'Later'), event('case-2', 4, 'Earlier')]);
    expect(rows.get('case-2')).toMatchObject({
      version: 5,
      eventCount: 2,
      lastEventType: 'Later',
      firstOccurredAt: Date.UTC(2025, 0, 1, 0, 0, 4),
      lastOccurredAt: Date.UTC(2025, 0, 1, 0, 0, 5),
    });
  });

  it('keeps missing timestamps null without losing the count', () => {
    const rows = summariseStreams([event('x-1', 1, 'A', 'nope'), event('x-1', 2, 'B', 'nope')]);
    expect(rows.get('x-1')).toMatchObject({
      eventCount: 2,
      firstOccurredAt: null,
      lastOccurredAt: null,
      lastEventType: 'B',
    });
  });

  it('returns nothing for an empty batch', () => {
    expect(summariseStreams([]).size).toBe(0);
  });
});

describe('projection helpers', () => {
  it('names live tables and their rebuild copies', () => {
    const p = { tables: ['stream_catalogue', 'other'] as const };
    expect(liveTableNames(p)).toEqual({ stream_catalogue: 'stream_catalogue', other: 'other' });
    expect(rebuildTableNames(p)).toEqual({
      stream_catalogue: 'stream_catalogue__rebuild',
      other: 'other__rebuild',
    });
  });

  it('refuses table names that are not safe lower-case identifiers', () => {
    expect(() => liveTableNames({ tables: ['Bad'] })).toThrow(/identifier/);
    expect(() => liveTableNames({ tables: ['x; drop table events'] })).toThrow();
    expect(() => liveTableNames({ tables: ['a'.repeat(41)] })).toThrow(/40/);
    expect(ident('stream_catalogue')).toBe('"stream_catalogue"');
    expect(() => ident('a"b')).toThrow();
  });

  it('filters by event type only when the projection names types', () => {
    const events = [event('a-1', 1, 'A'), event('a-1', 2, 'B')];
    expect(relevantEvents({}, events)).toBe(events);
    expect(relevantEvents({ eventTypes: ['B'] }, events).map((e) => e.type)).toEqual(['B']);
  });
});
