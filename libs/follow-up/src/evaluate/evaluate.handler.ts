import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, NotFoundError, ValidationError } from '@yishi/domain';
import { CaseQueries, CaseRepository, type CaseOutcome } from '@yishi/cases';
import { RegistryReads } from '@yishi/registry';
import { EvaluateCommand } from './evaluate.command';

@CommandHandler(EvaluateCommand)
export class EvaluateHandler implements ICommandHandler<
  EvaluateCommand,
  CaseOutcome & { readonly unitId: string }
> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly caseQueries: CaseQueries,
    private readonly registry: RegistryReads,
  ) {}

  async execute({
    caseId,
    evaluation,
    evaluator,
  }: EvaluateCommand): Promise<CaseOutcome & { readonly unitId: string }> {
    const { communityId, ownUnitIds: owned } = evaluator;
    const scope = await this.caseQueries.unitScope(caseId);
    if (scope === undefined) throw new NotFoundError('找不到该议题', { caseId });
    let unitId: string;
    if (evaluation.unitId !== undefined) {
      if (!owned.includes(evaluation.unitId))
        throw new ForbiddenError('居民只能为自己的房屋评价', {
          unitId: evaluation.unitId,
        });
      if (!(await this.registry.unitInScope(communityId, scope, evaluation.unitId)))
        throw new ForbiddenError('该房屋不在本案件范围内', { unitId: evaluation.unitId });
      unitId = evaluation.unitId;
    } else {
      const inScope: string[] = [];
      for (const id of owned)
        if (await this.registry.unitInScope(communityId, scope, id)) inScope.push(id);
      const [only, ...more] = inScope;
      if (only === undefined) throw new ForbiddenError('您名下没有本案件范围内的房屋', { caseId });
      if (more.length > 0)
        throw new ValidationError('您名下有多套房屋在本案件范围内，请指明 unitId', {
          fields: [{ field: 'unitId', problems: ['required: you own several units in scope'] }],
          unitIds: inScope,
        });
      unitId = only;
    }
    const actor =
      evaluator.party === undefined
        ? { actorId: evaluator.actorId }
        : { actorId: evaluator.actorId, party: evaluator.party };
    const outcome = await this.cases.execute(
      caseId,
      {
        type: 'Evaluate',
        data: { unitId, rating: evaluation.rating, comment: evaluation.comment },
      },
      actor,
    );
    return { ...outcome, unitId };
  }
}
