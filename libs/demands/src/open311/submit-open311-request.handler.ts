import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DEMAND_CATEGORY_LABELS,
  ForbiddenError,
  ledgerDueAt,
  NotFoundError,
  ValidationError,
  type DemandPlace,
} from '@yishi/domain';
import { matchAddressToUnit, RegistryReads } from '@yishi/registry';
import { type DemandCaller } from '../demand-caller';
import { SubmitLedgerDemandCommand } from '../submit-demand/submit-demand.command';
import { isServiceCode, serviceNotice } from './georeport';
import { Open311Keys, type Open311KeyHolder } from './open311-keys';
import { Open311Requests } from './open311-requests';
import { ledgerContent, parseSubmission, type Open311Submission } from './open311-submission';
import {
  SubmitOpen311RequestCommand,
  type SubmittedOpen311Request,
} from './submit-open311-request.command';

/**
 * Reads the form, checks the api_key (403) and its jurisdiction, places the matter (an address_id
 * is a unit of the ledger; an address_string is matched as the hotline's addresses are; lat/long
 * alone place nothing, and the secretary routes it), then submits it to the ledger as the key's
 * issuer would (SubmitLedgerDemandCommand): source online, the named person as `onBehalfOf`.
 *
 * Only the estate and building are kept, never the unit: a demand with a unit shows its
 * `onBehalfOf` to that unit's residents, and a neighbour's report about a flat must not show them
 * who reported it. The `open311_requests` row goes first and is removed if the intake is refused,
 * so a demand from Open311 never lacks it (an orphan row is never listed: the reads join the
 * ledger's read model).
 */
@CommandHandler(SubmitOpen311RequestCommand)
export class SubmitOpen311RequestHandler implements ICommandHandler<
  SubmitOpen311RequestCommand,
  SubmittedOpen311Request
> {
  constructor(
    private readonly commands: CommandBus,
    private readonly keys: Open311Keys,
    private readonly requests: Open311Requests,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ fields }: SubmitOpen311RequestCommand): Promise<SubmittedOpen311Request> {
    const submission = parseSubmission(fields);
    const holder = await this.keys.authenticate(submission.apiKey);
    if (submission.jurisdictionId !== null && submission.jurisdictionId !== holder.communityId)
      throw new ForbiddenError('这个 api_key 不属于 jurisdiction_id 所指的社区', {
        field: 'jurisdiction_id',
      });
    const code = submission.serviceCode;
    if (!isServiceCode(code))
      throw new NotFoundError(`没有这种服务类型：${code}，可选的类型见 services.json`, {
        field: 'service_code',
      });
    const place = await this.place(holder.communityId, submission);
    const demandId = randomUUID();
    await this.requests.record({
      demandId,
      communityId: holder.communityId,
      keyId: holder.keyId,
      description: submission.description,
      lat: submission.point?.lat ?? null,
      long: submission.point?.long ?? null,
      addressString: submission.addressString,
      mediaUrl: submission.mediaUrl,
    });
    try {
      const outcome = await this.commands.execute(
        new SubmitLedgerDemandCommand(
          {
            demandId,
            freshId: true,
            content: ledgerContent(submission, DEMAND_CATEGORY_LABELS[code]),
            category: code,
            unitId: null,
            place,
            source: 'online',
            onBehalfOf:
              submission.name === null && submission.phone === null
                ? null
                : { name: submission.name ?? '（未留姓名）', phone: submission.phone },
            photoIds: [],
          },
          issuerCaller(holder),
        ),
      );
      if (outcome.state === null) throw new Error(`demand ${demandId} was not received`);
      const demand = outcome.state;
      return {
        demand,
        serviceRequestId: demand.number,
        serviceNotice: serviceNotice(demand, ledgerDueAt(demand)),
        accountId: submission.accountId,
      };
    } catch (error) {
      await this.requests.forget(demandId);
      throw error;
    }
  }

  /** Estate and building of the address given, or null (no building found: the secretary's). */
  private async place(communityId: string, s: Open311Submission): Promise<DemandPlace | null> {
    if (s.addressId !== null) {
      const unit = await this.registry.unitPlace(communityId, s.addressId);
      if (unit === null)
        throw new ValidationError('address_id：本社区的房屋登记中没有这个房屋编号', {
          fields: [{ field: 'address_id', problems: ['本社区的房屋登记中没有这个房屋编号'] }],
        });
      return unit;
    }
    if (s.addressString === null) return null;
    const match = matchAddressToUnit(s.addressString, await this.registry.unitLedger(communityId));
    return match === null ? null : { estate: match.estate, building: match.building };
  }
}

/** The key's issuer as the ledger's intake sees a caller: the community's secretary. */
function issuerCaller(holder: Open311KeyHolder): DemandCaller {
  return {
    communityId: holder.communityId,
    userId: holder.issuedBy,
    roles: holder.roles,
    party: holder.party,
    all: true,
    homeUnitIds: [],
    ledUnitIds: [],
    ledBuildings: [],
    gridIds: [],
  };
}
