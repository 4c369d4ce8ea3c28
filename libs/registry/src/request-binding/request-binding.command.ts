import { Command } from '@nestjs/cqrs';
import { type BindingRequestView } from '../bindings/binding-views';

/**
 * A resident asks the secretary to bind them to a unit, with a scan of their certificate and ID
 * card (the upload's bytes, its type sniffed here, never taken from the request).
 */
export class RequestBindingCommand extends Command<BindingRequestView> {
  constructor(
    readonly communityId: string,
    readonly userId: string,
    readonly unitId: string,
    readonly bytes: Buffer,
    readonly fileName: string | null,
  ) {
    super();
  }
}
