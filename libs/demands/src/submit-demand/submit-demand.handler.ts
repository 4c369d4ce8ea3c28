import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  AlreadyExistsError,
  ForbiddenError,
  formatDemandNumber,
  ValidationError,
} from '@yishi/domain';
import {
  demandSettingsOf,
  RegistryReads,
  type IntakePlace,
  type IntakeWhere,
} from '@yishi/registry';
import { DemandNumbers } from '../demand-numbers';
import { hasRole, type DemandCaller } from '../demand-caller';
import {
  DemandRepository,
  NO_DEMAND,
  type DemandOutcome,
  type LoadedDemand,
} from '../demand-repository';
import { UploadsRepository } from '../uploads.repository';
import { SubmitLedgerDemandCommand, type SubmittedDemand } from './submit-demand.command';

type Submitted = DemandOutcome & { created: boolean };

/**
 * Checks who submits for which unit and place, the photos and the grid, then decides the intake
 * with a provisional number and takes the real one just before the append. The same id sent
 * again by its submitter answers the demand already recorded.
 *
 * Round trips, the intake being the ledger's busiest write: the stream is read once (not at all
 * for an id made at random for this request), and the repository decides on that state rather
 * than reading it again, the append's expected version guarding it; the settings, the place and
 * its grid come in one statement (RegistryReads.intakePlace); the number's upsert and the append
 * are group commits shared with the intakes running alongside.
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

  async execute({ demand, caller, at }: SubmitLedgerDemandCommand): Promise<Submitted> {
    const loaded = demand.freshId ? NO_DEMAND : await this.demands.load(demand.demandId);
    const recorded = this.recorded(loaded, caller);
    if (recorded !== undefined) return recorded;
    if (demand.onBehalfOf !== null && !hasRole(caller, ...ON_BEHALF))
      throw new ForbiddenError('只有网格员、楼栋长、单元长、邻长和社区书记可以代居民登记诉求', {
        field: 'onBehalfOf',
      });
    const intake = await this.registry.intakePlace(caller.communityId, where(demand, caller));
    const place = placeOf(demand, intake.place);
    const photoIds = await this.uploads.requireOwnUnattached(
      caller.communityId,
      caller.userId,
      demand.photoIds,
      'photoIds',
    );
    // The community's deadlines (docs/demands.md, "Deadlines"), fixed on the demand at intake.
    const { settings } = intake;
    const prefix = settings.demandNumberPrefix;
    const now = at ?? new Date().toISOString();
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
            gridId: intake.grid?.id ?? null,
            source: demand.source,
            photoIds,
            onBehalfOf: demand.onBehalfOf,
            settings: demandSettingsOf(settings, demand.category),
          },
        },
        {
          actorId: caller.userId,
          now,
          loaded,
          beforeAppend: (_state, events) => this.numbers.numbered(prefix, events),
        },
      );
      await this.uploads.attach(demand.demandId, photoIds);
      return { ...outcome, created: true };
    } catch (error) {
      // The same id raced in from another request of the same client: that one recorded it.
      const again =
        error instanceof AlreadyExistsError
          ? this.recorded(await this.demands.load(demand.demandId), caller)
          : undefined;
      if (again !== undefined) return again;
      throw error;
    }
  }

  /** The demand already recorded under this id by this caller; 409 when someone else's. */
  private recorded(loaded: LoadedDemand, caller: DemandCaller): Submitted | undefined {
    if (loaded.state === null) return undefined;
    if (
      loaded.state.submittedBy !== caller.userId ||
      loaded.state.communityId !== caller.communityId
    )
      throw new AlreadyExistsError('这个诉求编号已被使用，请重新提交', { field: 'id' });
    return { ...loaded, events: [], created: false };
  }
}

/**
 * Where the registry is asked to look: a unit fixes estate and building (a resident may name only
 * their own units), a place is looked up by its names; neither is a demand with no place.
 */
function where(demand: SubmittedDemand, caller: DemandCaller): IntakeWhere {
  if (demand.unitId === null) return demand.place === null ? null : { place: demand.place };
  if (demand.place !== null)
    throw new ValidationError('房屋已确定小区和楼栋，请不要同时填写地点', {
      fields: [{ field: 'place', problems: ['房屋和地点只能填一个'] }],
    });
  const residentOnly = !hasRole(caller, ...FOR_ANY_UNIT);
  if (residentOnly && !caller.homeUnitIds.includes(demand.unitId))
    throw new ForbiddenError('居民只能为自己居住的房屋提出诉求', { field: 'unitId' });
  return { unitId: demand.unitId };
}

/** The place as the registry found it; 400 when the community's unit ledger has no such one. */
function placeOf(
  demand: SubmittedDemand,
  found: IntakePlace['place'],
): { estate: string; building: string | null } | null {
  if (found !== undefined) return found;
  if (demand.unitId !== null)
    throw new ValidationError('本社区的房屋登记中没有这个房屋', {
      fields: [{ field: 'unitId', problems: ['本社区没有这个房屋'] }],
    });
  throw new ValidationError('本社区的房屋登记中没有这个小区或楼栋', {
    fields: [{ field: 'place', problems: ['本社区没有这个小区或楼栋'] }],
  });
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
