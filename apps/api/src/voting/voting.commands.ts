import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type AnswerRequest,
  type BallotCast,
  type BallotRequest,
  type ObjectionAnswered,
  type ObjectionFiled,
  type ObjectionRequest,
  type ResultPhase,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type Actor, type TallyView, type Voter, VotingService } from '@yishi/voting';

/*
 * The voting use cases on the CommandBus, each one call of the VotingService (libs/workflow), which
 * appends to the resolution's and the ballots' streams and records the result on the case.
 */

/** Freezes the electorate of a drafted resolution (idempotent). */
export class OpenVotingCommand extends Command<VotingOpened['data']> {
  constructor(readonly resolutionId: string) {
    super();
  }
}

export class CastBallotCommand extends Command<BallotCast['data']> {
  constructor(
    readonly resolutionId: string,
    readonly voter: Voter,
    readonly request: BallotRequest,
  ) {
    super();
  }
}

export class CloseVotingCommand extends Command<TallyView> {
  constructor(
    readonly resolutionId: string,
    readonly actor: Actor,
    readonly trigger: VotingClosed['data']['trigger'],
  ) {
    super();
  }
}

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

@CommandHandler(OpenVotingCommand)
export class OpenVotingHandler implements ICommandHandler<OpenVotingCommand> {
  constructor(private readonly voting: VotingService) {}

  execute({ resolutionId }: OpenVotingCommand): Promise<VotingOpened['data']> {
    return this.voting.open(resolutionId);
  }
}

@CommandHandler(CastBallotCommand)
export class CastBallotHandler implements ICommandHandler<CastBallotCommand> {
  constructor(private readonly voting: VotingService) {}

  execute({ resolutionId, voter, request }: CastBallotCommand): Promise<BallotCast['data']> {
    return this.voting.cast(resolutionId, voter, request);
  }
}

@CommandHandler(CloseVotingCommand)
export class CloseVotingHandler implements ICommandHandler<CloseVotingCommand> {
  constructor(private readonly voting: VotingService) {}

  execute({ resolutionId, actor, trigger }: CloseVotingCommand): Promise<TallyView> {
    return this.voting.close(resolutionId, actor, trigger);
  }
}

@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(private readonly voting: VotingService) {}

  execute({
    resolutionId,
    caller,
    request,
  }: FileObjectionCommand): Promise<ObjectionFiled['data']> {
    return this.voting.fileObjection(resolutionId, caller, request);
  }
}

@CommandHandler(AnswerObjectionCommand)
export class AnswerObjectionHandler implements ICommandHandler<AnswerObjectionCommand> {
  constructor(private readonly voting: VotingService) {}

  execute({
    resolutionId,
    objectionId,
    request,
    actor,
  }: AnswerObjectionCommand): Promise<ObjectionAnswered['data'] & { readonly phase: ResultPhase }> {
    return this.voting.answerObjection(resolutionId, objectionId, request, actor);
  }
}
