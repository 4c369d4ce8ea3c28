import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type BindingRequestView } from '../bindings/binding-views';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { ReviewBindingRequestCommand } from './review-binding-request.command';

@CommandHandler(ReviewBindingRequestCommand)
export class ReviewBindingRequestHandler implements ICommandHandler<
  ReviewBindingRequestCommand,
  BindingRequestView & { bindingId: string | null }
> {
  constructor(private readonly requests: BindingRequestsRepository) {}

  execute(
    m: ReviewBindingRequestCommand,
  ): Promise<BindingRequestView & { bindingId: string | null }> {
    return this.requests.decide(m.communityId, m.actorId, m.requestId, m.decision, m.reason);
  }
}
