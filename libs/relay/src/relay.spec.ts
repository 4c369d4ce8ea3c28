import { type RecordedEvent } from '@yishi/event-store';
import { groupByTransactionAndStream } from './relay';

const event = (globalPosition: number, transactionId: string, streamId: string): RecordedEvent => ({
  globalPosition,
  transactionId,
  streamId,
  streamPosition: globalPosition,
  eventId: `e${globalPosition}`,
  type: 'Tested',
  schemaVersion: 1,
  data: {},
  metadata: { actorId: null, correlationId: 'c', causationId: null, occurredAt: '' },
});

const ids = (groups: RecordedEvent[][]) => groups.map((g) => g.map((e) => e.eventId));

describe('groupByTransactionAndStream', () => {
  it('groups neighbours of one transaction and one stream, in log order', () => {
    expect(
      ids(
        groupByTransactionAndStream([
          event(1, 't1', 'case-a'),
          event(2, 't1', 'case-a'),
          event(3, 't2', 'case-a'), // the same stream, another transaction
          event(4, 't3', 'case-b'),
          event(5, 't3', 'case-c'), // the same transaction, another stream
          event(6, 't3', 'case-c'),
        ]),
      ),
    ).toEqual([['e1', 'e2'], ['e3'], ['e4'], ['e5', 'e6']]);
  });

  it('keeps apart the events of one transaction that another interleaves', () => {
    expect(
      ids(
        groupByTransactionAndStream([
          event(1, 't1', 'case-a'),
          event(2, 't2', 'case-b'),
          event(3, 't1', 'case-a'),
        ]),
      ),
    ).toEqual([['e1'], ['e2'], ['e3']]);
  });

  it('gives nothing for nothing', () => {
    expect(groupByTransactionAndStream([])).toEqual([]);
  });
});
