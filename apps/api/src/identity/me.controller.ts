import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { membershipsOf } from '@yishi/registry';
import { Auth, type RequestAuth } from '../access/request-auth';
import { MeResponse } from './identity.dto';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Get()
  @Can('me.read')
  @ApiOkResponse({ type: MeResponse })
  async me(@Auth() auth: RequestAuth): Promise<MeResponse> {
    const { id, username, displayName, admin } = auth.user;
    const memberships = await membershipsOf(this.pool, id);
    return {
      id,
      username,
      displayName,
      admin,
      memberships: memberships.map((m) => ({
        communityId: m.communityId,
        communityName: m.communityName,
        roles: m.roles,
        party: m.party,
        unitIds: m.unitIds,
      })),
      // So the app can refuse an oversize file before uploading it (issue 19).
      limits: { uploadMaxBytes: this.runtime.config.evidenceMaxBytes },
    };
  }
}
