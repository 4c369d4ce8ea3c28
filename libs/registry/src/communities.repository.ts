import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  createCommunity,
  findCommunity,
  listCommunities,
  readSettings,
  updateSettings,
  type Community,
  type CommunityInput,
} from './communities';
import { type CommunitySettings, type settingsView } from './settings';

/** Communities and their settings, over the pool (the functions stay for other libraries). */
@Injectable()
export class CommunitiesRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  create(actorId: string, input: CommunityInput): Promise<Community> {
    return createCommunity(this.pool, actorId, input);
  }

  find(communityId: string): Promise<Community> {
    return findCommunity(this.pool, communityId);
  }

  list(user: { id: string; admin: boolean }): Promise<Community[]> {
    return listCommunities(this.pool, user);
  }

  settings(communityId: string): Promise<CommunitySettings> {
    return readSettings(this.pool, communityId);
  }

  updateSettings(
    actorId: string,
    communityId: string,
    patch: Record<string, unknown>,
  ): Promise<ReturnType<typeof settingsView>> {
    return updateSettings(this.pool, actorId, communityId, patch);
  }
}
