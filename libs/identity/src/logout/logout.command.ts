import { Command } from '@nestjs/cqrs';

/** Ends every access token of the user, on every device. */
export class LogoutCommand extends Command<void> {
  constructor(readonly userId: string) {
    super();
  }
}
