import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ACTION_METADATA } from '@yishi/platform';
import { ruleFor, type Action } from './permissions';

export { ACTION_METADATA };
/** The longest `summary` an OpenAPI operation gets (a short title; the rest is its description). */
export const SUMMARY_MAX_LENGTH = 80;

/**
 * Names the permission-table action a route performs. Every route has one; the guard checks it,
 * and the API does not start with a route that lacks it. It also documents the operation: the
 * table's summary (a route's own @ApiOperation summary wins), and either the bearer token with
 * its 401/403 or, for an open route, an explicitly empty security list.
 */
export function Can(action: Action): MethodDecorator {
  const rule = ruleFor(action);
  const open = (rule.allow as readonly unknown[]).includes('anyone');
  return applyDecorators(
    SetMetadata(ACTION_METADATA, action),
    // A table summary too long for an operation's summary becomes its description, and the route
    // gives its own short @ApiOperation summary (the OpenAPI document's test insists on one).
    ApiOperation(
      {
        ...(rule.summary.length <= SUMMARY_MAX_LENGTH
          ? { summary: rule.summary }
          : { description: rule.summary }),
        ...(open ? { security: [] } : {}),
      },
      { overrideExisting: false },
    ),
    ...(open
      ? []
      : [
          ApiBearerAuth(),
          ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid access token' }),
          ApiForbiddenResponse({ description: `FORBIDDEN: allowed to ${describe(action)}` }),
        ]),
  );
}

function describe(action: Action): string {
  return ruleFor(action)
    .allow.map((g) => (typeof g === 'object' ? `${g.role} of ${g.party}` : g))
    .join(', ');
}
