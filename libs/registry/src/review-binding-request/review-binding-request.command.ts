import { Command } from '@nestjs/cqrs';
import { type BindingRequestView } from '../bindings/binding-views';

/** The secretary approves (the resident is bound) or rejects a pending binding request. */
export class ReviewBindingRequestCommand extends Command<
  BindingRequestView & { bindingId: string | null }
> {
  constructor(
    readonly communityId: string,
    readonly actorId: string,
    readonly requestId: string,
    readonly decision: 'approve' | 'reject',
    /** Required to reject. */
    readonly reason: unknown,
  ) {
    super();
  }
}
