import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type VotingOpened } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { leadBuildings, unitPlaces, type UnitPlace } from '@yishi/registry';
import { BallotBox } from '../ballot-box';
import { propertyUnitIds } from '../voting-jobs';
import { buildingKey } from './canvass.views';

/** Where the units of a resolution are, remembered per process (a board is read often). */
const PLACES_CACHE_SIZE = 64;

/**
 * What the canvass list and the turnout board read besides the frozen snapshot: where the units
 * are (remembered per resolution: one per process), which voted, the buildings a canvasser serves.
 */
@Injectable()
export class CanvassService {
  private readonly places = new Map<string, Map<string, UnitPlace>>();

  constructor(
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /** Units with a ballot: one lookup in the partial index on BallotCast by resolution. */
  votedUnits(resolutionId: string): Promise<Set<string>> {
    return this.ballots.votedUnits(resolutionId);
  }

  /** Where the electorate's units are; read once per resolution and process. */
  async placesOf(voting: VotingOpened['data']): Promise<Map<string, UnitPlace>> {
    const known = this.places.get(voting.resolutionId);
    if (known !== undefined) return known;
    const units = await unitPlaces(this.db, voting.communityId, propertyUnitIds(voting));
    const places = new Map<string, UnitPlace>(units.map((u) => [u.id, u]));
    if (this.places.size >= PLACES_CACHE_SIZE) {
      const oldest = this.places.keys().next();
      if (oldest.done !== true) this.places.delete(oldest.value);
    }
    this.places.set(voting.resolutionId, places);
    return places;
  }

  /** The buildings a canvasser serves, as buildingKey keys. */
  async buildingsOf(communityId: string, userId: string): Promise<Set<string>> {
    return new Set((await leadBuildings(this.db, communityId, userId)).map(buildingKey));
  }
}
