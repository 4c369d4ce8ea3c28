import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseCsv } from '../csv';
import { csvToUnitRows, validateUnitRows } from '../unit-rows';
import { type Unit } from '../units';
import { UnitsRepository } from '../units.repository';
import { jsonUnitRows } from './json-unit-rows';
import { ImportUnitsCommand } from './import-units.command';

@CommandHandler(ImportUnitsCommand)
export class ImportUnitsHandler implements ICommandHandler<ImportUnitsCommand, Unit[]> {
  constructor(private readonly units: UnitsRepository) {}

  async execute(m: ImportUnitsCommand): Promise<Unit[]> {
    const rows = 'csv' in m.body ? csvToUnitRows(parseCsv(m.body.csv)) : jsonUnitRows(m.body.json);
    return this.units.import(m.actorId, m.communityId, validateUnitRows(rows));
  }
}
