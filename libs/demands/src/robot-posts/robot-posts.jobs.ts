import { Inject, Injectable } from '@nestjs/common';
import {
  DEMAND_CATEGORY_LABELS,
  DEMAND_STATUS_LABELS,
  foldDemand,
  ledgerDueAt,
  type DemandEvent,
  type LedgerDemand,
} from '@yishi/domain';
import { type EventStore, type RecordedEvent } from '@yishi/event-store';
import { OnEvent, type ReactionScope } from '@yishi/messaging';
import { GridRobots } from '@yishi/notifications';
import { EVENT_STORE } from '@yishi/platform';
import { demandIdOf } from '../demand-repository';

/** The demand just before and just after one event of its stream. */
interface AroundEvent {
  readonly before: LedgerDemand | null;
  readonly after: LedgerDemand | null;
}

/**
 * The grid's group chat (一网格一微信群) hears of its demands: a new one (`demand-received`) and its
 * close (销号, `demand-closed`: confirmed satisfied, its confirmation window lapsed, or closed with
 * its case); a missed deadline (`demand-overdue`) is posted by the deadline timer. The demand is folded up to the event, so a replay long after says what was true then;
 * the event's id keys the message, so a replay posts nothing twice. GridRobots never throws: a
 * grid without a robot, or a robot that cannot be reached, never holds the ledger up. Run by the
 * worker (its module provides this class).
 */
@Injectable()
export class DemandRobotPosts {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly robots: GridRobots,
  ) {}

  @OnEvent('DemandReceived')
  private async onReceived(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const { after } = await this.around(event, scope);
    if (after === null || after.gridId === null) return;
    await this.robots.postToGridRobot(after.gridId, {
      sourceEventId: event.eventId,
      kind: 'demand-received',
      demand: { ...demandRobotFacts(after), dueAt: ledgerDueAt(after) },
    });
  }

  @OnEvent('DemandConfirmed', 'DemandConfirmationLapsed', 'DemandClosedWithCase')
  private async onClosing(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const { before, after } = await this.around(event, scope);
    // A dissatisfied answer reopens; an answer after the case closed it closes nothing new.
    if (after === null || after.status !== 'closed' || before?.status === 'closed') return;
    if (after.gridId === null) return;
    await this.robots.postToGridRobot(after.gridId, {
      sourceEventId: event.eventId,
      kind: 'demand-closed',
      demand: demandRobotFacts(after),
    });
  }

  private async around(event: RecordedEvent, scope: ReactionScope): Promise<AroundEvent> {
    if (demandIdOf(event.streamId) === undefined) return { before: null, after: null };
    const recorded = await scope.once(`demand-robot-stream:${event.streamId}`, () =>
      this.store.readStream(event.streamId),
    );
    const upTo = recorded
      .filter((r) => r.streamPosition <= event.streamPosition)
      .map((r) => ({ type: r.type, data: r.data }) as DemandEvent);
    return { before: foldDemand(upTo.slice(0, -1)), after: foldDemand(upTo) };
  }
}

/** What a grid's robot message says of a demand (its number, category, content, place, status). */
export function demandRobotFacts(demand: LedgerDemand) {
  return {
    number: demand.number,
    categoryLabel: DEMAND_CATEGORY_LABELS[demand.category],
    content: demand.content,
    place:
      demand.place === null
        ? '未注明地点'
        : [demand.place.estate, demand.place.building].filter((p) => p !== null).join(' '),
    statusLabel: DEMAND_STATUS_LABELS[demand.status],
  };
}
