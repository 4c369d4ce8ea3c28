import { Command } from '@nestjs/cqrs';
import { type LeadBuilding } from '@yishi/registry';

/** Sets the buildings a building lead (or grid worker) serves: their paper ballots and canvass. */
export class SetLeadBuildingsCommand extends Command<LeadBuilding[]> {
  constructor(
    readonly communityId: string,
    readonly actorId: string,
    readonly userId: string,
    readonly buildings: readonly LeadBuilding[],
  ) {
    super();
  }
}

/** Marks units as the developer's unsold (or not): together they count as one owner. */
export class MarkDeveloperUnsoldCommand extends Command<number> {
  constructor(
    readonly communityId: string,
    readonly actorId: string,
    readonly unitIds: readonly string[],
    readonly unsold: boolean,
  ) {
    super();
  }
}
