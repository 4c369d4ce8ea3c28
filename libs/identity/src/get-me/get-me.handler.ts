import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RUNTIME, type Runtime } from '@yishi/platform';
import { AccountQueries } from '../account.queries';
import { GetMeQuery } from './get-me.query';
import { type MeResponse } from './get-me.response.dto';

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(
    private readonly accounts: AccountQueries,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async execute({ user }: GetMeQuery): Promise<MeResponse> {
    const { id, username, displayName, admin } = user;
    return {
      id,
      username,
      displayName,
      admin,
      memberships: await this.accounts.memberships(id),
      departments: await this.accounts.departments(id),
      // So the app can refuse an oversize file before uploading it (issue 19).
      limits: { uploadMaxBytes: this.runtime.config.evidenceMaxBytes },
    };
  }
}
