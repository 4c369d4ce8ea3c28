import { type DynamicModule, Module } from '@nestjs/common';
import { CasesModule, CaseStoreModule } from '@yishi/cases';
import { FollowUpModule } from '@yishi/follow-up';
import { IdentityModule } from '@yishi/identity';
import { CoreModule, type Runtime } from '@yishi/platform';
import { WorkerModule } from '@yishi/worker';
import { AccessModule } from './access/access.module';
import { BindingsModule } from './bindings/bindings.module';
import { FirstStartService } from './first-start/first-start.service';
import { NotificationsModule } from './notifications/notifications.module';
import { RegistryModule } from './registry/registry.module';
import { VotingModule } from './voting/voting.module';

/** The public HTTP API. Feature modules (registry, cases, voting) are imported here. */
@Module({})
export class ApiModule {
  static forRuntime(runtime: Runtime, options: { withWorker: boolean }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRuntime(runtime),
        CaseStoreModule,
        IdentityModule,
        AccessModule,
        RegistryModule,
        CasesModule,
        FollowUpModule,
        VotingModule,
        BindingsModule,
        NotificationsModule,
        ...(options.withWorker ? [WorkerModule] : []),
      ],
      providers: [FirstStartService],
    };
  }
}
