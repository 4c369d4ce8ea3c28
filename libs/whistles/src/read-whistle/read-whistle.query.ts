import { Query } from '@nestjs/cqrs';
import { type WhistleDetailView } from '../whistles.dto';

/** A whistle with its tracks and timeline; `minVersion` (from a write's answer) waits briefly for it. */
export class ReadWhistleQuery extends Query<WhistleDetailView> {
  constructor(
    readonly whistleId: string,
    readonly minVersion: number,
  ) {
    super();
  }
}
