import {
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  QueryHandler,
} from '@nestjs/cqrs';
import { Open311Keys, type IssuedOpen311Key, type Open311KeyView } from './open311-keys';
import {
  IssueOpen311KeyCommand,
  ListOpen311KeysQuery,
  RevokeOpen311KeyCommand,
} from './open311-keys.commands';

@CommandHandler(IssueOpen311KeyCommand)
export class IssueOpen311KeyHandler implements ICommandHandler<IssueOpen311KeyCommand> {
  constructor(private readonly keys: Open311Keys) {}

  execute({ actorId, communityId, name }: IssueOpen311KeyCommand): Promise<IssuedOpen311Key> {
    return this.keys.issue(actorId, communityId, name);
  }
}

@CommandHandler(RevokeOpen311KeyCommand)
export class RevokeOpen311KeyHandler implements ICommandHandler<RevokeOpen311KeyCommand> {
  constructor(private readonly keys: Open311Keys) {}

  execute({ actorId, communityId, keyId }: RevokeOpen311KeyCommand): Promise<void> {
    return this.keys.revoke(actorId, communityId, keyId);
  }
}

@QueryHandler(ListOpen311KeysQuery)
export class ListOpen311KeysHandler implements IQueryHandler<ListOpen311KeysQuery> {
  constructor(private readonly keys: Open311Keys) {}

  execute({ communityId }: ListOpen311KeysQuery): Promise<Open311KeyView[]> {
    return this.keys.list(communityId);
  }
}
