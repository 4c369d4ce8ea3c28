import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { markDeveloperUnsold, setLeadBuildings, type LeadBuilding } from '@yishi/registry';
import { MarkDeveloperUnsoldCommand, SetLeadBuildingsCommand } from './electorate.commands';

/* Both are the registry's records, read when a vote's electorate is frozen (later votes only). */

@CommandHandler(SetLeadBuildingsCommand)
export class SetLeadBuildingsHandler implements ICommandHandler<SetLeadBuildingsCommand> {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  execute({
    communityId,
    actorId,
    userId,
    buildings,
  }: SetLeadBuildingsCommand): Promise<LeadBuilding[]> {
    return setLeadBuildings(this.db, communityId, actorId, userId, buildings);
  }
}

@CommandHandler(MarkDeveloperUnsoldCommand)
export class MarkDeveloperUnsoldHandler implements ICommandHandler<MarkDeveloperUnsoldCommand> {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  execute({ communityId, actorId, unitIds, unsold }: MarkDeveloperUnsoldCommand): Promise<number> {
    return markDeveloperUnsold(this.db, communityId, actorId, unitIds, unsold);
  }
}
