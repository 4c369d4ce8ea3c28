import { Global, Module } from '@nestjs/common';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE } from '@yishi/platform';
import { DemandRepository } from './demand-repository';

/** The process's one DemandRepository, for the API's use cases and the worker's jobs alike. */
@Global()
@Module({
  providers: [
    {
      provide: DemandRepository,
      useFactory: (store: EventStore) => new DemandRepository(store),
      inject: [EVENT_STORE],
    },
  ],
  exports: [DemandRepository],
})
export class DemandStoreModule {}
