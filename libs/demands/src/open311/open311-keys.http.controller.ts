import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, communityOf, NoIdempotency, type RequestAuth } from '@yishi/access';
import { IssuedOpen311KeyView, IssueOpen311KeyRequest, Open311KeyList } from './open311-keys.dto';
import {
  IssueOpen311KeyCommand,
  ListOpen311KeysQuery,
  RevokeOpen311KeyCommand,
} from './open311-keys.commands';

/** The api_keys of Open311 GeoReport v2 (docs/demands.md, "Open311"): the secretary's. */
@ApiTags('demands')
@Controller('communities/:communityId/open311-keys')
export class Open311KeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** No Idempotency-Key: a replay would have to store the answer, and the answer is the key. */
  @Post()
  @NoIdempotency()
  @Can('open311-keys.issue')
  @ApiCreatedResponse({
    type: IssuedOpen311KeyView,
    description:
      'the key is shown only here; Idempotency-Key is ignored (its answer is never stored)',
  })
  issue(
    @Auth() auth: RequestAuth,
    @Body() body: IssueOpen311KeyRequest,
  ): Promise<IssuedOpen311KeyView> {
    return this.commands.execute(
      new IssueOpen311KeyCommand(auth.user.id, communityOf(auth), body.name),
    );
  }

  @Get()
  @Can('open311-keys.list')
  @ApiOkResponse({ type: Open311KeyList })
  async list(@Auth() auth: RequestAuth): Promise<Open311KeyList> {
    return { items: await this.queries.execute(new ListOpen311KeysQuery(communityOf(auth))) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Can('open311-keys.revoke')
  @ApiNoContentResponse({ description: 'revoked (a key revoked already stays as it was)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such key in this community' })
  async revoke(@Auth() auth: RequestAuth, @Param('keyId') keyId: string): Promise<void> {
    await this.commands.execute(
      new RevokeOpen311KeyCommand(auth.user.id, communityOf(auth), keyId),
    );
  }
}
