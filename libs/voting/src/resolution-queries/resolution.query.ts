import { Query } from '@nestjs/cqrs';
import { type Objection } from '@yishi/domain';
import { type MyVote, type ResolutionView, type TallyView, type Voter } from '../voting.types';

/** GET /resolutions/:id: the resolution and the caller's standing and ballots (`me`). */
export class ResolutionQuery extends Query<ResolutionView & { readonly me: MyVote }> {
  constructor(
    readonly resolutionId: string,
    readonly voter: Voter,
  ) {
    super();
  }
}

/** GET /resolutions/:id/tally (and its live stream). */
export class TallyQuery extends Query<TallyView> {
  constructor(readonly resolutionId: string) {
    super();
  }
}

/** A resolution's objections (询异): all of them, or those by or about the viewer's units. */
export class ObjectionsQuery extends Query<Objection[]> {
  constructor(
    readonly resolutionId: string,
    readonly viewer: { readonly userId: string; readonly all: boolean },
  ) {
    super();
  }
}
