import {
  type ExecutionContext,
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Redis } from 'ioredis';
import { type Pool } from 'pg';
import { type AppConfig } from '@yishi/config';
import { RateLimitedError } from '@yishi/domain';
import { createRedisConnection } from '@yishi/messaging';
import { loadTokenSecret, waitPhrase } from '@yishi/identity';
import { type Logger } from '@yishi/observability';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  IdempotencyStore,
  LOGGER,
  PG_POOL,
  RedisRateLimiter,
  ReplayedResponse,
  RUNTIME,
  parseIdempotencyKey,
  pathOf,
  requestFingerprint,
  type ErrorBody,
  type IdempotencyScope,
  type Runtime,
} from '@yishi/platform';
import { type AuthenticatedRequest, type IdempotentRequest, NO_IDEMPOTENCY } from '@yishi/access';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PRUNE_EVERY_MS = 10 * 60_000;
const FAIL_OPEN_LOG_EVERY_MS = 60_000;

/** A reservation whose answer is stored as it is sent. */
interface PendingIdempotency {
  readonly scope: IdempotencyScope;
  readonly leaseId: string;
}

type GuardedRequest = FastifyRequest &
  AuthenticatedRequest &
  IdempotentRequest & { idempotency?: PendingIdempotency };

/** The route a request matched, as declared (`/api/v1/cases/:caseId/advance`), else its path. */
function routePattern(req: FastifyRequest): string {
  return req.routeOptions.url ?? pathOf(req.url);
}

/**
 * Refusals that write: a binding mismatch counts toward the lockout (libs/registry bindings.ts).
 * Their answer binds the key like a success, so a retry of a lost answer is not counted twice.
 */
const REFUSALS_THAT_WRITE = new Set(['BINDING_MISMATCH']);

/** Whether an answer binds its key: a success, or a refusal that wrote (the contract's exception). */
function binds(status: number, text: string | null): boolean {
  if (status < 400) return true;
  if (status >= 500 || text === null) return false;
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    return REFUSALS_THAT_WRITE.has(body.error?.code ?? '');
  } catch {
    return false;
  }
}

/**
 * Every write, once the AuthGuard knows the caller (it calls `admit` last): the per-user and
 * per-address rate limits in Redis, then the Idempotency-Key: reserve, and store the answer as it
 * is sent (an `onSend` hook); or replay it, or refuse a reuse (422) or a concurrent duplicate
 * (409). docs/http-hardening.md. Not a Nest interceptor: Nest builds an rxjs chain and binds two
 * async resources per request for any interceptor, which cost every request (reads too) about a
 * tenth of the API's CPU in the voting benchmark.
 */
@Injectable()
export class WriteGuard implements OnModuleInit, OnApplicationShutdown {
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
    private readonly http: HttpAdapterHost,
    @Inject(RUNTIME) runtime: Runtime,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.config = runtime.config;
    this.redis = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-rate-limit',
      runtime.logger,
    );
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
    // The answer of a reserved request, success or error, stored before it leaves.
    this.http.httpAdapter
      .getInstance<FastifyInstance>()
      .addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        const pending = (request as GuardedRequest).idempotency;
        if (pending !== undefined) await this.settle(pending, reply.statusCode, payload);
        return payload;
      });
  }

  /** After the HTTP server has stopped taking requests. */
  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
    this.redis.disconnect();
  }

  /** The write guards of one request, run by the AuthGuard once it has let the caller in. */
  async admit(context: ExecutionContext): Promise<void> {
    if (context.getType() !== 'http') return;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    if (!WRITES.has(req.method)) return;
    await this.rateLimit(req);

    if (this.reflector.get<boolean | undefined>(NO_IDEMPOTENCY, context.getHandler()) === true)
      return;
    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    if (key === undefined) return;
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
          '这个 Idempotency-Key 已用于另一次不同的提交，新的提交请使用新的 Idempotency-Key',
          { key },
        );
      case 'in-progress':
        throw new IdempotencyKeyInUseError(
          '使用这个 Idempotency-Key 的上一次提交还在处理中，请稍后再试',
          { key },
        );
      case 'replay': {
        void context
          .switchToHttp()
          .getResponse<FastifyReply>()
          .header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        throw new ReplayedResponse(
          reservation.status,
          reservation.body === null ? undefined : JSON.parse(reservation.body),
        );
      }
      case 'reserved':
        req.idempotency = { scope, leaseId: reservation.leaseId };
        req.idempotentRequestId = reservation.requestId;
    }
  }

  /**
   * Stores the answer a reserved request is sending if it succeeded (or was a refusal that wrote,
   * `REFUSALS_THAT_WRITE`). Any other error unbinds the key: such a 4xx was refused before anything
   * was written (the domain decides before it appends, and appends
   * all or nothing), a 5xx or a lost version race wrote nothing either, so the retry, or the
   * corrected request with the same key, runs. The write happened either way: the answer leaves
   * even if its record cannot be stored (a retry then meets the reservation, and after its lease
   * the domain's duplicate-id check).
   */
  private async settle(
    { scope, leaseId }: PendingIdempotency,
    status: number,
    payload: unknown,
  ): Promise<void> {
    const text =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : null;
    const done = binds(status, text)
      ? this.store.complete(scope, leaseId, status, text === '' ? null : text)
      : this.store.release(scope, leaseId);
    await done.catch((error: unknown) => {
      this.logger.error({ err: error, key: scope.key }, 'could not settle an idempotency key');
    });
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
      const who = decision.limitKey.startsWith('user:') ? '您的账号' : '您所在的网络地址';
      throw new RateLimitedError(
        `${who}提交过于频繁，请在 ${waitPhrase(decision.retryAfterSeconds)}后再试`,
        decision.retryAfterSeconds,
      );
    }
  }
}
