import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, MAX_REASON } from '../bindings/binding-checks';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { type BindingRequestView } from '../bindings/binding-views';
import { ReviewBindingRequestCommand } from './review-binding-request.command';

/**
 * The secretary approves (the resident is bound, method `secretary-approval`, and recorded as an
 * owner) or rejects a pending request, with a reason (required to reject).
 */
@CommandHandler(ReviewBindingRequestCommand)
export class ReviewBindingRequestHandler implements ICommandHandler<
  ReviewBindingRequestCommand,
  BindingRequestView & { bindingId: string | null }
> {
  constructor(private readonly requests: BindingRequestsRepository) {}

  async execute(
    m: ReviewBindingRequestCommand,
  ): Promise<BindingRequestView & { bindingId: string | null }> {
    const { reason } = m;
    if (reason !== undefined && reason !== null && typeof reason !== 'string')
      throw invalid('reason', 'must be text');
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (text.length > MAX_REASON) throw invalid('reason', `at most ${MAX_REASON} characters`);
    if (m.decision === 'reject' && text === '') throw invalid('reason', 'required to reject');
    return this.requests.decide(m.communityId, m.actorId, m.requestId, m.decision, text || null);
  }
}
