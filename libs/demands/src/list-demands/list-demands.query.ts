import { Query } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandListFilter, type DemandListItem } from '../demand-queries';

/** The ledger as the caller may see it, filtered and paged; `csv` for the spreadsheet export. */
export class ListDemandsQuery extends Query<{
  items: DemandListItem[];
  total: number;
  csv?: string;
}> {
  constructor(
    readonly caller: DemandCaller,
    readonly filter: DemandListFilter,
    readonly csv: boolean,
  ) {
    super();
  }
}
