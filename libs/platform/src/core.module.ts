import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppendSignal } from './append-signal';
import { IdempotencyStore } from './http/idempotency';
import { HealthController, HealthService, MetricsController } from './health';
import { type Runtime } from './runtime';
import { EVENT_STORE, LOGGER, METRICS, PG_POOL, RUNTIME } from './tokens';
import { APP_CONFIG } from '@yishi/config';

/** The shared infrastructure, for the API and the worker alike, plus /health and /metrics. */
@Global()
@Module({})
export class CoreModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: LOGGER, useValue: runtime.logger },
        { provide: METRICS, useValue: runtime.metrics },
        { provide: PG_POOL, useValue: runtime.pool },
        { provide: EVENT_STORE, useValue: runtime.store },
        HealthService,
        AppendSignal,
        {
          provide: IdempotencyStore,
          useFactory: () => new IdempotencyStore(runtime.pool, runtime.config.idempotencyTtlHours),
        },
      ],
      exports: [
        RUNTIME,
        APP_CONFIG,
        LOGGER,
        METRICS,
        PG_POOL,
        EVENT_STORE,
        HealthService,
        AppendSignal,
        IdempotencyStore,
      ],
    };
  }
}
