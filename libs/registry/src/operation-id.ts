import { ApiOperation } from '@nestjs/swagger';

/**
 * The operationId a route had before it moved into its use case's controller (the web client's
 * generated types are keyed by it). Put it above @Can: it keeps the table's summary.
 */
export const OperationId = (operationId: string): MethodDecorator =>
  ApiOperation({ operationId, summary: undefined });
