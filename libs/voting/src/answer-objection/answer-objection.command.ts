import { Command } from '@nestjs/cqrs';
import { type AnswerRequest, type ObjectionAnswered, type ResultPhase } from '@yishi/domain';
import { type Actor } from '../voting.types';

/** The secretary's answer to an objection, with the reason and any correction. */
export class AnswerObjectionCommand extends Command<
  ObjectionAnswered['data'] & { readonly phase: ResultPhase }
> {
  constructor(
    readonly resolutionId: string,
    readonly objectionId: string,
    readonly request: AnswerRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}
