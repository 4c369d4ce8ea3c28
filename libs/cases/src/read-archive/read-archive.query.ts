import { Query } from '@nestjs/cqrs';
import { type ConsultationArchive } from '../archive/archive';

/** 协商档案 of a closed case: the whole story, with the hash chain verified. */
export class ReadArchiveQuery extends Query<ConsultationArchive> {
  constructor(readonly caseId: string) {
    super();
  }
}
