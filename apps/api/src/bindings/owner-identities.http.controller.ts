import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { PG_POOL } from '@yishi/platform';
import { listOwnerIdentities, recordOwnerIdentity, type BindingHasher } from '@yishi/registry';
import { Auth, communityOf, type RequestAuth } from '../access/request-auth';
import { BINDING_HASHER } from './binding-hasher';
import { OwnerIdentityList, OwnerIdentityRequest, OwnerIdentityView } from './bindings.dto';

/**
 * The registry side of real-name binding: the secretary records each owner of a unit by the
 * certificate and ID numbers, which are hashed at once and never shown again.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/units/:unitId/owner-identities')
export class OwnerIdentitiesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  @Post()
  @Can('owner-identities.record')
  @ApiCreatedResponse({ type: OwnerIdentityView })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: details.reason ID_NUMBER_CHECKSUM, ID_NUMBER_INVALID or CERTIFICATE_NUMBER_INVALID',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: this owner is recorded for the unit' })
  record(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
    @Body() body: OwnerIdentityRequest,
  ): Promise<OwnerIdentityView> {
    return recordOwnerIdentity(
      this.pool,
      this.hasher,
      communityOf(auth),
      auth.user.id,
      unitId,
      body,
    );
  }

  @Get()
  @Can('owner-identities.list')
  @ApiOkResponse({ type: OwnerIdentityList })
  async list(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
  ): Promise<OwnerIdentityList> {
    return { items: await listOwnerIdentities(this.pool, communityOf(auth), unitId) };
  }
}
