import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 退回: the grid refuses a demand whose category is not on its admission list; to the secretary. */
export class RefuseDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly reason: string,
    readonly caller: DemandCaller,
  ) {
    super();
  }
}
