import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { UnbindUnitCommand } from './unbind-unit.command';

@CommandHandler(UnbindUnitCommand)
export class UnbindUnitHandler implements ICommandHandler<UnbindUnitCommand, UnitBindingView> {
  constructor(private readonly bindings: UnitBindingsRepository) {}

  execute(m: UnbindUnitCommand): Promise<UnitBindingView> {
    return this.bindings.unbind(m.actorId, m.bindingId, m.by);
  }
}
