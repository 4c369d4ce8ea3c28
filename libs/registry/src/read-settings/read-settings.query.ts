import { Query } from '@nestjs/cqrs';
import { type settingsView } from '../settings';

export class ReadSettingsQuery extends Query<ReturnType<typeof settingsView>> {
  constructor(readonly communityId: string) {
    super();
  }
}
