import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ruleFor, type Action } from './permissions';

export const ACTION_METADATA = 'yishi:action';

/**
 * Names the permission-table action a route performs. Every route has one; the guard checks it,
 * and the API does not start with a route that lacks it.
 */
export function Can(action: Action): MethodDecorator & ClassDecorator {
  const rule = ruleFor(action);
  const open = (rule.allow as readonly unknown[]).includes('anyone');
  return applyDecorators(
    SetMetadata(ACTION_METADATA, action),
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
