import { Global, Module } from '@nestjs/common';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE } from '@yishi/platform';
import { WhistleLinks } from './links/whistle-links';
import { WhistleRepository } from './whistle-repository';

/**
 * The process's one WhistleRepository and WhistleLinks, for the API's use cases and the worker's
 * reactions alike.
 */
@Global()
@Module({
  providers: [
    {
      provide: WhistleRepository,
      useFactory: (store: EventStore) => new WhistleRepository(store),
      inject: [EVENT_STORE],
    },
    WhistleLinks,
  ],
  exports: [WhistleRepository, WhistleLinks],
})
export class WhistleStoreModule {}
