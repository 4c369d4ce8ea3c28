import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  bindingRequestEvidence,
  checkBindingRequest,
  createBindingRequest,
  decideBindingRequest,
  listBindingRequests,
} from './binding-requests';
import { type BindingRequestStatus, type BindingRequestView } from './binding-views';

/** Requests for the secretary's approval of a binding, with their evidence's storage keys. */
@Injectable()
export class BindingRequestsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  check(communityId: string, userId: string, unitId: string): Promise<void> {
    return checkBindingRequest(this.pool, communityId, userId, unitId);
  }

  create(r: Parameters<typeof createBindingRequest>[1]): Promise<BindingRequestView> {
    return createBindingRequest(this.pool, r);
  }

  list(
    communityId: string,
    userId: string,
    filter: { readonly all: boolean; readonly status?: BindingRequestStatus | undefined },
  ): Promise<BindingRequestView[]> {
    return listBindingRequests(this.pool, communityId, userId, filter);
  }

  evidence(
    communityId: string,
    requestId: string,
    viewer: { readonly userId: string; readonly all: boolean },
  ): ReturnType<typeof bindingRequestEvidence> {
    return bindingRequestEvidence(this.pool, communityId, requestId, viewer);
  }

  decide(
    communityId: string,
    actorId: string,
    requestId: string,
    decision: 'approve' | 'reject',
    reason: unknown,
  ): ReturnType<typeof decideBindingRequest> {
    return decideBindingRequest(this.pool, communityId, actorId, requestId, decision, reason);
  }
}
