import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommand, type CaseState, type Party } from '@yishi/domain';
import { CaseRepository, type CaseOutcome } from '@yishi/cases';

/**
 * Every case use case is one of these on the CommandBus: the decider's command for one case,
 * decided against the case's events and appended with the expected version (conflicts retried).
 */
export class RunCaseCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand | ((state: CaseState) => CaseCommand),
    readonly actor: { readonly actorId: string; readonly party?: Party },
  ) {
    super();
  }
}

@CommandHandler(RunCaseCommand)
export class RunCaseCommandHandler implements ICommandHandler<RunCaseCommand, CaseOutcome> {
  constructor(private readonly repository: CaseRepository) {}

  execute({ caseId, command, actor }: RunCaseCommand): Promise<CaseOutcome> {
    return this.repository.execute(caseId, command, actor);
  }
}
