import { Command, Query } from '@nestjs/cqrs';
import { type VisitRequest } from '@yishi/domain';
import {
  type BoardFilter,
  type CanvassList,
  type Canvasser,
  type TurnoutView,
  type VisitView,
} from './canvass.views';

/** A canvass visit (扫楼) to a unit while its vote is open. */
export class RecordVisitCommand extends Command<VisitView> {
  constructor(
    readonly resolutionId: string,
    readonly caller: Canvasser,
    readonly request: VisitRequest,
  ) {
    super();
  }
}

/** The units of the caller's buildings (a secretary's: all) with status and latest visits. */
export class CanvassListQuery extends Query<CanvassList> {
  constructor(
    readonly resolutionId: string,
    readonly caller: Canvasser,
    readonly filter: BoardFilter,
  ) {
    super();
  }
}

/** The live turnout board: participation against two thirds, the gaps, the closers. */
export class TurnoutQuery extends Query<TurnoutView> {
  constructor(
    readonly resolutionId: string,
    readonly filter: BoardFilter,
  ) {
    super();
  }
}
