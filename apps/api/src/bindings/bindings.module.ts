import { Module } from '@nestjs/common';
import { type AppConfig, APP_CONFIG } from '@yishi/config';
import { BINDING_HASHER, createBindingHasher } from './binding-hasher';
import { BindingRequestsController } from './binding-requests.http.controller';
import {
  OwnerIdentitiesController,
  OwnerIdentitiesImportController,
} from './owner-identities.http.controller';
import {
  CommunityUnitBindingsController,
  MyUnitBindingsController,
} from './unit-bindings.http.controller';

/** Real-name binding (实名绑定) of resident accounts to units (docs/voting.md). */
@Module({
  controllers: [
    OwnerIdentitiesController,
    OwnerIdentitiesImportController,
    MyUnitBindingsController,
    CommunityUnitBindingsController,
    BindingRequestsController,
  ],
  providers: [
    {
      provide: BINDING_HASHER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createBindingHasher(config),
    },
  ],
  exports: [BINDING_HASHER],
})
export class BindingsModule {}
