import {
  type BallotCast,
  type Party,
  type ResolutionStatus,
  type ResultPhase,
  type Tally,
  type VotingOpened,
} from '@yishi/domain';

/** GET /resolutions/:id, in the contract's shape (http-api.md, Voting). */
export interface ResolutionView {
  readonly id: string;
  readonly caseId: string;
  readonly communityId: string;
  readonly title: string;
  readonly text: string;
  readonly rule: VotingOpened['data']['rule'];
  readonly matter: VotingOpened['data']['matter'];
  readonly status: ResolutionStatus;
  readonly closesAt: string;
  readonly openedAt: string;
  /** When the ballot box closed (null while voting). */
  readonly closedAt: string | null;
  /**
   * `voting` until the box closes, `objection` during the objection period (询异: `status` stays
   * `open`), `final` once the result is final, `cancelled` when the case closed while voting.
   */
  readonly phase: ResultPhase;
  /** The preliminary result published at the close, where there is an objection period. */
  readonly preliminary: {
    readonly tally: Tally;
    readonly publishedAt: string;
    readonly objectionUntil: string;
  } | null;
  readonly electorate: {
    readonly units: number;
    readonly owners: number;
    readonly area: number;
    readonly areaHundredths: number;
  };
  /** Choosing among plans: the options, as drafted (absent on a yes/no resolution). */
  readonly options?: { readonly title: string }[];
}

/** One ballot counted for a unit the caller may vote for (GET /resolutions/:id, `me`). */
export interface MyBallot {
  readonly unitId: string;
  readonly choice: BallotCast['data']['choice'];
  /** Choosing among plans: the option chosen. */
  readonly option?: number;
  readonly channel: BallotCast['data']['channel'];
  readonly castAt: string;
  /** The owner's own ballot (false for a proxy's or a paper one, which the owner may replace). */
  readonly byOwner: boolean;
}

/** How the caller may vote for a unit of the electorate. */
export type MyStanding = 'owner' | 'proxy' | 'building-lead';

/**
 * The caller's side of a vote (`me` of GET /resolutions/:id): the units of the frozen electorate
 * they may vote for (their own, bound by real name; by an active written proxy; as the lead of
 * the unit's building, entering paper ballots), the ballots counted for those units and their own,
 * and, where they can vote for none (or own a unit they are not bound to), the reason in the
 * words the ballot endpoint would answer with.
 */
export interface MyVote {
  readonly eligibleUnitIds: readonly string[];
  readonly units: readonly {
    readonly unitId: string;
    readonly label: string;
    readonly as: MyStanding;
  }[];
  readonly ballots: readonly MyBallot[];
  readonly reason: {
    readonly code: 'FORBIDDEN' | 'BINDING_REQUIRED';
    readonly message: string;
  } | null;
}

/** A tally with where it stands: `final` once the ballot box is closed. */
export type TallyView = Tally & {
  readonly resolutionId: string;
  readonly final: boolean;
};

/** Who casts a ballot. */
export interface Voter {
  readonly userId: string;
  /**
   * The voter's real-name bound units, when the caller read them already this request (the API's
   * guard does, with the caller); otherwise they are read here.
   */
  readonly boundUnitIds?: ReadonlySet<string>;
}

export interface Actor {
  readonly actorId: string;
  readonly party?: Party;
}
