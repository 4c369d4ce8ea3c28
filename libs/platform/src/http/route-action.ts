import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

/**
 * The metadata key of a route's permission-table action (set by @Can in libs/access, read by its
 * guard). Declared here so this lib's own routes name theirs without importing the lib above it.
 */
export const ACTION_METADATA = 'yishi:action';

/**
 * An open operations route (/health, /metrics) as @Can documents one: its action, its summary, no
 * token. The action must be in libs/access's table; the API does not start with an unknown one.
 */
export function OpenRoute(
  action: 'health.read' | 'metrics.read',
  summary: string,
): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACTION_METADATA, action),
    ApiOperation({ summary, security: [] }, { overrideExisting: false }),
  );
}
