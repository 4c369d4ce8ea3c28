import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { EvidenceStorageModule, PG_POOL } from '@yishi/platform';
import { liveTableNames } from '@yishi/projections';
import { AcceptWhistleHandler } from './accept-whistle/accept-whistle.handler';
import { AcceptWhistleController } from './accept-whistle/accept-whistle.http.controller';
import { AnswerWhistleHandler } from './answer-whistle/answer-whistle.handler';
import { AnswerWhistleController } from './answer-whistle/answer-whistle.http.controller';
import { CheckInHandler } from './check-in/check-in.handler';
import { CheckInController } from './check-in/check-in.http.controller';
import { IssueWhistleHandler } from './issue-whistle/issue-whistle.handler';
import { IssueWhistleController } from './issue-whistle/issue-whistle.http.controller';
import { ListWhistlesHandler } from './list-whistles/list-whistles.handler';
import { ListWhistlesController } from './list-whistles/list-whistles.http.controller';
import { whistleViewsProjection } from './projections/whistle-views.projection';
import { ReadWhistlePhotoHandler } from './read-photo/read-photo.handler';
import { RateWhistleHandler } from './rate-whistle/rate-whistle.handler';
import { RateWhistleController } from './rate-whistle/rate-whistle.http.controller';
import { ReadWhistleHandler } from './read-whistle/read-whistle.handler';
import { ReadWhistleController } from './read-whistle/read-whistle.http.controller';
import {
  ReadDistrictStatsHandler,
  ReadStreetStatsHandler,
} from './street-stats/street-stats.handler';
import { StreetStatsController } from './street-stats/street-stats.http.controller';
import { StreetStatsQueries } from './street-stats/street-stats.queries';
import { TransferWhistleHandler } from './transfer-whistle/transfer-whistle.handler';
import { TransferWhistleController } from './transfer-whistle/transfer-whistle.http.controller';
import { WhistleUploadsController } from './upload-photo/upload-photo.http.controller';
import { WhistlePhotos } from './whistle-photos';
import { WhistleQueries } from './whistle-queries';
import { WithdrawWhistleHandler } from './withdraw-whistle/withdraw-whistle.handler';
import { WithdrawWhistleController } from './withdraw-whistle/withdraw-whistle.http.controller';

/**
 * Whistles over HTTP (吹哨报到, docs/whistles.md): 录入 by the secretary, the departments' 签收,
 * 流转, 报到 with photos and 反馈, the secretary's 评价 and 撤回, and the reads of the read model.
 * The street's and the district's figures (street-stats). Photos are uploaded through the demands' upload command (DemandsModule handles it).
 */
@Module({
  imports: [CqrsModule, EvidenceStorageModule],
  controllers: [
    IssueWhistleController,
    WhistleUploadsController,
    AcceptWhistleController,
    TransferWhistleController,
    CheckInController,
    AnswerWhistleController,
    RateWhistleController,
    WithdrawWhistleController,
    ReadWhistleController,
    ListWhistlesController,
    StreetStatsController,
  ],
  providers: [
    WhistleQueries,
    WhistlePhotos,
    IssueWhistleHandler,
    AcceptWhistleHandler,
    TransferWhistleHandler,
    CheckInHandler,
    AnswerWhistleHandler,
    RateWhistleHandler,
    WithdrawWhistleHandler,
    ReadWhistleHandler,
    ReadWhistlePhotoHandler,
    ListWhistlesHandler,
    StreetStatsQueries,
    ReadStreetStatsHandler,
    ReadDistrictStatsHandler,
  ],
})
export class WhistlesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    private readonly whistles: WhistleQueries,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleInit(): Promise<void> {
    // `:whistleId` is about the whistle's community (never changes, remembered) and its street
    // with the departments it is with now (a transfer changes them: asked every time).
    this.scopes.register('whistleId', async (id) => {
      const scope = await this.whistles.scope(id);
      return scope === undefined ? undefined : { communityId: scope.communityId, parties: {} };
    });
    this.scopes.registerStreet(
      'whistleId',
      async (id) => {
        const scope = await this.whistles.scope(id);
        return scope === undefined
          ? undefined
          : { streetId: scope.streetId, departmentIds: scope.departmentIds };
      },
      { stable: false },
    );
    // The API reads this read model; an API started before any worker must find it.
    await whistleViewsProjection.createTables(this.pool, liveTableNames(whistleViewsProjection));
  }
}
