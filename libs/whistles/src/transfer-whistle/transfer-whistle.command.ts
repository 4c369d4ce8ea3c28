import { Command } from '@nestjs/cqrs';
import { type WhistleCaller } from '../whistle-caller';
import { type WhistleOutcome } from '../whistle-repository';

/** 流转: the department's dispatcher passes its track on to another department of the street. */
export class TransferWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly whistleId: string,
    readonly streetId: string,
    readonly transfer: {
      readonly fromDepartmentId: string | null;
      readonly toDepartmentId: string;
      readonly reason: string;
    },
    readonly caller: WhistleCaller,
  ) {
    super();
  }
}
