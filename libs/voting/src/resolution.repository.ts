import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  buildElectorate,
  ConcurrencyConflictError,
  foldResult,
  isVotingOpened,
  NotFoundError,
  type ElectorateUnitInput,
  type ObjectionAnswered,
  type ObjectionFiled,
  type PreliminaryResultPublished,
  type ResolutionStatus,
  type ResultFinalised,
  type ResultRecord,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type EventStore, type RecordedEvent } from '@yishi/event-store';
import { EVENT_STORE, PG_POOL } from '@yishi/platform';
import { unitsInScopeWithOwners, type ScopeUnit } from '@yishi/registry';
import { CaseRepository, caseStream, resolutionScope } from '@yishi/cases';
import { decisionElectorate, draftedOptions } from './decision-kinds';
import { metadata, resolutionStream } from './voting-streams';

/** What a use case appends to the resolution's stream after the ballot box. */
export type ResultEvent =
  | PreliminaryResultPublished
  | ResultFinalised
  | { readonly type: 'ObjectionFiled'; readonly data: ObjectionFiled['data'] }
  | { readonly type: 'ObjectionAnswered'; readonly data: ObjectionAnswered['data'] };

/** How long a ballot box seen open is taken as open without asking again (see isClosed). */
const OPEN_RECHECK_MS = 250;

/** Frozen snapshots kept in memory: a VotingOpened never changes once stored. */
const SNAPSHOT_CACHE_SIZE = 256;

/**
 * The resolution's stream (`resolution-<id>`): the frozen electorate (VotingOpened), the close,
 * the preliminary result, objections and the final result. One per process (the voting module
 * provides it), because it remembers what may be remembered for every use case alike: the frozen
 * snapshots, and for a moment that a ballot box is open.
 */
