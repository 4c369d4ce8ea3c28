import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { csvToOwnerIdentityRows } from '../bindings/owner-identity-rows';
import { parseCsv } from '../csv';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { jsonOwnerRows } from './json-owner-rows';
import { ImportOwnerIdentitiesCommand } from './import-owner-identities.command';

@CommandHandler(ImportOwnerIdentitiesCommand)
export class ImportOwnerIdentitiesHandler implements ICommandHandler<
  ImportOwnerIdentitiesCommand,
  { recorded: number }
> {
  constructor(private readonly identities: OwnerIdentitiesRepository) {}

  async execute(m: ImportOwnerIdentitiesCommand): Promise<{ recorded: number }> {
    const rows =
      'csv' in m.body ? csvToOwnerIdentityRows(parseCsv(m.body.csv)) : jsonOwnerRows(m.body.json);
    return this.identities.import(m.communityId, m.actorId, rows);
  }
}
