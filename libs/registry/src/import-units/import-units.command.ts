import { Command } from '@nestjs/cqrs';
import { type Unit } from '../units';

/** Units in bulk, CSV text or the JSON body `{units: [...]}`: all rows or none. */
export class ImportUnitsCommand extends Command<Unit[]> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly body: { readonly csv: string } | { readonly json: unknown },
  ) {
    super();
  }
}
