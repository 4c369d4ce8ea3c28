import { Command, Query } from '@nestjs/cqrs';
import { type ProxyInput, type ProxyView } from '@yishi/registry';

/** An owner registers a written proxy (委托书) for one of their units. */
export class RegisterProxyCommand extends Command<ProxyView> {
  constructor(
    readonly communityId: string,
    readonly ownerId: string,
    readonly input: ProxyInput,
  ) {
    super();
  }
}

/** An owner of the proxy's unit revokes it. */
export class RevokeProxyCommand extends Command<ProxyView> {
  constructor(
    readonly communityId: string,
    readonly ownerId: string,
    readonly proxyId: string,
  ) {
    super();
  }
}

/** The proxies a caller may see: a secretary's all, anyone else's their own (as owner or agent). */
export class ListProxiesQuery extends Query<ProxyView[]> {
  constructor(
    readonly communityId: string,
    readonly userId: string,
    readonly options: { readonly all: boolean; readonly unitId?: string | undefined },
  ) {
    super();
  }
}
