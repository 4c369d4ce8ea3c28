import { Command } from '@nestjs/cqrs';
import { type settingsView } from '../settings';

/** Applies to stages entered after the change. */
export class UpdateSettingsCommand extends Command<ReturnType<typeof settingsView>> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly patch: Record<string, unknown>,
  ) {
    super();
  }
}
