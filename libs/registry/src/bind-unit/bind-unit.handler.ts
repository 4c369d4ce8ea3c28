import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { BindUnitCommand } from './bind-unit.command';

@CommandHandler(BindUnitCommand)
export class BindUnitHandler implements ICommandHandler<BindUnitCommand, UnitBindingView> {
  constructor(private readonly bindings: UnitBindingsRepository) {}

  execute(m: BindUnitCommand): Promise<UnitBindingView> {
    return this.bindings.bindByRegistryMatch(m.userId, m.input);
  }
}
