import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { settingsView } from '../settings';
import { CommunitiesRepository } from '../communities.repository';
import { ReadSettingsQuery } from './read-settings.query';

@QueryHandler(ReadSettingsQuery)
export class ReadSettingsHandler implements IQueryHandler<
  ReadSettingsQuery,
  ReturnType<typeof settingsView>
> {
  constructor(private readonly communities: CommunitiesRepository) {}

  async execute(m: ReadSettingsQuery): Promise<ReturnType<typeof settingsView>> {
    return settingsView(await this.communities.settings(m.communityId));
  }
}
