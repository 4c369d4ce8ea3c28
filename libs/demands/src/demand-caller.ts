/**
 * Who acts on or reads the ledger, as its use cases need them: the roles of their membership, and
 * what the registry says they serve (their grids, the units and buildings they lead). Built once
 * per request by DemandCallers from the guard's RequestAuth; plain data in commands and queries.
 */
import { Injectable } from '@nestjs/common';
import { communityOf, type RequestAuth } from '@yishi/access';
import { type Party, type Role } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import { type DemandViewer } from './demand-audience';

export interface DemandCaller extends DemandViewer {
  readonly communityId: string;
  readonly roles: readonly Role[];
  readonly party: Party | null;
}

/** Roles that read the whole ledger of their community. */
const WHOLE_LEDGER: readonly Role[] = ['secretary', 'party-member'];
const UNIT_LEADS: readonly Role[] = ['unit-lead', 'neighbour-lead', 'building-lead'];

export const hasRole = (caller: Pick<DemandCaller, 'roles'>, ...roles: Role[]): boolean =>
  caller.roles.some((r) => roles.includes(r));

@Injectable()
export class DemandCallers {
  constructor(private readonly registry: RegistryReads) {}

  async of(auth: RequestAuth): Promise<DemandCaller> {
    const communityId = communityOf(auth);
    const userId = auth.user.id;
    const m = auth.membership;
    const roles = m?.roles ?? [];
    const [grids, led] = await Promise.all([
      roles.includes('grid-worker') ? this.registry.gridsOfWorker(communityId, userId) : [],
      roles.some((r) => UNIT_LEADS.includes(r))
        ? this.registry.ledPlaces(communityId, userId)
        : { unitIds: [], buildings: [] },
    ]);
    return {
      communityId,
      userId,
      roles,
      party: m?.party ?? null,
      all: roles.some((r) => WHOLE_LEDGER.includes(r)),
      homeUnitIds: roles.includes('resident') ? (m?.unitIds ?? []) : [],
      ledUnitIds: led.unitIds,
      ledBuildings: led.buildings,
      gridIds: grids.map((g) => g.id),
    };
  }
}
