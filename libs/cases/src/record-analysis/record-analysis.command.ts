import { Command } from '@nestjs/cqrs';
import { type RecordAnalysis } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 分析研判: the lead party, the options and the notice (公告). */
export class RecordAnalysisCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: RecordAnalysis['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
