import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { coversEstate, ForbiddenError } from '@yishi/domain';
import { CaseQueries } from '../case.queries';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { AcknowledgeCommand } from './acknowledge.command';

/**
 * 签收 for the actor's party. A party member scoped to estates (their membership's `estates`)
 * acknowledges only the cases whose scope lies in one of them: the case's estate is read from its
 * CaseOpened (the log, so a case just opened is known), and any other is refused (403) before the
 * case is touched. The party's other members, in scope, still acknowledge for it.
 */
@CommandHandler(AcknowledgeCommand)
export class AcknowledgeHandler implements ICommandHandler<AcknowledgeCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly queries: CaseQueries,
  ) {}

  async execute({ caseId, stage, actor, estates }: AcknowledgeCommand): Promise<CaseOutcome> {
    if (actor.party === undefined) throw new ForbiddenError('只有参与议事的各方才能签收');
    const party = actor.party;
    if (estates.length > 0) {
      const scope = await this.queries.unitScope(caseId);
      if (scope !== undefined && !coversEstate(estates, scope.estate))
        throw new ForbiddenError('该议题不在您负责的小区范围内，无法签收', {
          estate: scope.estate,
          estates,
        });
    }
    return this.cases.execute(caseId, { type: 'Acknowledge', data: { party, stage } }, actor);
  }
}
