import { Query } from '@nestjs/cqrs';
import { type BindingRequestStatus, type BindingRequestView } from '../bindings/binding-views';

export class ListBindingRequestsQuery extends Query<BindingRequestView[]> {
  constructor(
    readonly communityId: string,
    readonly userId: string,
    /** `all`: the secretary sees every request, anyone else their own. */
    readonly filter: { readonly all: boolean; readonly status?: BindingRequestStatus | undefined },
  ) {
    super();
  }
}
