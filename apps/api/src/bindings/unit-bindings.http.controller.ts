import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  bindByRegistryMatch,
  bindingsOfCommunity,
  bindingsOfUser,
  unbind,
  type BindingHasher,
} from '@yishi/registry';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { BINDING_HASHER } from './binding-hasher';
import {
  BindUnitRequest,
  UnbindRequest,
  UnitBindingList,
  UnitBindingsQuery,
  UnitBindingView,
} from './bindings.dto';

/** A resident's own bindings: bind by the registry's numbers, list, unbind. */
@ApiTags('bindings')
@Controller('me/unit-bindings')
export class MyUnitBindingsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  @Get()
  @Can('bindings.mine')
  @ApiOkResponse({ type: UnitBindingList })
  async mine(@Auth() auth: RequestAuth): Promise<UnitBindingList> {
    return { items: await bindingsOfUser(this.pool, auth.user.id) };
  }

  @Post()
  @ApiOperation({ summary: "bind myself to a unit by the owner's certificate and ID numbers" })
  @Can('bindings.bind')
  @ApiCreatedResponse({ type: UnitBindingView })
  @ApiResponse({
    status: 422,
    description: 'BINDING_MISMATCH: the numbers match no owner recorded for the unit (counted)',
  })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many failed matches for this account or unit; Retry-After',
  })
  bind(@Auth() auth: RequestAuth, @Body() body: BindUnitRequest): Promise<UnitBindingView> {
    return bindByRegistryMatch(this.pool, this.hasher, auth.user.id, body);
  }

  @Post(':bindingId/unbind')
  @HttpCode(200)
  @Can('bindings.unbind-mine')
  @ApiOkResponse({ type: UnitBindingView })
  unbind(
    @Auth() auth: RequestAuth,
    @Param('bindingId') bindingId: string,
  ): Promise<UnitBindingView> {
    return unbind(this.pool, auth.user.id, bindingId, { self: true });
  }
}

/** A community's bindings, for the secretary: the list, and ending one with a reason. */
@ApiTags('bindings')
@Controller('communities/:communityId/unit-bindings')
export class CommunityUnitBindingsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Can('bindings.list')
  @ApiOkResponse({ type: UnitBindingList })
  async list(
    @Auth() auth: RequestAuth,
    @Query() query: UnitBindingsQuery,
  ): Promise<UnitBindingList> {
    return {
      items: await bindingsOfCommunity(this.pool, communityOf(auth), {
        unitId: query.unitId,
        active: query.active,
      }),
    };
  }

  @Post(':bindingId/unbind')
  @HttpCode(200)
  @Can('bindings.unbind')
  @ApiOkResponse({ type: UnitBindingView })
  unbind(
    @Auth() auth: RequestAuth,
    @Param('bindingId') bindingId: string,
    @Body() body: UnbindRequest,
  ): Promise<UnitBindingView> {
    return unbind(this.pool, auth.user.id, bindingId, {
      communityId: communityOf(auth),
      reason: body.reason,
    });
  }
}
