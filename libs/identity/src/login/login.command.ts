import { Command } from '@nestjs/cqrs';
import { type LoginResult } from '../access-tokens';

/** Password login from a client address (the address counts towards its own lock). */
export class LoginCommand extends Command<LoginResult> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly address: string,
  ) {
    super();
  }
}
