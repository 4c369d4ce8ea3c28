import { Command } from '@nestjs/cqrs';
import { type UserStatusResponse } from '../identity.dto';

/** The caller (admin or secretary) enables an account (see setAccountDisabled). */
export class EnableUserCommand extends Command<UserStatusResponse> {
  constructor(
    readonly caller: { readonly id: string; readonly admin: boolean },
    readonly userId: string,
  ) {
    super();
  }
}
