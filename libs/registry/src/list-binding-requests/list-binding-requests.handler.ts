import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type BindingRequestView } from '../bindings/binding-views';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { ListBindingRequestsQuery } from './list-binding-requests.query';

@QueryHandler(ListBindingRequestsQuery)
export class ListBindingRequestsHandler implements IQueryHandler<
  ListBindingRequestsQuery,
  BindingRequestView[]
> {
  constructor(private readonly requests: BindingRequestsRepository) {}

  execute(m: ListBindingRequestsQuery): Promise<BindingRequestView[]> {
    return this.requests.list(m.communityId, m.userId, m.filter);
  }
}
