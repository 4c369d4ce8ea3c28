import { Query } from '@nestjs/cqrs';
import { type StreetRef } from '../streets';

/** Every street for the admin; otherwise those the user is an officer of. */
export class ListStreetsQuery extends Query<StreetRef[]> {
  constructor(readonly user: { id: string; admin: boolean }) {
    super();
  }
}
