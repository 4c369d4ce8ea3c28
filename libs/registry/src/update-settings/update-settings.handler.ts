import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type settingsView } from '../settings';
import { CommunitiesRepository } from '../communities.repository';
import { UpdateSettingsCommand } from './update-settings.command';

@CommandHandler(UpdateSettingsCommand)
export class UpdateSettingsHandler implements ICommandHandler<
  UpdateSettingsCommand,
  ReturnType<typeof settingsView>
> {
  constructor(private readonly communities: CommunitiesRepository) {}

  execute(m: UpdateSettingsCommand): Promise<ReturnType<typeof settingsView>> {
    return this.communities.updateSettings(m.actorId, m.communityId, m.patch);
  }
}
