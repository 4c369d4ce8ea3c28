import { Command } from '@nestjs/cqrs';
import { type ObjectionFiled, type ObjectionRequest } from '@yishi/domain';

/** An objection to the preliminary result, during the objection period (询异). */
export class FileObjectionCommand extends Command<ObjectionFiled['data']> {
  constructor(
    readonly resolutionId: string,
    readonly caller: { readonly userId: string },
    readonly request: ObjectionRequest,
  ) {
    super();
  }
}
