import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { RecordAnalysisCommand } from './record-analysis.command';

@CommandHandler(RecordAnalysisCommand)
export class RecordAnalysisHandler implements ICommandHandler<RecordAnalysisCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: RecordAnalysisCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'RecordAnalysis', data }, actor);
  }
}
