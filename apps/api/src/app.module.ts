import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule, CaseStoreModule } from '@yishi/cases';
import { DemandsModule, DemandStoreModule } from '@yishi/demands';
import { FollowUpModule } from '@yishi/follow-up';
import { IdentityModule } from '@yishi/identity';
import { NotificationsModule } from '@yishi/notifications';
import { CoreModule, type Runtime } from '@yishi/platform';
import { VotingModule } from '@yishi/voting';
import { WhistlesModule, WhistleStoreModule } from '@yishi/whistles';
import { AccessModule } from './access/access.module';
import { BindingsModule, RegistryModule, StreetsModule } from '@yishi/registry';
import { FirstStartService } from './first-start/first-start.service';

/** The public HTTP API. Feature modules (registry, cases, voting, demands) are imported here; no worker. */
@Module({})
export class ApiModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRuntime(runtime),
        CqrsModule,
        CaseStoreModule,
        DemandStoreModule,
        WhistleStoreModule,
        IdentityModule,
        AccessModule,
        RegistryModule,
        CasesModule,
        FollowUpModule,
        VotingModule,
        DemandsModule,
        BindingsModule,
        StreetsModule,
        WhistlesModule,
        NotificationsModule,
      ],
      providers: [FirstStartService],
    };
  }
}
