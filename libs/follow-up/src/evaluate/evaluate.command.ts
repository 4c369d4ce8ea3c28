import { Command } from '@nestjs/cqrs';
import { type Rating } from '@yishi/domain';
import { type CaseActor, type CaseOutcome } from '@yishi/cases';

/** The resident who evaluates: the community they act in and the units they own there. */
export interface Evaluator extends CaseActor {
  readonly communityId: string;
  readonly ownUnitIds: readonly string[];
}

/**
 * 问效: a resident rates the result for one of their own units in the case's scope (`unitId`
 * unset: their only such unit).
 */
export class EvaluateCommand extends Command<CaseOutcome & { readonly unitId: string }> {
  constructor(
    readonly caseId: string,
    readonly evaluation: {
      readonly unitId?: string | undefined;
      readonly rating: Rating;
      readonly comment: string | null;
    },
    readonly evaluator: Evaluator,
  ) {
    super();
  }
}
