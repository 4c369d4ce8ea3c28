import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { ProxyList, ProxyView } from '../voting.dto';
import { ListProxiesQuery, RegisterProxyCommand, RevokeProxyCommand } from './proxies.commands';
import { ProxiesQuery, RegisterProxyRequest } from './proxies.request.dto';

/**
 * Written proxies (委托书): an owner authorises an agent to vote for one unit in a window; the
 * agent's ballots are marked as by proxy; the owner's own ballot still replaces the agent's.
 */
@ApiTags('voting')
@Controller('communities/:communityId/proxies')
export class ProxiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'register a written proxy (委托书) for one of my units' })
  @Can('proxies.register')
  @ApiCreatedResponse({ type: ProxyView })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not one of your units' })
  register(@Auth() auth: RequestAuth, @Body() body: RegisterProxyRequest): Promise<ProxyView> {
    return this.commands.execute(new RegisterProxyCommand(communityOf(auth), auth.user.id, body));
  }

  @Get()
  @Can('proxies.list')
  @ApiOkResponse({ type: ProxyList })
  async list(@Auth() auth: RequestAuth, @Query() query: ProxiesQuery): Promise<ProxyList> {
    const all =
      auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false) === true;
    return {
      items: await this.queries.execute(
        new ListProxiesQuery(communityOf(auth), auth.user.id, { all, unitId: query.unitId }),
      ),
    };
  }

  @Post(':proxyId/revoke')
  @HttpCode(200)
  @Can('proxies.revoke')
  @ApiOkResponse({ type: ProxyView })
  @ApiForbiddenResponse({ description: "FORBIDDEN: not an owner of the proxy's unit" })
  revoke(@Auth() auth: RequestAuth, @Param('proxyId') proxyId: string): Promise<ProxyView> {
    return this.commands.execute(new RevokeProxyCommand(communityOf(auth), auth.user.id, proxyId));
  }
}
