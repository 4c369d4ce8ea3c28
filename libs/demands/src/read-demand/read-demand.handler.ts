import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ledgerDueAt } from '@yishi/domain';
import { DemandQueries } from '../demand.queries';
import { type DemandDetail } from '../demand-queries';
import { type DemandDetailView } from '../demands.dto';
import { ReadDemandQuery } from './read-demand.query';

export function toDemandDetailView({
  demand: d,
  version,
  timeline,
}: DemandDetail): DemandDetailView {
  return {
    id: d.id,
    communityId: d.communityId,
    number: d.number,
    content: d.content,
    category: d.category,
    status: d.status,
    unitId: d.unitId,
    place: d.place,
    gridId: d.gridId,
    source: d.source,
    photoIds: [...d.photoIds],
    onBehalfOf: d.onBehalfOf,
    submittedBy: d.submittedBy,
    receivedAt: d.receivedAt,
    acceptDueAt: d.acceptDueAt,
    dueAt: ledgerDueAt(d),
    acceptedAt: d.acceptedAt,
    assignment: d.assignment,
    refusals: [...d.refusals],
    round: d.round,
    reopenings: d.reopenings,
    resolutions: d.resolutions.map((r) => ({ ...r, photoIds: [...r.photoIds] })),
    confirmations: [...d.confirmations],
    confirmDueAt: d.pendingConfirmation?.dueAt ?? null,
    mergedInto: d.mergedInto,
    caseId: d.caseIds.at(-1) ?? null,
    closedAt: d.closure?.closedAt ?? null,
    whistles: [...d.whistles],
    version,
    timeline,
  };
}

@QueryHandler(ReadDemandQuery)
export class ReadDemandHandler implements IQueryHandler<ReadDemandQuery, DemandDetailView> {
  constructor(private readonly demands: DemandQueries) {}

  async execute({ demandId, caller, minVersion }: ReadDemandQuery): Promise<DemandDetailView> {
    return toDemandDetailView(await this.demands.view(demandId, caller, minVersion));
  }
}
