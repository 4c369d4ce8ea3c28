import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import {
  OPEN311_SERVICES,
  open311Request,
  type Open311Request,
  type Open311Service,
  type PublicDemand,
} from './georeport';
import { Open311Requests } from './open311-requests';
import {
  Open311RequestQuery,
  Open311RequestsQuery,
  Open311ServicesQuery,
} from './open311-reads.query';

@QueryHandler(Open311ServicesQuery)
export class Open311ServicesHandler implements IQueryHandler<Open311ServicesQuery> {
  constructor(private readonly requests: Open311Requests) {}

  async execute({ jurisdictionId }: Open311ServicesQuery): Promise<readonly Open311Service[]> {
    await this.requests.jurisdiction(jurisdictionId);
    return OPEN311_SERVICES;
  }
}

/** The requests as documents, with the community's grid names for `agency_responsible`. */
async function documents(
  registry: RegistryReads,
  communityId: string,
  demands: readonly PublicDemand[],
): Promise<Open311Request[]> {
  if (demands.length === 0) return [];
  const grids = new Map((await registry.gridsOf(communityId)).map((g) => [g.id, g.name]));
  return demands.map((d) => open311Request(d, grids));
}

@QueryHandler(Open311RequestsQuery)
export class Open311RequestsHandler implements IQueryHandler<Open311RequestsQuery> {
  constructor(
    private readonly requests: Open311Requests,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ jurisdictionId, filter }: Open311RequestsQuery): Promise<Open311Request[]> {
    const communityId = await this.requests.jurisdiction(jurisdictionId);
    return documents(this.registry, communityId, await this.requests.list(communityId, filter));
  }
}

@QueryHandler(Open311RequestQuery)
export class Open311RequestHandler implements IQueryHandler<Open311RequestQuery> {
  constructor(
    private readonly requests: Open311Requests,
    private readonly registry: RegistryReads,
  ) {}

  async execute({
    jurisdictionId,
    serviceRequestId,
  }: Open311RequestQuery): Promise<Open311Request> {
    const communityId = await this.requests.jurisdiction(jurisdictionId);
    const found = await this.requests.list(communityId, {
      ids: [serviceRequestId],
      serviceCodes: null,
      statuses: null,
      from: '',
      to: '',
    });
    const [request] = await documents(this.registry, communityId, found);
    if (request === undefined)
      throw new NotFoundError(`找不到编号为 ${serviceRequestId} 的诉求`, { serviceRequestId });
    return request;
  }
}
