import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { PG_POOL } from '@yishi/platform';
import { AuditQueries } from './audit.queries';
import { CommunitiesRepository } from './communities.repository';
import { CreateCommunityController } from './create-community/create-community.http.controller';
import { CreateCommunityHandler } from './create-community/create-community.handler';
import { CreateGridController } from './create-grid/create-grid.http.controller';
import { CreateGridHandler } from './create-grid/create-grid.handler';
import { DeleteGridController } from './delete-grid/delete-grid.http.controller';
import { DeleteGridHandler } from './delete-grid/delete-grid.handler';
import { gridCommunity } from './grids';
import { GridsRepository } from './grids.repository';
import { ListGridsController } from './list-grids/list-grids.http.controller';
import { ListGridsHandler } from './list-grids/list-grids.handler';
import { RemoveGridRobotController } from './remove-grid-robot/remove-grid-robot.http.controller';
import { RemoveGridRobotHandler } from './remove-grid-robot/remove-grid-robot.handler';
import { SetGridRobotController } from './set-grid-robot/set-grid-robot.http.controller';
import { SetGridRobotHandler } from './set-grid-robot/set-grid-robot.handler';
import { SetAdmissionListController } from './set-admission-list/set-admission-list.http.controller';
import { SetAdmissionListHandler } from './set-admission-list/set-admission-list.handler';
import { UpdateGridController } from './update-grid/update-grid.http.controller';
import { UpdateGridHandler } from './update-grid/update-grid.handler';
import { CreateMembershipController } from './create-membership/create-membership.http.controller';
import { CreateMembershipHandler } from './create-membership/create-membership.handler';
import { ImportUnitsController } from './import-units/import-units.http.controller';
import { ImportUnitsHandler } from './import-units/import-units.handler';
import { ListCommunitiesController } from './list-communities/list-communities.http.controller';
import { ListCommunitiesHandler } from './list-communities/list-communities.handler';
import { ListMembershipsController } from './list-memberships/list-memberships.http.controller';
import { ListMembershipsHandler } from './list-memberships/list-memberships.handler';
import { ListPlacesController } from './list-places/list-places.http.controller';
import { ListPlacesHandler } from './list-places/list-places.handler';
import { ListUnitsController } from './list-units/list-units.http.controller';
import { ListUnitsHandler } from './list-units/list-units.handler';
import { MembershipsRepository } from './memberships.repository';
import { AuditController } from './read-audit/read-audit.http.controller';
import { ReadAuditHandler } from './read-audit/read-audit.handler';
import { ReadCommunityController } from './read-community/read-community.http.controller';
import { ReadCommunityHandler } from './read-community/read-community.handler';
import { ReadSettingsController } from './read-settings/read-settings.http.controller';
import { ReadSettingsHandler } from './read-settings/read-settings.handler';
import { RemoveMembershipController } from './remove-membership/remove-membership.http.controller';
import { RemoveMembershipHandler } from './remove-membership/remove-membership.handler';
import { UnitsRepository } from './units.repository';
import { EstatesRepository } from './estates.repository';
import { SetPropertyCompanyController } from './set-property-company/set-property-company.http.controller';
import { SetPropertyCompanyHandler } from './set-property-company/set-property-company.handler';
import { UpdateMembershipController } from './update-membership/update-membership.http.controller';
import { UpdateMembershipHandler } from './update-membership/update-membership.handler';
import { UpdateSettingsController } from './update-settings/update-settings.http.controller';
import { UpdateSettingsHandler } from './update-settings/update-settings.handler';

/**
 * The registry: communities, their units and places, memberships, grids, settings and the audit log.
 * Controllers are listed in the order the OpenAPI document has always shown their routes.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    CreateCommunityController,
    ListCommunitiesController,
    ReadCommunityController,
    ImportUnitsController,
    ListUnitsController,
    ListPlacesController,
    SetPropertyCompanyController,
    ListMembershipsController,
    CreateMembershipController,
    UpdateMembershipController,
    RemoveMembershipController,
    ReadSettingsController,
    UpdateSettingsController,
    AuditController,
    CreateGridController,
    ListGridsController,
    UpdateGridController,
    DeleteGridController,
    SetAdmissionListController,
    SetGridRobotController,
    RemoveGridRobotController,
  ],
  providers: [
    CommunitiesRepository,
    UnitsRepository,
    EstatesRepository,
    MembershipsRepository,
    AuditQueries,
    GridsRepository,
    CreateCommunityHandler,
    ListCommunitiesHandler,
    ReadCommunityHandler,
    ImportUnitsHandler,
    ListUnitsHandler,
    ListPlacesHandler,
    SetPropertyCompanyHandler,
    ListMembershipsHandler,
    CreateMembershipHandler,
    UpdateMembershipHandler,
    RemoveMembershipHandler,
    ReadSettingsHandler,
    UpdateSettingsHandler,
    ReadAuditHandler,
    CreateGridHandler,
    ListGridsHandler,
    UpdateGridHandler,
    DeleteGridHandler,
    SetAdmissionListHandler,
    SetGridRobotHandler,
    RemoveGridRobotHandler,
  ],
})
export class RegistryModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** `:gridId` routes are about the grid's community (the guard's scope). */
  onModuleInit(): void {
    this.scopes.register('gridId', async (id) => {
      const communityId = await gridCommunity(this.pool, id);
      return communityId === undefined ? undefined : { communityId, parties: {} };
    });
  }
}
