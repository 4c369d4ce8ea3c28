import { Command } from '@nestjs/cqrs';
import { type UserSummary } from '../identity.dto';

/** An admin or a secretary creates an account. */
export class CreateUserCommand extends Command<UserSummary> {
  constructor(
    readonly actorId: string,
    readonly account: {
      readonly username: string;
      readonly password: string;
      readonly displayName: string;
      readonly phone?: string | undefined;
    },
  ) {
    super();
  }
}
