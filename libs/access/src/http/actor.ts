import { type Party } from '@yishi/domain';
import { type RequestAuth } from './request-auth';

/** Who acts on a case: the user, and the party they act for (a secretary for the party organisation). */
export function actorOf(auth: RequestAuth): { actorId: string; party?: Party } {
  const party = auth.membership?.party ?? undefined;
  return party === undefined || party === null
    ? { actorId: auth.user.id }
    : { actorId: auth.user.id, party };
}
