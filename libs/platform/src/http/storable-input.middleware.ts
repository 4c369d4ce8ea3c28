import { type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { assertStorableJson } from '@yishi/domain';

/**
 * Refuses, with 400 VALIDATION_FAILED naming the field, a body or query holding text PostgreSQL
 * cannot store (U+0000, unpaired surrogates) or nested deeper than any request of the API needs,
 * before any handler runs: such input must never reach a write and fail there as a 5xx. A
 * preValidation hook: the body is parsed by then.
 */
export function storableInput(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  // Open311 GeoReport v2 checks its own query and form: its refusals are the spec's error arrays,
  // which only its routes' filter writes (an error here would leave in the API's JSON).
  if (/^\/open311\//i.test(request.url)) {
    done();
    return;
  }
  try {
    assertStorableJson(request.query, '$query');
    assertStorableJson(request.body ?? null, '$body');
  } catch (error) {
    done(error as Error);
    return;
  }
  done();
}
