import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, MAX_REASON } from '../bindings/binding-checks';
import { type UnitBindingView } from '../bindings/binding-views';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { UnbindUnitCommand } from './unbind-unit.command';

@CommandHandler(UnbindUnitCommand)
export class UnbindUnitHandler implements ICommandHandler<UnbindUnitCommand, UnitBindingView> {
  constructor(private readonly bindings: UnitBindingsRepository) {}

  async execute(m: UnbindUnitCommand): Promise<UnitBindingView> {
    if ('self' in m.by) return this.bindings.unbind(m.actorId, m.bindingId, m.by);
    const { reason } = m.by;
    // The secretary says why (kept in the audit log); the resident ending their own need not.
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON)
      throw invalid('reason', `required, 1 to ${MAX_REASON} characters`);
    return this.bindings.unbind(m.actorId, m.bindingId, {
      communityId: m.by.communityId,
      reason: reason.trim(),
    });
  }
}
