import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RegistryReads } from '@yishi/registry';
import { DemandQueries } from '../demand.queries';
import { type DemandListPage } from './demand-list';
import { demandsCsv } from '../demands-csv';
import { ListDemandsQuery } from './list-demands.query';

@QueryHandler(ListDemandsQuery)
export class ListDemandsHandler implements IQueryHandler<
  ListDemandsQuery,
  DemandListPage & { csv?: string }
> {
  constructor(
    private readonly demands: DemandQueries,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ caller, filter, csv }: ListDemandsQuery) {
    const page = await this.demands.list(caller.communityId, caller, filter);
    if (!csv) return page;
    const grids = await this.registry.gridsOf(caller.communityId);
    return { ...page, csv: demandsCsv(page.items, new Map(grids.map((g) => [g.id, g.name]))) };
  }
}
