import { Query } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandDetailView } from '../demands.dto';

/** A demand with its timeline; `minVersion` (from a write's answer) waits briefly for it. */
export class ReadDemandQuery extends Query<DemandDetailView> {
  constructor(
    readonly demandId: string,
    readonly caller: DemandCaller,
    readonly minVersion: number,
  ) {
    super();
  }
}
