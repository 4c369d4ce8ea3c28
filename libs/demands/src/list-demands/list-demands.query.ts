import { Query } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandListFilter, type DemandListPage } from './demand-list';

/** The ledger as the caller may see it, filtered and paged; `csv` for the spreadsheet export. */
export class ListDemandsQuery extends Query<DemandListPage & { csv?: string }> {
  constructor(
    readonly caller: DemandCaller,
    readonly filter: DemandListFilter,
    readonly csv: boolean,
  ) {
    super();
  }
}
