import { Query } from '@nestjs/cqrs';
import { type User } from '../users';
import { type MeResponse } from './get-me.response.dto';

/** The caller's account (as the guard loaded it), memberships and the client limits. */
export class GetMeQuery extends Query<MeResponse> {
  constructor(readonly user: User) {
    super();
  }
}
