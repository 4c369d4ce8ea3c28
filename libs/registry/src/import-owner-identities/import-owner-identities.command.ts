import { Command } from '@nestjs/cqrs';

/** The registry's owners in bulk, CSV text or the JSON body `{owners: [...]}`: all rows or none. */
export class ImportOwnerIdentitiesCommand extends Command<{ recorded: number }> {
  constructor(
    readonly communityId: string,
    readonly actorId: string,
    readonly body: { readonly csv: string } | { readonly json: unknown },
  ) {
    super();
  }
}
