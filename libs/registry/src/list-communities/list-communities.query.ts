import { Query } from '@nestjs/cqrs';
import { type Community } from '../communities';

/** Every community for the admin; otherwise those the user is a member of. */
export class ListCommunitiesQuery extends Query<Community[]> {
  constructor(readonly user: { id: string; admin: boolean }) {
    super();
  }
}
