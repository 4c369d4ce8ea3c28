import { Query } from '@nestjs/cqrs';
import { type StreetView } from '../streets';

/** A street with its communities and departments. */
export class ReadStreetQuery extends Query<StreetView> {
  constructor(readonly streetId: string) {
    super();
  }
}
