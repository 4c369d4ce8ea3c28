import {
  Controller,
  Get,
  Inject,
  Injectable,
  type OnApplicationShutdown,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type Redis } from 'ioredis';
import { createRedisConnection } from '@yishi/messaging';
import { type Metrics } from '@yishi/observability';
import { OpenRoute } from './http/route-action';
import { METRICS, RUNTIME } from './tokens';
import { type Runtime } from './runtime';

const PROBE_TIMEOUT_MS = 1_500;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.redis = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-health',
      runtime.logger,
    );
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.runtime.pool.query('SELECT 1'), PROBE_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(this.pingRedis(), PROBE_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable', postgres, redis };
  }

  /** Fail-fast connection: while (re)connecting, wait for it to be ready instead of failing at once. */
  private async pingRedis(): Promise<string> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, PROBE_TIMEOUT_MS);
        this.redis.once('ready', done);
      });
    }
    return this.redis.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @OpenRoute('health.read', 'service health')
  @ApiOkResponse({
    description: 'Both PostgreSQL and Redis answer',
    schema: { example: { status: 'ok', postgres: 'up', redis: 'up' } },
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async get(@Res() res: FastifyReply): Promise<void> {
    const report = await this.health.check();
    if (report.status === 'ok') {
      void res.code(200).send(report);
      return;
    }
    const down = [
      report.postgres === 'down' ? 'PostgreSQL' : null,
      report.redis === 'down' ? 'Redis' : null,
    ].filter(Boolean);
    void res.code(503).send({
      ...report,
      error: {
        code: 'UNAVAILABLE',
        message: `${down.join(' and ')} unavailable`,
        details: { postgres: report.postgres, redis: report.redis },
      },
    });
  }
}

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get('metrics')
  @OpenRoute('metrics.read', 'Prometheus metrics')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async get(@Res() res: FastifyReply): Promise<void> {
    const body = await this.metrics.render();
    void res.code(200).header('Content-Type', this.metrics.registry.contentType).send(body);
  }
}
