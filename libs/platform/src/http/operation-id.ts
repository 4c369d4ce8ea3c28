import { DECORATORS } from '@nestjs/swagger';

/**
 * Pins an operation's OpenAPI id. Swagger names an operation `<Controller>_<method>`, so splitting a
 * controller into one per use case would rename the contract's operations; this keeps the old id.
 * It adds to the operation's metadata (@Can's summary stays), so it goes above @Can.
 */
export function OperationId(operationId: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const existing = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as object;
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...existing, operationId }, handler);
    return descriptor;
  };
}
