import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, type LedgerDemand } from '@yishi/domain';
import { hasRole, type DemandCaller } from '../demand-caller';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { isGridWorkerOf } from '../demand-write';
import { UploadsRepository } from '../uploads.repository';
import { ResolveDemandCommand } from './resolve-demand.command';

/** The assignee (the person, or a member of the party it was given to), its grid's worker, the secretary. */
function mayResolve(caller: DemandCaller, d: LedgerDemand): boolean {
  const a = d.assignment;
  return (
    hasRole(caller, 'secretary') ||
    isGridWorkerOf(caller, d) ||
    (a !== null && a.userId === caller.userId) ||
    (a !== null && a.party !== null && hasRole(caller, 'party-member') && a.party === caller.party)
  );
}

@CommandHandler(ResolveDemandCommand)
export class ResolveDemandHandler implements ICommandHandler<ResolveDemandCommand, DemandOutcome> {
  constructor(
    private readonly demands: DemandRepository,
    private readonly uploads: UploadsRepository,
  ) {}

  async execute({
    demandId,
    resolution,
    caller,
    at,
  }: ResolveDemandCommand): Promise<DemandOutcome> {
    const photoIds = await this.uploads.requireOwnUnattached(
      caller.communityId,
      caller.userId,
      resolution.photoIds,
      'photoIds',
    );
    const outcome = await this.demands.execute(
      demandId,
      { type: 'ResolveDemand', data: { note: resolution.note, photoIds } },
      {
        actorId: caller.userId,
        now: at,
        beforeAppend: (state, events) => {
          if (state !== null && !mayResolve(caller, state))
            throw new ForbiddenError('只有承办人、诉求所在网格的网格员或社区书记可以办结', {
              gridId: state.gridId,
            });
          return events;
        },
      },
    );
    await this.uploads.attach(demandId, photoIds);
    return outcome;
  }
}
