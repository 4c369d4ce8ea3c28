import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { idFromKey } from '@yishi/platform';

export const NO_IDEMPOTENCY = 'yishi:no-idempotency';

/**
 * The route ignores Idempotency-Key: its answer must not be stored (an access token), and running
 * it twice writes nothing twice anyway.
 */
export const NoIdempotency = (): MethodDecorator => SetMetadata(NO_IDEMPOTENCY, true);

/** Set by the write guard on a request that carries an Idempotency-Key it reserved. */
export interface IdempotentRequest {
  idempotentRequestId?: string;
}

/**
 * The id of the thing a write creates (`@NewId('case') caseId: string`): random, or, with an
 * Idempotency-Key, derived from its reservation's request id so a second run of the same request (after a crash
 * left its reservation to lapse) names the same thing and the domain refuses the duplicate.
 */
export const NewId = createParamDecorator(
  (purpose: string, ctx: ExecutionContext): string => madeId(purpose, ctx).id,
);

/** A NewId and how it was made. */
export interface MadeId {
  readonly id: string;
  /**
   * Made at random for this request (no Idempotency-Key): nothing can be recorded under it yet,
   * so a write need not look before it creates (its append still expects no stream).
   */
  readonly random: boolean;
}

/** As NewId (`@NewIdMade('demand') made: MadeId`), saying whether the id is random. */
export const NewIdMade = createParamDecorator(madeId);

function madeId(purpose: string, ctx: ExecutionContext): MadeId {
  const requestId = ctx.switchToHttp().getRequest<IdempotentRequest>().idempotentRequestId;
  return requestId === undefined
    ? { id: randomUUID(), random: true }
    : { id: idFromKey(requestId, purpose), random: false };
}
