import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { EvidenceStorageModule, PG_POOL } from '@yishi/platform';
import { liveTableNames } from '@yishi/projections';
import { RegistryReadsModule } from '@yishi/registry';
import { AcceptDemandHandler } from './accept-demand/accept-demand.handler';
import { AcceptDemandController } from './accept-demand/accept-demand.http.controller';
import { AssignDemandHandler } from './assign-demand/assign-demand.handler';
import { AssignDemandController } from './assign-demand/assign-demand.http.controller';
import { ConfirmDemandHandler } from './confirm-demand/confirm-demand.handler';
import { ConfirmDemandController } from './confirm-demand/confirm-demand.http.controller';
import { DemandCallers } from './demand-caller';
import { DemandNumbers } from './demand-numbers';
import { DemandStatsHandler } from './demand-stats/demand-stats.handler';
import { DemandQueries } from './demand.queries';
import { EscalateDemandsHandler } from './escalate-demand/escalate-demand.handler';
import { EscalateDemandController } from './escalate-demand/escalate-demand.http.controller';
import { ImportHotlineTicketsHandler } from './import-hotline/import-hotline.handler';
import { ImportHotlineTicketsController } from './import-hotline/import-hotline.http.controller';
import { ListDemandsHandler } from './list-demands/list-demands.handler';
import { ListDemandsController } from './list-demands/list-demands.http.controller';
import { MergeDemandHandler } from './merge-demand/merge-demand.handler';
import { MergeDemandController } from './merge-demand/merge-demand.http.controller';
import { GeoReportController } from './open311/georeport.http.controller';
import { Open311Keys } from './open311/open311-keys';
import { Open311KeysController } from './open311/open311-keys.http.controller';
import {
  IssueOpen311KeyHandler,
  ListOpen311KeysHandler,
  RevokeOpen311KeyHandler,
} from './open311/open311-keys.handlers';
import {
  Open311RequestHandler,
  Open311RequestsHandler,
  Open311ServicesHandler,
} from './open311/open311-reads.handler';
import { Open311Requests } from './open311/open311-requests';
import { SubmitOpen311RequestHandler } from './open311/submit-open311-request.handler';
import { demandViewsProjection } from './projections/demand-views.projection';
import { ReadDemandHandler } from './read-demand/read-demand.handler';
import { ReadDemandController } from './read-demand/read-demand.http.controller';
import { ReadUploadHandler } from './read-upload/read-upload.handler';
import { RefuseDemandHandler } from './refuse-demand/refuse-demand.handler';
import { RefuseDemandController } from './refuse-demand/refuse-demand.http.controller';
import { ResolveDemandHandler } from './resolve-demand/resolve-demand.handler';
import { ResolveDemandController } from './resolve-demand/resolve-demand.http.controller';
import { SubmitLedgerDemandHandler } from './submit-demand/submit-demand.handler';
import { SubmitLedgerDemandController } from './submit-demand/submit-demand.http.controller';
import { UploadPhotoHandler } from './upload-photo/upload-photo.handler';
import { UploadsController } from './upload-photo/upload-photo.http.controller';
import { UploadsRepository } from './uploads.repository';
import { WithdrawDemandHandler } from './withdraw-demand/withdraw-demand.handler';
import { WithdrawDemandController } from './withdraw-demand/withdraw-demand.http.controller';

/**
 * The demands ledger (诉求台账) over HTTP: intake with its photos, the grid's handling (签收, 派单,
 * 退回, 办结), the submitter's confirmation (评价, 销号), withdrawal, merging and escalation into a
 * case (转议事), and the reads of the ledger's read model, with the yardsticks of the community
 * statistics (DemandStatsQuery); Open311 GeoReport v2 at /open311/v2 and its api_keys.
 */
@Module({
  imports: [CqrsModule, RegistryReadsModule, EvidenceStorageModule],
  controllers: [
    SubmitLedgerDemandController,
    UploadsController,
    AcceptDemandController,
    AssignDemandController,
    RefuseDemandController,
    ResolveDemandController,
    ConfirmDemandController,
    WithdrawDemandController,
    MergeDemandController,
    EscalateDemandController,
    ImportHotlineTicketsController,
    ListDemandsController,
    ReadDemandController,
    Open311KeysController,
    GeoReportController,
  ],
  providers: [
    DemandCallers,
    DemandNumbers,
    DemandQueries,
    UploadsRepository,
    SubmitLedgerDemandHandler,
    UploadPhotoHandler,
    ReadUploadHandler,
    AcceptDemandHandler,
    AssignDemandHandler,
    RefuseDemandHandler,
    ResolveDemandHandler,
    ConfirmDemandHandler,
    WithdrawDemandHandler,
    MergeDemandHandler,
    EscalateDemandsHandler,
    ImportHotlineTicketsHandler,
    ListDemandsHandler,
    ReadDemandHandler,
    DemandStatsHandler,
    Open311Keys,
    Open311Requests,
    IssueOpen311KeyHandler,
    RevokeOpen311KeyHandler,
    ListOpen311KeysHandler,
    SubmitOpen311RequestHandler,
    Open311ServicesHandler,
    Open311RequestsHandler,
    Open311RequestHandler,
  ],
})
export class DemandsModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    private readonly demands: DemandQueries,
    private readonly uploads: UploadsRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleInit(): Promise<void> {
    const community = (communityId: string | undefined) =>
      communityId === undefined ? undefined : { communityId, parties: {} };
    this.scopes.register('demandId', async (id) => community(await this.demands.community(id)));
    this.scopes.register('uploadId', async (id) => community(await this.uploads.community(id)));
    // The API reads this read model; an API started before any worker must find it.
    await demandViewsProjection.createTables(this.pool, liveTableNames(demandViewsProjection));
  }
}
