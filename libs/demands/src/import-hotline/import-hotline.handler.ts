import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AlreadyExistsError, formatDemandNumber, type LedgerDemand } from '@yishi/domain';
import {
  demandSettingsOf,
  matchAddressToUnit,
  parseHotlineTickets,
  RegistryReads,
  type HotlineTicketDraft,
} from '@yishi/registry';
import { DemandNumbers } from '../demand-numbers';
import { DemandRepository } from '../demand-repository';
import { hotlineDemandId } from './hotline-demand-id';
import {
  ImportHotlineTicketsCommand,
  type HotlineImportedDemand,
  type HotlineImportResult,
} from './import-hotline.command';

/**
 * Every ticket is checked before anything is written (one bad row refuses the file, 400). Then,
 * one ticket after another in the file's order (so their numbers follow it): a ticket whose stream
 * exists is a duplicate and appends nothing; otherwise its address is matched against the unit
 * ledger (loaded once), its building gives the grid, and the demand is received with the hotline's
 * ticket, its number taken just before the append. Two imports of one ticket racing end in a
 * version conflict for one of them, which then finds the demand recorded: a duplicate.
 */
@CommandHandler(ImportHotlineTicketsCommand)
export class ImportHotlineTicketsHandler implements ICommandHandler<
  ImportHotlineTicketsCommand,
  HotlineImportResult
> {
  constructor(
    private readonly demands: DemandRepository,
    private readonly registry: RegistryReads,
    private readonly numbers: DemandNumbers,
  ) {}

  async execute({
    communityId,
    userId,
    contentType,
    body,
  }: ImportHotlineTicketsCommand): Promise<HotlineImportResult> {
    const tickets = parseHotlineTickets(body, contentType);
    const [units, prefix, settings] = await Promise.all([
      this.registry.unitLedger(communityId),
      this.registry.demandNumberPrefix(communityId),
      this.registry.settings(communityId),
    ]);
    const grids = new Map<string, Promise<string | null>>();
    const gridOf = (estate: string, building: string): Promise<string | null> => {
      const key = JSON.stringify([estate, building]);
      let grid = grids.get(key);
      if (grid === undefined) {
        grid = this.registry
          .gridOfBuilding(communityId, estate, building)
          .then((g) => g?.id ?? null);
        grids.set(key, grid);
      }
      return grid;
    };

    let imported = 0;
    let duplicates = 0;
    const unmatched: { ticketNumber: string; address: string }[] = [];
    const demands: HotlineImportedDemand[] = [];
    for (const ticket of tickets) {
      const demandId = hotlineDemandId(communityId, ticket.ticketNumber);
      const before = await this.recorded(demandId);
      if (before !== null) {
        duplicates++;
        demands.push(listed(ticket, before));
        continue;
      }
      const match = matchAddressToUnit(ticket.address, units);
      const place = match === null ? null : { estate: match.estate, building: match.building };
      const gridId = place === null ? null : await gridOf(place.estate, place.building);
      const now = new Date().toISOString();
      try {
        const { state } = await this.demands.execute(
          demandId,
          {
            type: 'ReceiveDemand',
            data: {
              demandId,
              communityId,
              // Checked by the decider as the day's; the real sequence is taken once it passed.
              number: formatDemandNumber(prefix, now, 1),
              // The hotline's address stays readable in the ledger, matched or not.
              content: `${ticket.content}\n地址：${ticket.address}`,
              category: ticket.category,
              unitId: match?.kind === 'unit' ? match.unitId : null,
              place,
              gridId,
              source: 'hotline',
              photoIds: [],
              onBehalfOf: null,
              hotline: {
                ticketNumber: ticket.ticketNumber,
                receivedAt: ticket.receivedAt,
                dueAt: ticket.dueAt,
                category: ticket.hotlineCategory,
              },
              // The community's deadlines, as for any intake (the hotline's own is kept beside).
              settings: demandSettingsOf(settings, ticket.category),
            },
          },
          {
            actorId: userId,
            now,
            beforeAppend: (_state, events) => this.numbers.numbered(prefix, events),
          },
        );
        imported++;
        if (match === null)
          unmatched.push({ ticketNumber: ticket.ticketNumber, address: ticket.address });
        demands.push(listed(ticket, state!));
      } catch (error) {
        // Another import of the same ticket appended first (the retry found the stream).
        const raced = error instanceof AlreadyExistsError ? await this.recorded(demandId) : null;
        if (raced === null) throw error;
        duplicates++;
        demands.push(listed(ticket, raced));
      }
    }
    return { imported, duplicates, unmatched, demands };
  }

  private async recorded(demandId: string): Promise<LedgerDemand | null> {
    return (await this.demands.load(demandId)).state;
  }
}

function listed(ticket: HotlineTicketDraft, demand: LedgerDemand): HotlineImportedDemand {
  return {
    ticketNumber: ticket.ticketNumber,
    id: demand.id,
    number: demand.number,
    unitId: demand.unitId,
    gridId: demand.gridId,
  };
}
