import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { listProxies, registerProxy, revokeProxy, type ProxyView } from '@yishi/registry';
import { ListProxiesQuery, RegisterProxyCommand, RevokeProxyCommand } from './proxies.commands';

/*
 * Written proxies live in the registry's `unit_proxies` (a ballot reads them as it is cast); the
 * rules (the owner's unit, a window of at most a year, the agent a member) are the registry's.
 */

@CommandHandler(RegisterProxyCommand)
export class RegisterProxyHandler implements ICommandHandler<RegisterProxyCommand> {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  execute({ communityId, ownerId, input }: RegisterProxyCommand): Promise<ProxyView> {
    return registerProxy(this.db, communityId, ownerId, input);
  }
}

@CommandHandler(RevokeProxyCommand)
export class RevokeProxyHandler implements ICommandHandler<RevokeProxyCommand> {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  execute({ communityId, ownerId, proxyId }: RevokeProxyCommand): Promise<ProxyView> {
    return revokeProxy(this.db, communityId, ownerId, proxyId);
  }
}

@QueryHandler(ListProxiesQuery)
export class ListProxiesHandler implements IQueryHandler<ListProxiesQuery> {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  execute({ communityId, userId, options }: ListProxiesQuery): Promise<ProxyView[]> {
    return listProxies(this.db, communityId, userId, options);
  }
}
