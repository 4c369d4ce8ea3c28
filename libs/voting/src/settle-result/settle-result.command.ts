import { Command } from '@nestjs/cqrs';
import { type Actor, type TallyView } from '../voting.types';

/** After the close: the preliminary result, or the final one recorded on the case (idempotent). */
export class SettleResultCommand extends Command<TallyView> {
  constructor(
    readonly resolutionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The objection period over and every objection answered: the final result (idempotent). */
export class FinaliseResultCommand extends Command<TallyView | undefined> {
  constructor(
    readonly resolutionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
