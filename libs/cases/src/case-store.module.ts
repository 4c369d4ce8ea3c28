import { Global, Module } from '@nestjs/common';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE } from '@yishi/platform';
import { CaseRepository } from './case-repository';

/** The process's one CaseRepository, for the API's use cases and the worker's jobs alike. */
@Global()
@Module({
  providers: [
    {
      provide: CaseRepository,
      useFactory: (store: EventStore) => new CaseRepository(store),
      inject: [EVENT_STORE],
    },
  ],
  exports: [CaseRepository],
})
export class CaseStoreModule {}
