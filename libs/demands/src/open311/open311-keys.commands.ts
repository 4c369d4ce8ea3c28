import { Command, Query } from '@nestjs/cqrs';
import { type IssuedOpen311Key, type Open311KeyView } from './open311-keys';

/** A secretary issues an api_key for a 311 app; the key is in the answer only. */
export class IssueOpen311KeyCommand extends Command<IssuedOpen311Key> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly name: string,
  ) {
    super();
  }
}

/** A secretary revokes one of the community's api_keys. */
export class RevokeOpen311KeyCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly keyId: string,
  ) {
    super();
  }
}

/** The community's api_keys, revoked ones too; never the keys. */
export class ListOpen311KeysQuery extends Query<Open311KeyView[]> {
  constructor(readonly communityId: string) {
    super();
  }
}
