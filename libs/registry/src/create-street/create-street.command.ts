import { Command } from '@nestjs/cqrs';
import { type StreetInput, type StreetRef } from '../streets';

/** A platform admin registers a street (街道) with its office (街道办); 409 for the same name. */
export class CreateStreetCommand extends Command<StreetRef> {
  constructor(
    readonly actorId: string,
    readonly streetId: string,
    readonly input: StreetInput,
  ) {
    super();
  }
}
