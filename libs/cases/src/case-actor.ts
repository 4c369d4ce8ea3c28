import { type Party } from '@yishi/domain';

/** Who acts on a case: the user, and the party they act for (from `actorOf` at the edge). */
export interface CaseActor {
  readonly actorId: string;
  readonly party?: Party;
}
