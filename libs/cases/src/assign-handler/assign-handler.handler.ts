import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryReads } from '@yishi/registry';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { AssignHandlerCommand } from './assign-handler.command';

/**
 * The user's roles in the case's community, read from the registry now, go with the command: the
 * decider refuses (400) anyone who is neither a case worker nor a secretary there.
 */
@CommandHandler(AssignHandlerCommand)
export class AssignHandlerHandler implements ICommandHandler<AssignHandlerCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly registry: RegistryReads,
  ) {}

  async execute({
    caseId,
    communityId,
    userId,
    actor,
  }: AssignHandlerCommand): Promise<CaseOutcome> {
    const roles = await this.registry.rolesOf(communityId, userId);
    return this.cases.execute(caseId, { type: 'AssignHandler', data: { userId, roles } }, actor);
  }
}
