import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  AlreadyExistsError,
  ForbiddenError,
  formatDemandNumber,
  ValidationError,
} from '@yishi/domain';
import { demandSettingsOf, RegistryReads } from '@yishi/registry';
import { DemandNumbers } from '../demand-numbers';
import { hasRole, type DemandCaller } from '../demand-caller';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { UploadsRepository } from '../uploads.repository';
import { SubmitLedgerDemandCommand, type SubmittedDemand } from './submit-demand.command';

type Submitted = DemandOutcome & { created: boolean };

/**
 * Checks who submits for which unit and place, the photos and the grid, then decides the intake
 * with a provisional number and takes the real one just before the append. The same id sent
 * again by its submitter answers the demand already recorded.
 */
@CommandHandler(SubmitLedgerDemandCommand)
export class SubmitLedgerDemandHandler implements ICommandHandler<
  SubmitLedgerDemandCommand,
  Submitted
> {
  constructor(
    private readonly demands: DemandRepository,
    private readonly registry: RegistryReads,
    private readonly numbers: DemandNumbers,
    private readonly uploads: UploadsRepository,
  ) {}

  async execute({ demand, caller }: SubmitLedgerDemandCommand): Promise<Submitted> {
    const recorded = await this.recorded(demand.demandId, caller);
    if (recorded !== undefined) return recorded;
    if (demand.onBehalfOf !== null && !hasRole(caller, ...ON_BEHALF))
      throw new ForbiddenError('只有网格员、楼栋长、单元长、邻长和社区书记可以代居民登记诉求', {
        field: 'onBehalfOf',
      });
    const place = await this.place(demand, caller);
    const grid =
      place?.building === null || place === null
        ? null
        : await this.registry.gridOfBuilding(caller.communityId, place.estate, place.building);
    const photoIds = await this.uploads.requireOwnUnattached(
      caller.communityId,
      caller.userId,
      demand.photoIds,
      'photoIds',
    );
    // The community's deadlines (docs/demands.md, "Deadlines"), fixed on the demand at intake.
    const settings = await this.registry.settings(caller.communityId);
    const prefix = settings.demandNumberPrefix;
    const now = new Date().toISOString();
    try {
      const outcome = await this.demands.execute(
        demand.demandId,
        {
          type: 'ReceiveDemand',
          data: {
            demandId: demand.demandId,
            communityId: caller.communityId,
            // Checked by the decider as the day's; the real sequence is taken once it passed.
            number: formatDemandNumber(prefix, now, 1),
            content: demand.content,
            category: demand.category,
            unitId: demand.unitId,
            place,
            gridId: grid?.id ?? null,
            source: demand.source,
            photoIds,
            onBehalfOf: demand.onBehalfOf,
            settings: demandSettingsOf(settings, demand.category),
          },
        },
        {
          actorId: caller.userId,
          now,
          beforeAppend: (_state, events) => this.numbers.numbered(prefix, events),
        },
      );
      await this.uploads.attach(demand.demandId, photoIds);
      return { ...outcome, created: true };
    } catch (error) {
      // The same id raced in from another request of the same client: that one recorded it.
      const raced = error instanceof AlreadyExistsError;
      const again = raced ? await this.recorded(demand.demandId, caller) : undefined;
      if (again !== undefined) return again;
      throw error;
    }
  }

  /** The demand already recorded under this id by this caller; 409 when someone else's. */
  private async recorded(demandId: string, caller: DemandCaller): Promise<Submitted | undefined> {
    const loaded = await this.demands.load(demandId);
    if (loaded.state === null) return undefined;
    if (
      loaded.state.submittedBy !== caller.userId ||
      loaded.state.communityId !== caller.communityId
    )
      throw new AlreadyExistsError('这个诉求编号已被使用，请重新提交', { field: 'id' });
    return { ...loaded, events: [], created: false };
  }

  /**
   * Where the matter is: a unit fixes estate and building (a resident may name only their own
   * units), a place must be in the community's ledger; neither is a demand with no place.
   */
  private async place(
    demand: SubmittedDemand,
    caller: DemandCaller,
  ): Promise<{ estate: string; building: string | null } | null> {
    if (demand.unitId !== null) {
      if (demand.place !== null)
        throw new ValidationError('房屋已确定小区和楼栋，请不要同时填写地点', {
          fields: [{ field: 'place', problems: ['房屋和地点只能填一个'] }],
        });
      const residentOnly = !hasRole(caller, ...FOR_ANY_UNIT);
      if (residentOnly && !caller.homeUnitIds.includes(demand.unitId))
        throw new ForbiddenError('居民只能为自己居住的房屋提出诉求', { field: 'unitId' });
      const unit = await this.registry.unitPlace(caller.communityId, demand.unitId);
      if (unit === null)
        throw new ValidationError('本社区的房屋登记中没有这个房屋', {
          fields: [{ field: 'unitId', problems: ['本社区没有这个房屋'] }],
        });
      return unit;
    }
    if (demand.place === null) return null;
    const units = await this.registry.unitsInScope(caller.communityId, demand.place);
    if (units === 0)
      throw new ValidationError('本社区的房屋登记中没有这个小区或楼栋', {
        fields: [{ field: 'place', problems: ['本社区没有这个小区或楼栋'] }],
      });
    return demand.place;
  }
}

/** Who may write a demand down for a resident (onBehalfOf). */
const ON_BEHALF = [
  'grid-worker',
  'building-lead',
  'unit-lead',
  'neighbour-lead',
  'secretary',
] as const;

/** Who may name any unit of the community; a resident alone names their own. */
const FOR_ANY_UNIT = [...ON_BEHALF, 'party-member'] as const;
