import { ApiOperation } from '@nestjs/swagger';
import { ruleFor, type Action } from '@yishi/access';

/**
 * The OpenAPI operation of a street route that the contract does not name (http-api.md,
 * "Departments and the whistle"): the table's summary, and a description that says it is additive.
 * Goes below @Can (applied first, so @Can keeps it).
 */
export function AdditiveOperation(action: Action, description: string): MethodDecorator {
  return ApiOperation({
    summary: ruleFor(action).summary,
    description: `Additive (not in the v1 contract). ${description}`,
  });
}
