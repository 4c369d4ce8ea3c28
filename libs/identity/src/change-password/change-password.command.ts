import { Command } from '@nestjs/cqrs';
import { type LoginResult } from '../access-tokens';

/** The caller changes their own password; the answer carries a new token for this device. */
export class ChangePasswordCommand extends Command<LoginResult> {
  constructor(
    readonly userId: string,
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly address: string,
  ) {
    super();
  }
}
