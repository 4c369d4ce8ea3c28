import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Redis } from 'ioredis';
import { type Pool } from 'pg';
import { catchError, from, mergeMap, type Observable, of } from 'rxjs';
import { type AppConfig } from '@yishi/config';
import { RateLimitedError } from '@yishi/domain';
import { createRedisConnection } from '@yishi/messaging';
import { loadTokenSecret } from '@yishi/identity';
import { type Logger } from '@yishi/observability';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  IdempotencyStore,
  LOGGER,
  PG_POOL,
  RedisRateLimiter,
  ReplayedErrorResponse,
  RUNTIME,
  parseIdempotencyKey,
  pathOf,
  requestFingerprint,
  toErrorResponse,
  type ErrorBody,
  type IdempotencyScope,
  type Runtime,
} from '@yishi/platform';
import { type AuthenticatedRequest } from '../access/request-auth';
import { type IdempotentRequest, NO_IDEMPOTENCY } from './write-guards.decorators';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PRUNE_EVERY_MS = 10 * 60_000;
const FAIL_OPEN_LOG_EVERY_MS = 60_000;

type GuardedRequest = FastifyRequest & AuthenticatedRequest & IdempotentRequest;

/** The route a request matched, as declared (`/api/v1/cases/:caseId/advance`), else its path. */
function routePattern(req: FastifyRequest): string {
  return req.routeOptions.url ?? pathOf(req.url);
}

/** Answers worth replaying: not a 5xx, not a "try again later" (429, a lost version race). */
function storable(status: number, body: ErrorBody | undefined): boolean {
  if (status >= 500 || status === 429) return false;
  return body?.error.code !== 'CONCURRENCY_CONFLICT';
}

/**
 * Every write (after the AuthGuard, so the caller is known): the per-user and per-address rate
 * limits in Redis, then the Idempotency-Key: reserve, run, store the answer; or replay it, or
 * refuse a reuse (422) or a concurrent duplicate (409). docs/http-hardening.md.
 */
@Injectable()
export class WriteGuardInterceptor implements NestInterceptor, OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly limiter: RedisRateLimiter;
  private readonly store: IdempotencyStore;
  private readonly config: AppConfig;
  private pruneTimer: NodeJS.Timeout | undefined;
  private lastFailOpenLog = 0;
  /** The key of request fingerprints: the access tokens' secret, which every API process shares. */
  private fingerprintKey: Promise<Buffer> | undefined;

  constructor(
    private readonly reflector: Reflector,
    @Inject(RUNTIME) runtime: Runtime,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.config = runtime.config;
    this.redis = createRedisConnection(runtime.redisUrl, 'producer', 'yishi-rate-limit');
    this.limiter = new RedisRateLimiter(
      this.redis,
      this.config.queuePrefix,
      this.config.rateLimitWindowSeconds,
    );
    this.store = new IdempotencyStore(pool, this.config.idempotencyTtlHours);
  }

  onModuleInit(): void {
    // Expired keys are never replayed (reserve ignores them); pruning only keeps the table small.
    this.pruneTimer = setInterval(() => {
      this.store.prune().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not prune expired idempotency keys');
      });
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** After the HTTP server has stopped taking requests. */
  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
    this.redis.disconnect();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    if (!WRITES.has(req.method)) return next.handle();
    await this.rateLimit(req);

    if (this.reflector.get<boolean | undefined>(NO_IDEMPOTENCY, context.getHandler()) === true)
      return next.handle();
    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    const scope: IdempotencyScope = {
      principal: this.principal(req),
      route: `${req.method} ${routePattern(req)}`,
      key,
    };
    this.fingerprintKey ??= loadTokenSecret(this.config.authTokenSecret, this.config.dataDir);
    const reservation = await this.store.reserve(
      scope,
      requestFingerprint(await this.fingerprintKey, req.method, req.url, req.body),
    );
    switch (reservation.outcome) {
      case 'mismatch':
        throw new IdempotencyKeyReusedError(
          'This Idempotency-Key was used with a different request; use a new key for a new request',
          { key },
        );
      case 'in-progress':
        throw new IdempotencyKeyInUseError(
          'A request with this Idempotency-Key is still running; retry shortly',
          { key },
        );
      case 'replay': {
        void res.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        const body: unknown = reservation.body === null ? undefined : JSON.parse(reservation.body);
        if (reservation.status >= 400)
          throw new ReplayedErrorResponse(reservation.status, body as ErrorBody);
        return of(body);
      }
      case 'reserved':
        break;
    }
    const { leaseId } = reservation;
    req.idempotentRequestId = reservation.requestId;
    const success =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (req.method === 'POST' ? 201 : 200);

    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          (async () => {
            const text = result === undefined || result === null ? null : JSON.stringify(result);
            // The write happened: answer it even if its record cannot be stored (a retry then
            // meets the reservation, and after its lease the domain's duplicate-id check).
            await this.store.complete(scope, leaseId, success, text).catch((error: unknown) => {
              this.logger.error({ err: error, key }, 'could not store an idempotent response');
            });
            return result;
          })(),
        ),
      ),
      catchError((error: unknown) =>
        from(
          (async (): Promise<never> => {
            const { status, body } = toErrorResponse(error);
            const done = storable(status, body)
              ? this.store.complete(scope, leaseId, status, JSON.stringify(body))
              : this.store.release(scope, leaseId);
            await done.catch((failure: unknown) => {
              this.logger.error({ err: failure, key }, 'could not settle an idempotency key');
            });
            throw error;
          })(),
        ),
      ),
    );
  }

  private principal(req: GuardedRequest): string {
    const userId = req.auth?.user.id;
    return userId === undefined ? `addr:${req.ip ?? 'unknown'}` : `user:${userId}`;
  }

  /** 429 with Retry-After over either limit; Redis down: let the write through, log a warning. */
  private async rateLimit(req: GuardedRequest): Promise<void> {
    const userId = req.auth?.user.id;
    const limits = [
      { key: `addr:${req.ip ?? 'unknown'}`, max: this.config.rateLimitAddressWrites },
      ...(userId === undefined
        ? []
        : [{ key: `user:${userId}`, max: this.config.rateLimitUserWrites }]),
    ];
    let decision;
    try {
      decision = await this.limiter.hit(limits);
    } catch (error) {
      const now = Date.now();
      if (now - this.lastFailOpenLog > FAIL_OPEN_LOG_EVERY_MS) {
        this.lastFailOpenLog = now;
        this.logger.warn({ err: error }, 'rate limits not enforced: Redis is unavailable');
      }
      return;
    }
    if (!decision.allowed) {
      const who = decision.limitKey.startsWith('user:') ? 'for your account' : 'from your address';
      throw new RateLimitedError(
        `Too many writes ${who}; retry after ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
  }
}
