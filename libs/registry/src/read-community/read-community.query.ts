import { Query } from '@nestjs/cqrs';
import { type Community } from '../communities';

export class ReadCommunityQuery extends Query<Community> {
  constructor(readonly communityId: string) {
    super();
  }
}
