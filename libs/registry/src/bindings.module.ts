import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type AppConfig, APP_CONFIG } from '@yishi/config';
import { BindUnitController } from './bind-unit/bind-unit.http.controller';
import { BindUnitHandler } from './bind-unit/bind-unit.handler';
import { BindingAttempts } from './bindings/binding-attempts';
import { BindingEvidenceStore } from './bindings/binding-evidence.store';
import { BINDING_HASHER, createBindingHasher } from './bindings/binding-hasher';
import { BindingRequestsRepository } from './bindings/binding-requests.repository';
import { OwnerIdentitiesRepository } from './bindings/owner-identities.repository';
import { UnitBindingsRepository } from './bindings/unit-bindings.repository';
import { OwnerIdentitiesImportController } from './import-owner-identities/import-owner-identities.http.controller';
import { ImportOwnerIdentitiesHandler } from './import-owner-identities/import-owner-identities.handler';
import { ListBindingRequestsController } from './list-binding-requests/list-binding-requests.http.controller';
import { ListBindingRequestsHandler } from './list-binding-requests/list-binding-requests.handler';
import { ListMyBindingsController } from './list-my-bindings/list-my-bindings.http.controller';
import { ListMyBindingsHandler } from './list-my-bindings/list-my-bindings.handler';
import { ListOwnerIdentitiesController } from './list-owner-identities/list-owner-identities.http.controller';
import { ListOwnerIdentitiesHandler } from './list-owner-identities/list-owner-identities.handler';
import { ListUnitBindingsController } from './list-unit-bindings/list-unit-bindings.http.controller';
import { ListUnitBindingsHandler } from './list-unit-bindings/list-unit-bindings.handler';
import { ReadBindingEvidenceController } from './read-binding-evidence/read-binding-evidence.http.controller';
import { ReadBindingEvidenceHandler } from './read-binding-evidence/read-binding-evidence.handler';
import { RecordOwnerIdentityController } from './record-owner-identity/record-owner-identity.http.controller';
import { RecordOwnerIdentityHandler } from './record-owner-identity/record-owner-identity.handler';
import { RequestBindingController } from './request-binding/request-binding.http.controller';
import { RequestBindingHandler } from './request-binding/request-binding.handler';
import { ReviewBindingRequestController } from './review-binding-request/review-binding-request.http.controller';
import { ReviewBindingRequestHandler } from './review-binding-request/review-binding-request.handler';
import {
  UnbindMyUnitController,
  UnbindUnitController,
} from './unbind-unit/unbind-unit.http.controller';
import { UnbindUnitHandler } from './unbind-unit/unbind-unit.handler';

/**
 * Real-name binding (实名绑定) of resident accounts to units (docs/voting.md): owner records, the
 * binding by match, the secretary's approval of requests, unbinding. Its own module after the
 * registry's, so the OpenAPI document keeps its order; it provides BINDING_HASHER to the app.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    RecordOwnerIdentityController,
    ListOwnerIdentitiesController,
    OwnerIdentitiesImportController,
    ListMyBindingsController,
    BindUnitController,
    UnbindMyUnitController,
    ListUnitBindingsController,
    UnbindUnitController,
    RequestBindingController,
    ListBindingRequestsController,
    ReadBindingEvidenceController,
    ReviewBindingRequestController,
  ],
  providers: [
    {
      provide: BINDING_HASHER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createBindingHasher(config),
    },
    OwnerIdentitiesRepository,
    UnitBindingsRepository,
    BindingAttempts,
    BindingRequestsRepository,
    BindingEvidenceStore,
    RecordOwnerIdentityHandler,
    ListOwnerIdentitiesHandler,
    ImportOwnerIdentitiesHandler,
    ListMyBindingsHandler,
    BindUnitHandler,
    UnbindUnitHandler,
    ListUnitBindingsHandler,
    RequestBindingHandler,
    ListBindingRequestsHandler,
    ReadBindingEvidenceHandler,
    ReviewBindingRequestHandler,
  ],
  exports: [BINDING_HASHER],
})
export class BindingsModule {}
