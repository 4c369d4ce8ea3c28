import { Query } from '@nestjs/cqrs';
import { type Unit } from '../units';

export class ListUnitsQuery extends Query<{ items: Unit[]; total: number }> {
  constructor(
    readonly communityId: string,
    readonly page: {
      limit: number;
      offset: number;
      estate?: string | undefined;
      building?: string | undefined;
    },
  ) {
    super();
  }
}