@Injectable()
export class ResolutionRepository {
  private readonly snapshots = new Map<string, VotingOpened['data']>();
  private readonly openUntil = new Map<string, number | 'closed'>();
  private readonly closedAsks = new Map<string, Promise<boolean>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly db: Pool,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Voting opens with the draft: the units of the case's scope, with their exact area and the owners
   * registered now (for a poll the households and their residents, for a council the parties
   * present and their signed-in attendees: decision-kinds.ts), with the plans if any, frozen as
   * VotingOpened on `resolution-<id>` (appended only if the stream does
   * not exist, so the first freeze stands). Idempotent: the API calls it after the draft and the
   * worker on ResolutionDrafted, so a crash between the two loses nothing. Every use of a
   * resolution goes through it, so a freeze both missed is completed by the first reader.
   */
  async open(resolutionId: string): Promise<VotingOpened['data']> {
    const existing = await this.snapshot(resolutionId);
    if (existing !== undefined) return existing;
    const found = await resolutionScope(this.db, resolutionId);
    if (found === undefined) throw new NotFoundError('决议不存在', { resolutionId });
    const { state } = await this.cases.load(found.caseId);
    const resolution = state?.resolutions.find((r) => r.id === resolutionId);
    if (state === null || resolution === undefined) {
      throw new NotFoundError('决议不存在', { resolutionId });
    }
    const [decided, options] = await Promise.all([
      decisionElectorate(this.db, state, resolution),
      draftedOptions(this.db, state.id, resolutionId),
    ]);
    const electorate =
      decided ??
      buildElectorate(
        (await unitsInScopeWithOwners(this.db, state.communityId, state.scope)).map((u) => ({
          unitId: u.unitId,
          areaHundredths: u.areaHundredths,
          owners: ownersOf(u, state.communityId),
        })),
      );
    const opened: VotingOpened = {
      type: 'VotingOpened',
      data: {
        resolutionId,
        caseId: state.id,
        communityId: state.communityId,
        title: resolution.title,
        text: resolution.text,
        rule: resolution.rule,
        matter: resolution.matter,
        closesAt: resolution.closesAt,
        scope: state.scope,
        electorate,
        openedAt: new Date().toISOString(),
        ...(options === null ? {} : { options }),
      },
    };
    try {
      await this.store.append(
        resolutionStream(resolutionId),
        'no-stream',
        [opened],
        metadata(resolution.draftedBy),
      );
    } catch (error) {
      // Frozen by someone else meanwhile: theirs stands.
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
    const stored = await this.snapshot(resolutionId);
    if (stored === undefined) throw new Error(`VotingOpened of ${resolutionId} is not readable`);
    return stored;
  }

  /** The frozen snapshot, if voting has opened. */
  async snapshot(resolutionId: string): Promise<VotingOpened['data'] | undefined> {
    const cached = this.snapshots.get(resolutionId);
    if (cached !== undefined) return cached;
    const [first] = await this.store.readStream(resolutionStream(resolutionId), { limit: 1 });
    if (first === undefined) return undefined;
    if (first.type !== 'VotingOpened' || !isVotingOpened(first.data)) {
      throw new Error(`resolution-${resolutionId} does not start with a VotingOpened`);
    }
    if (this.snapshots.size >= SNAPSHOT_CACHE_SIZE) {
      const oldest = this.snapshots.keys().next();
      if (oldest.done !== true) this.snapshots.delete(oldest.value);
    }
    this.snapshots.set(resolutionId, first.data);
    return first.data;
  }

  /** The resolution's whole stream, to fold and append after. */
  events(resolutionId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(resolutionStream(resolutionId));
  }

  /** What the resolution's stream says after the ballot box: close, preliminary, objections, final. */
  async resultRecord(resolutionId: string): Promise<ResultRecord> {
    return foldResult(await this.events(resolutionId));
  }

  /** Appends to the resolution's stream after `events` (its whole stream as read). */
  async appendResult(
    events: readonly { streamPosition: number }[],
    append: readonly ResultEvent[],
    actorId: string,
  ): Promise<void> {
    const last = events.at(-1);
    if (last === undefined) throw new Error('the resolution stream is empty');
    const [first] = append;
    if (first === undefined) return;
    await this.store.append(
      resolutionStream(first.data.resolutionId),
      last.streamPosition,
      [...append],
      metadata(actorId),
    );
  }

  /** Closes the ballot box: VotingClosed, once (a second close changes nothing). */
  async closeBox(
    voting: VotingOpened['data'],
    actorId: string,
    trigger: VotingClosed['data']['trigger'],
  ): Promise<void> {
    const stream = resolutionStream(voting.resolutionId);
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(stream);
      if (events.some((e) => e.type === 'VotingClosed')) return;
      const closed: VotingClosed = {
        type: 'VotingClosed',
        data: {
          resolutionId: voting.resolutionId,
          closedAt: new Date().toISOString(),
          closedBy: actorId,
          trigger,
        },
      };
      try {
        await this.store.append(stream, events.at(-1)?.streamPosition ?? 'no-stream', [closed], {
          ...metadata(actorId),
        });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 3) throw error;
        await sleep(Math.random() * 10 * attempt);
      }
    }
  }

  /**
   * The resolution's status on the case: `cancelled` when the case was closed by hand while the
   * vote was open, which includes its objection period (no result is recorded then).
   */
  async statusOnCase(voting: VotingOpened['data']): Promise<ResolutionStatus> {
    const { state } = await this.cases.load(voting.caseId);
    return state?.resolutions.find((r) => r.id === voting.resolutionId)?.status ?? 'open';
  }

  /**
   * Closed for ballots, as `closedForBallots` says, remembered: a closed box for good, an open one
   * for OPEN_RECHECK_MS. A ballot in that window after a close still meets the database trigger,
   * which refuses it once VotingClosed is stored (409 WRONG_STAGE): the cache saves a query per
   * ballot while an estate votes, never lets a ballot past a close.
   */
  async isClosed(voting: VotingOpened['data']): Promise<boolean> {
    const known = this.openUntil.get(voting.resolutionId);
    if (known === 'closed') return true;
    if (known !== undefined && known > Date.now()) return false;
    // Ballots arriving together when the window lapses share one look rather than each asking.
    let asking = this.closedAsks.get(voting.resolutionId);
    if (asking === undefined) {
      asking = this.closedForBallots(voting).finally(() =>
        this.closedAsks.delete(voting.resolutionId),
      );
      this.closedAsks.set(voting.resolutionId, asking);
    }
    const closed = await asking;
    if (this.openUntil.size >= SNAPSHOT_CACHE_SIZE) this.openUntil.clear();
    this.openUntil.set(voting.resolutionId, closed ? 'closed' : Date.now() + OPEN_RECHECK_MS);
    return closed;
  }

  /**
   * Whether an opened resolution's ballot box takes no more ballots, asked now (not the cache the
   * ballots use, which the database trigger backs): the box closed, a result recorded on the case,
   * or the case closed. Canvass visits and reminders stop with it.
   */
  async closedForBallots(voting: VotingOpened['data']): Promise<boolean> {
    const { rows } = await this.db.query<{ closed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND type = 'VotingClosed')
           OR EXISTS (SELECT 1 FROM events WHERE stream_id = $2 AND type = 'VoteRecorded'
                         AND data->>'resolutionId' = $3)
           OR coalesce((SELECT type = 'CaseClosed' FROM events
                         WHERE stream_id = $2 AND type IN ('CaseClosed', 'CaseReopened')
                         ORDER BY stream_position DESC LIMIT 1), false) AS closed`,
      [resolutionStream(voting.resolutionId), caseStream(voting.caseId), voting.resolutionId],
    );
    return rows[0]?.closed === true;
  }
}

/**
 * The owners of a unit in the electorate. An owner not registered on the platform is still an
 * owner: the unit counts as one owner (and its area), though nobody can vote for it online. A unit
 * marked as the developer's unsold, with no registered owner, belongs to the developer: all of
 * them share one key, so they count as one owner together (SPC interpretation, art. 9).
 */
function ownersOf(unit: ScopeUnit, communityId: string): ElectorateUnitInput['owners'] {
  if (unit.ownerIds.length > 0)
    return unit.ownerIds.map((ownerId) => ({ ownerId, kind: 'person' as const }));
  if (unit.developerUnsold) return [{ ownerId: `developer:${communityId}`, kind: 'developer' }];
  return [{ ownerId: `unregistered:${unit.unitId}`, kind: 'person' }];
}
