import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseCommand, type CaseState, type Party } from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE } from '@yishi/platform';
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
  private readonly repository: CaseRepository;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.repository = new CaseRepository(store);
  }

  execute({ caseId, command, actor }: RunCaseCommand): Promise<CaseOutcome> {
    return this.repository.execute(caseId, command, actor);
  }
}
