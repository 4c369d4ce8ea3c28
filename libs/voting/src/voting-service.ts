import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Pool } from 'pg';
import {
  acceptBallot,
  AlreadyExistsError,
  answerObjection,
  applyCorrections,
  correctionsOf,
  fileObjection,
  finalisationDue,
  foldResult,
  objectionPeriodOf,
  objectionUntil,
  publishedUnits,
  resultPhase,
  AlreadyVotedError,
  buildElectorate,
  castBallot,
  ConcurrencyConflictError,
  countableBallots,
  indexOf,
  isVotingOpened,
  NotFoundError,
  parseSerial,
  SerialAlreadyEnteredError,
  SerialNotFoundError,
  tally,
  unitOfSheet,
  ValidationError,
  WrongStageError,
  type AnswerRequest,
  type BallotCast,
  type BallotCorrection,
  type BallotRequest,
  type Objection,
  type ObjectionAnswered,
  type ObjectionFiled,
  type ObjectionRequest,
  type PreliminaryResultPublished,
  type ResultFinalised,
  type ResultPhase,
  type ResultRecord,
  type ElectorateUnitInput,
  type JsonValue,
  type Party,
  type ResolutionStatus,
  type Tally,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type AppendMetadata, type EventStore } from '@yishi/event-store';
import { currentContext } from '@yishi/observability';
import {
  activeProxy,
  boundUnitIds,
  leadsBuildingOf,
  ledUnitIds,
  proxiedUnitIds,
  readSettings,
  unitPlaces,
  unitsInScopeWithOwners,
  type ScopeUnit,
} from '@yishi/registry';
import { type CaseRepository, caseStream, resolutionScope } from '@yishi/cases';
import { findSheet, recordRefusedSheet } from './ballot-sheet-store';
import { type Publication } from './publication';

export const RESOLUTION_STREAM_PREFIX = 'resolution-';

/** The resolution's own stream: VotingOpened (the frozen electorate), then once VotingClosed. */
export function resolutionStream(resolutionId: string): string {
  return `${RESOLUTION_STREAM_PREFIX}${resolutionId}`;
}

/** One stream per (resolution, unit): ballots cast at once never contend for a stream version. */
export function ballotStream(resolutionId: string, unitId: string): string {
  return `ballot-${resolutionId}-${unitId}`;
}

/** SQLSTATE raised by the trigger that refuses a ballot once voting is closed (migration 1768…). */
const VOTING_NOT_OPEN = '23V01';

/** SQLSTATE raised by the trigger that marks a ballot sheet entered (migration 1777…). */
const SHEET_NOT_ENTERABLE = '23V02';

type ObjectionFiledOrAnswered =
  | { readonly type: 'ObjectionFiled'; readonly data: ObjectionFiled['data'] }
  | { readonly type: 'ObjectionAnswered'; readonly data: ObjectionAnswered['data'] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long a ballot box seen open is taken as open without asking again (see isClosed). */
const OPEN_RECHECK_MS = 250;

/** Frozen snapshots kept in memory: a VotingOpened never changes once stored. */
const SNAPSHOT_CACHE_SIZE = 256;

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
}

/** One ballot counted for a unit the caller may vote for (GET /resolutions/:id, `me`). */
export interface MyBallot {
  readonly unitId: string;
  readonly choice: BallotCast['data']['choice'];
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

/**
 * The simple ballot box of a resolution (issue 4, point 7): freezing the electorate when voting
 * opens, one ballot per unit, closing, and recording the final tally on the case. Framework-free,
 * like CaseRepository; the API and the worker each hold one.
 */
export class VotingService {
  private readonly snapshots = new Map<string, VotingOpened['data']>();
  private readonly openUntil = new Map<string, number | 'closed'>();
  private readonly closedAsks = new Map<string, Promise<boolean>>();

  constructor(
    private readonly store: EventStore,
    private readonly db: Pool,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Voting opens with the draft: the units of the case's scope, with their exact area and the owners
   * registered now, frozen as VotingOpened on `resolution-<id>` (appended only if the stream does
   * not exist, so the first freeze stands). Idempotent: the API calls it after the draft and the
   * worker on ResolutionDrafted, so a crash between the two loses nothing.
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
    const units = await unitsInScopeWithOwners(this.db, state.communityId, state.scope);
    const electorate = buildElectorate(
      units.map((u) => ({
        unitId: u.unitId,
        areaHundredths: u.areaHundredths,
        // An owner not registered on the platform is still an owner: the unit counts as one owner
        // (and its area) in the electorate, though nobody can vote for it online.
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

  /**
   * GET /resolutions/:id: the resolution, its status and the frozen electorate's totals. Like every
   * use of a resolution here it goes through `open`, so a freeze the API and the worker both missed
   * (a crash right after the draft) is completed by the first reader rather than reported missing.
   */
  async read(resolutionId: string): Promise<ResolutionView> {
    const voting = await this.open(resolutionId);
    const [{ state }, record] = await Promise.all([
      this.cases.load(voting.caseId),
      this.resultRecord(resolutionId),
    ]);
    const closed = record.closed ?? undefined;
    let status = state?.resolutions.find((r) => r.id === resolutionId)?.status ?? 'open';
    // Final, and the result not on the case yet (the worker records it in a moment): the outcome
    // is already what the final tally says. During the objection period it stays open.
    if (status === 'open' && record.finalised !== null) {
      status = record.finalised.tally.passed ? 'passed' : 'failed';
    } else if (status === 'open' && closed !== undefined && record.preliminary === null) {
      // Closed and not yet settled (a crash between the two): as before, the ballots are final.
      const period = objectionPeriodOf(await readSettings(this.db, voting.communityId));
      if ('none' in period) status = (await this.count(voting)).passed ? 'passed' : 'failed';
    }
    const totals = voting.electorate.totals;
    const preliminary = record.preliminary;
    return {
      id: voting.resolutionId,
      caseId: voting.caseId,
      communityId: voting.communityId,
      title: voting.title,
      text: voting.text,
      rule: voting.rule,
      matter: voting.matter,
      status,
      closesAt: voting.closesAt,
      openedAt: voting.openedAt,
      closedAt: closed?.closedAt ?? null,
      phase: status === 'cancelled' ? 'cancelled' : resultPhase(record),
      preliminary:
        preliminary === null
          ? null
          : {
              tally: preliminary.tally,
              publishedAt: preliminary.publishedAt,
              objectionUntil: preliminary.objectionUntil,
            },
      electorate: {
        units: totals.units,
        owners: totals.owners,
        area: totals.area,
        areaHundredths: totals.areaHundredths,
      },
    };
  }

  /**
   * The caller's standing in the vote and their ballots (see MyVote), read now: bindings, proxies
   * and building leads as the registry says today, ownership as the frozen electorate says (as
   * `cast` decides). The ballots are the latest of each unit's stream, so an owner who voted sees
   * it on every reload.
   */
  async mine(resolutionId: string, voter: Voter): Promise<MyVote> {
    const voting = await this.open(resolutionId);
    const index = indexOf(voting.electorate);
    const owned = (index.byOwner.get(voter.userId) ?? []).map((u) => u.unitId);
    const [bound, proxied, led] = await Promise.all([
      voter.boundUnitIds ?? boundUnitIds(this.db, voter.userId),
      proxiedUnitIds(this.db, voter.userId, new Date()),
      ledUnitIds(
        this.db,
        voter.userId,
        voting.electorate.units.map((u) => u.unitId),
      ),
    ]);
    const standing = new Map<string, MyStanding>();
    for (const unitId of owned) if (bound.has(unitId)) standing.set(unitId, 'owner');
    for (const unitId of proxied)
      if (index.byUnit.has(unitId) && !owned.includes(unitId)) standing.set(unitId, 'proxy');
    for (const unitId of led) if (!standing.has(unitId)) standing.set(unitId, 'building-lead');
    const shown = [...new Set([...owned, ...standing.keys()])];
    const [ballots, places] = await Promise.all([
      this.latestBallots(resolutionId, shown),
      unitPlaces(this.db, voting.communityId, shown),
    ]);
    const labels = new Map(places.map((p) => [p.id, `${p.building}${p.entrance}${p.room}室`]));
    const unbound = owned.filter((unitId) => !bound.has(unitId));
    const reason =
      unbound.length > 0
        ? {
            code: 'BINDING_REQUIRED' as const,
            message: '请先完成实名绑定（产权证号与身份证号核验，或书记审核）再投票',
          }
        : standing.size === 0
          ? { code: 'FORBIDDEN' as const, message: '您名下没有参加本次表决的房屋' }
          : null;
    // In the electorate's order, so a page lists them as the canvass does.
    const order = voting.electorate.units.map((u) => u.unitId).filter((id) => standing.has(id));
    return {
      eligibleUnitIds: order,
      units: order.map((unitId) => ({
        unitId,
        label: labels.get(unitId) ?? '房屋',
        as: standing.get(unitId) ?? 'owner',
      })),
      ballots: ballots.map((b) => ({
        unitId: b.unitId,
        choice: b.choice,
        channel: b.channel,
        castAt: b.castAt,
        byOwner: b.byOwner,
      })),
      reason,
    };
  }

  /** The ballot that counts for each of these units (the last of its stream), if any. */
  private async latestBallots(
    resolutionId: string,
    unitIds: readonly string[],
  ): Promise<BallotCast['data'][]> {
    if (unitIds.length === 0) return [];
    const { rows } = await this.db.query<{ data: BallotCast['data'] }>(
      `SELECT DISTINCT ON (stream_id) data FROM events
        WHERE stream_id = ANY ($1::text[]) AND type = 'BallotCast'
        ORDER BY stream_id, stream_position DESC`,
      [unitIds.map((unitId) => ballotStream(resolutionId, unitId))],
    );
    return rows.map((r) => r.data);
  }

  /**
   * A unit's ballot: the owner's own, an agent's under a written proxy, or a building lead's paper
   * ballot (domain `castBallot`). Each unit has a stream of its own, appended only if it does not
   * exist, so owners voting at once never contend for one version. A second ballot for the unit is
   * 409 ALREADY_VOTED, except the owner's own replacing a proxy's or a paper one (domain
   * `acceptBallot`), appended to the same stream at its version. The database refuses any ballot
   * once VotingClosed is stored, so a ballot racing the close is either counted or refused.
   */
  async cast(
    resolutionId: string,
    voter: Voter,
    asked: BallotRequest,
  ): Promise<BallotCast['data']> {
    const voting = await this.open(resolutionId);
    const { request, serial } = await this.sheetEntry(resolutionId, asked);
    const unitId = request.unitId ?? null;
    const ownsNamedUnit =
      unitId !== null &&
      indexOf(voting.electorate)
        .byUnit.get(unitId)
        ?.owners.some((o) => o.ownerId === voter.userId) === true;
    const paper = request.channel === 'paper';
    // The caller's real-name bindings (实名绑定): an owner's own ballot needs one for its unit.
    // Read this request (by the guard, or here alongside the other lookups); never cached, so an
    // unbinding on any API process holds for the next ballot.
    const [closed, proxyId, leadsBuilding, bound] = await Promise.all([
      this.isClosed(voting),
      unitId !== null && !paper && !ownsNamedUnit
        ? activeProxy(this.db, voter.userId, unitId, new Date())
        : undefined,
      unitId !== null && paper ? leadsBuildingOf(this.db, voter.userId, unitId) : false,
      paper ? undefined : (voter.boundUnitIds ?? boundUnitIds(this.db, voter.userId)),
    ]);
    const cast = castBallot(
      voting,
      { closed },
      request,
      { userId: voter.userId, proxyId, leadsBuilding, boundUnitIds: bound ?? new Set<string>() },
      new Date().toISOString(),
    );
    // A printed sheet's serial rides on the event: storing it marks the sheet entered (trigger).
    const data = serial === undefined || cast.channel !== 'paper' ? cast : { ...cast, serial };
    const ballot: BallotCast = { type: 'BallotCast', data };
    const stream = ballotStream(resolutionId, data.unitId);
    let expected: number | 'no-stream' = 'no-stream';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.append(stream, expected, [ballot], metadata(voter.userId));
        return data;
      } catch (error) {
        if ((error as { code?: unknown }).code === VOTING_NOT_OPEN) {
          throw new WrongStageError('表决已结束，不能再投票', { resolutionId });
        }
        if ((error as { code?: unknown }).code === SHEET_NOT_ENTERABLE && serial !== undefined) {
          // Entered (or voided) since the check above: say which, as the check would have.
          const now = await findSheet(this.db, serial);
          if (now !== undefined) unitOfSheet(now, resolutionId, data.unitId);
          throw new SerialAlreadyEnteredError('这张表决票已经录入，每张只能录入一次', { serial });
        }
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
      // The unit has a ballot: only the owner's own may replace a proxy's or a paper one.
      const events = await this.store.readStream(stream);
      const last = events.at(-1);
      const existing = last?.data as BallotCast['data'] | undefined;
      const decision =
        existing === undefined
          ? 'record'
          : acceptBallot({ channel: existing.channel, byOwner: existing.byOwner }, data);
      if (decision instanceof AlreadyVotedError || attempt >= 3) {
        // A printed sheet refused: kept (entered, outcome refused) for the conflict report.
        if (data.serial !== undefined && decision instanceof AlreadyVotedError) {
          const recorded = await recordRefusedSheet(
            this.db,
            data.serial,
            voter.userId,
            data.choice,
          );
          if (!recorded) {
            throw new SerialAlreadyEnteredError('这张表决票已经录入，每张只能录入一次', {
              serial: data.serial,
            });
          }
        }
        throw new AlreadyVotedError('该户已投票，每户只能投一票', {
          resolutionId,
          unitId: data.unitId,
          ...(existing === undefined ? {} : { existing: { channel: existing.channel } }),
          ...(data.serial === undefined ? {} : { serial: data.serial, sheet: 'refused' }),
        });
      }
      expected = last?.streamPosition ?? 'no-stream';
    }
  }

  /**
   * A paper ballot entered by the serial of a printed sheet: the serial (typos caught by its check
   * character) names the unit, which must be the one `unitId` names if given; the sheet must be of
   * this resolution, live and not entered yet. The sheet's serial becomes the ballot's `sheetRef`.
   * Any other request passes through unchanged (the `sheetRef` path stays for unprinted sheets).
   */
  private async sheetEntry(
    resolutionId: string,
    request: BallotRequest,
  ): Promise<{ request: BallotRequest; serial?: string }> {
    if (request.serial === undefined || request.serial === null) return { request };
    if (request.channel !== 'paper') {
      throw new ValidationError('表决票编号只能随纸质表决票（channel: "paper"）录入', {
        fields: [{ field: 'channel', problems: ['must be "paper" with a serial'] }],
      });
    }
    const serial = parseSerial(request.serial);
    if (
      request.sheetRef !== undefined &&
      request.sheetRef !== null &&
      request.sheetRef !== serial
    ) {
      throw new ValidationError('已填写表决票编号时无需再填 sheetRef', {
        fields: [{ field: 'sheetRef', problems: ['must be left out with a serial'] }],
      });
    }
    const sheet = await findSheet(this.db, serial);
    if (sheet === undefined) {
      throw new SerialNotFoundError('没有这个表决票编号，请核对', { serial });
    }
    const unitId = unitOfSheet(sheet, resolutionId, request.unitId ?? null);
    return { request: { ...request, unitId, sheetRef: serial }, serial };
  }

  /** The ballots of one unit, oldest first (a replaced ballot stays in the stream). */
  async unitBallots(resolutionId: string, unitId: string): Promise<BallotCast['data'][]> {
    const events = await this.store.readStream(ballotStream(resolutionId, unitId));
    return events.map((e) => e.data as BallotCast['data']);
  }

  /**
   * Closes the ballot box (VotingClosed, once) and settles the result (see `settle`): final at once
   * where the community has no objection period, else the preliminary result; returns the tally.
   * By the secretary at any time, by the queue at `closesAt`. Idempotent: a second close changes
   * nothing and returns the same tally. A closed case takes no vote result (409 WRONG_STAGE).
   */
  async close(
    resolutionId: string,
    actor: Actor,
    trigger: VotingClosed['data']['trigger'],
  ): Promise<TallyView> {
    const voting = await this.open(resolutionId);
    const { state } = await this.cases.load(voting.caseId);
    if (state === null) throw new NotFoundError('案件不存在', { caseId: voting.caseId });
    const resolution = state.resolutions.find((r) => r.id === resolutionId);
    if (
      resolution?.status === 'cancelled' ||
      (state.status === 'closed' && resolution?.status === 'open')
    ) {
      throw new WrongStageError('案件已销号，表决已取消', { caseId: voting.caseId });
    }
    await this.closeBox(voting, actor.actorId, trigger);
    return this.settle(resolutionId, actor);
  }

  /**
   * The case was closed while this resolution was open (VotingCancelled on the case): the ballot
   * box closes for good with trigger `case-closed`, so no ballot is accepted after it. No result is
   * recorded; a reopened case drafts a new resolution. Idempotent.
   */
  async cancel(resolutionId: string, actorId: string): Promise<void> {
    const voting = await this.snapshot(resolutionId);
    if (voting === undefined) return;
    await this.closeBox(voting, actorId, 'case-closed');
  }

  /**
   * After the close, once: with an objection period (community settings), the preliminary result
   * is published (PreliminaryResultPublished, with `objectionUntil` on the Chinese calendar);
   * without one the result is final at once (ResultFinalised) and recorded on the case. Then, and
   * on every later call, whatever is final is (again) recorded on the case: the same result
   * recorded twice changes nothing, so the worker may repeat what the API did.
   */
  async settle(resolutionId: string, actor: Actor): Promise<TallyView> {
    const voting = await this.open(resolutionId);
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(resolutionStream(resolutionId));
      const record = foldResult(events);
      if (record.closed === null) throw new WrongStageError('表决尚未结束', { resolutionId });
      if (record.closed.trigger === 'case-closed')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      if (record.finalised !== null) return this.recordFinal(voting, record.finalised, actor);
      if (record.preliminary !== null)
        return { ...record.preliminary.tally, resolutionId, final: false };
      const settings = await readSettings(this.db, voting.communityId);
      const result = await this.count(voting);
      const now = new Date().toISOString();
      const until = objectionUntil(now, objectionPeriodOf(settings));
      const status = await this.statusOnCase(voting);
      if (status === 'cancelled')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      // A result on the case already (recorded before objection periods existed): final.
      const recorded = status !== 'open';
      const event: PreliminaryResultPublished | ResultFinalised =
        until === null || recorded
          ? {
              type: 'ResultFinalised',
              data: {
                resolutionId,
                tally: result,
                corrections: [],
                finalisedAt: now,
                disclosure: settings.ballotDisclosure,
                trigger: 'at-close',
              },
            }
          : {
              type: 'PreliminaryResultPublished',
              data: {
                resolutionId,
                tally: result,
                publishedAt: now,
                objectionUntil: until,
                disclosure: settings.ballotDisclosure,
              },
            };
      try {
        await this.appendResult(events, [event], actor.actorId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      if (event.type === 'ResultFinalised') return this.recordFinal(voting, event.data, actor);
      return { ...result, resolutionId, final: false };
    }
  }

  /** Kept for callers of the simple form: the same as `settle`. */
  recordResult(resolutionId: string, actor: Actor): Promise<TallyView> {
    return this.settle(resolutionId, actor);
  }

  /**
   * The objection period is over and every objection answered: the final result, the ballots with
   * each upheld correction applied (ResultFinalised), recorded on the case (VoteRecorded), which
   * then advances on it. Returns undefined while not due (the period runs, or an objection waits
   * for its answer). Idempotent.
   */
  async finalise(resolutionId: string, actor: Actor): Promise<TallyView | undefined> {
    const voting = await this.open(resolutionId);
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(resolutionStream(resolutionId));
      const record = foldResult(events);
      if (record.finalised !== null) return this.recordFinal(voting, record.finalised, actor);
      const now = new Date().toISOString();
      if (!finalisationDue(record, now)) return undefined;
      if ((await this.statusOnCase(voting)) === 'cancelled')
        throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
      const corrections = correctionsOf(record);
      const result = await this.count(voting, corrections);
      const finalised: ResultFinalised = {
        type: 'ResultFinalised',
        data: {
          resolutionId,
          tally: result,
          corrections,
          finalisedAt: now,
          disclosure: record.preliminary?.disclosure ?? 'totals',
          trigger: 'objection-period-over',
        },
      };
      try {
        await this.appendResult(events, [finalised], actor.actorId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      return this.recordFinal(voting, finalised.data, actor);
    }
  }

  /** What the resolution's stream says after the ballot box: close, preliminary, objections, final. */
  async resultRecord(resolutionId: string): Promise<ResultRecord> {
    return foldResult(await this.store.readStream(resolutionStream(resolutionId)));
  }

  /**
   * POST /resolutions/:id/objections: an owner of a unit in the frozen electorate, or an agent
   * holding a written proxy for it, objects to how the unit's vote is recorded, during the
   * objection period only (domain `fileObjection`).
   */
  async fileObjection(
    resolutionId: string,
    caller: { readonly userId: string },
    request: ObjectionRequest,
  ): Promise<ObjectionFiled['data']> {
    const voting = await this.open(resolutionId);
    const unitId = typeof request.unitId === 'string' ? request.unitId : null;
    const owns =
      unitId !== null &&
      indexOf(voting.electorate)
        .byUnit.get(unitId)
        ?.owners.some((o) => o.ownerId === caller.userId) === true;
    const proxyId =
      unitId !== null && !owns && UUID.test(unitId)
        ? await activeProxy(this.db, caller.userId, unitId, new Date())
        : undefined;
    if ((await this.statusOnCase(voting)) === 'cancelled')
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    const objectionId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(resolutionStream(resolutionId));
      const data = fileObjection(
        voting,
        foldResult(events),
        request,
        { userId: caller.userId, proxyId },
        objectionId,
        new Date().toISOString(),
      );
      try {
        await this.appendResult(events, [{ type: 'ObjectionFiled', data }], caller.userId);
        return data;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
      }
    }
  }

  /**
   * POST /resolutions/:id/objections/:objectionId/answer, by the secretary: upheld or not, with the
   * reason, and any correction of a unit's ballot. The last answer after the period finalises.
   */
  async answerObjection(
    resolutionId: string,
    objectionId: string,
    request: AnswerRequest,
    actor: Actor,
  ): Promise<ObjectionAnswered['data'] & { readonly phase: ResultPhase }> {
    const voting = await this.open(resolutionId);
    if ((await this.statusOnCase(voting)) === 'cancelled')
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(resolutionStream(resolutionId));
      const data = answerObjection(
        voting,
        foldResult(events),
        objectionId,
        request,
        actor.actorId,
        new Date().toISOString(),
      );
      try {
        await this.appendResult(events, [{ type: 'ObjectionAnswered', data }], actor.actorId);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      // The answer stands whatever happens next; the worker finalises again on ObjectionAnswered.
      let finalised: TallyView | undefined;
      try {
        finalised = await this.finalise(resolutionId, actor);
      } catch (error) {
        if (!(error instanceof WrongStageError || error instanceof AlreadyExistsError)) throw error;
      }
      return { ...data, phase: finalised === undefined ? 'objection' : 'final' };
    }
  }

  /** The objections of a resolution: all of them, or those filed by or about the viewer's units. */
  async objections(
    resolutionId: string,
    viewer: { readonly userId: string; readonly all: boolean },
  ): Promise<Objection[]> {
    const voting = await this.open(resolutionId);
    const record = await this.resultRecord(resolutionId);
    if (viewer.all) return [...record.objections];
    const mine = new Set(
      (indexOf(voting.electorate).byOwner.get(viewer.userId) ?? []).map((u) => u.unitId),
    );
    return record.objections.filter((o) => o.filedBy === viewer.userId || mine.has(o.unitId));
  }

  /**
   * The publication (公示) of the result, preliminary or final: totals always; each unit's address,
   * area and choice only where the community votes openly (实名). Never a name, phone, ID number or
   * user id. 409 WRONG_STAGE before anything is published, or for a cancelled vote.
   */
  async publication(resolutionId: string): Promise<Publication> {
    const voting = await this.open(resolutionId);
    const record = await this.resultRecord(resolutionId);
    const published = record.finalised ?? record.preliminary;
    if (
      published === null ||
      record.closed === null ||
      record.closed.trigger === 'case-closed' ||
      (record.finalised === null && (await this.statusOnCase(voting)) === 'cancelled')
    ) {
      throw new WrongStageError('表决结果尚未公示', { resolutionId });
    }
    const final = record.finalised;
    const result = published.tally;
    let units: Publication['units'];
    if (published.disclosure === 'open') {
      const ballots = countableBallots(await this.ballots(resolutionId));
      const counted = final === null ? ballots : applyCorrections(ballots, final.corrections);
      const places = await unitPlaces(
        this.db,
        voting.communityId,
        voting.electorate.units.map((u) => u.unitId),
      );
      const labels = new Map(places.map((u) => [u.id, u]));
      units = publishedUnits(voting, counted, 'open', labels);
    }
    return {
      resolutionId,
      title: voting.title,
      rule: voting.rule,
      matter: voting.matter,
      closedAt: record.closed.closedAt,
      phase: final === null ? 'preliminary' : 'final',
      publishedAt: final?.finalisedAt ?? record.preliminary?.publishedAt ?? record.closed.closedAt,
      preliminaryPublishedAt: record.preliminary?.publishedAt ?? null,
      objectionUntil: record.preliminary?.objectionUntil ?? null,
      disclosure: published.disclosure,
      totals: {
        electorate: result.electorate,
        participated: result.participated,
        for: result.for,
        against: result.against,
        abstain: result.abstain,
      },
      thresholds: result.thresholds,
      passed: result.passed,
      explanation: result.explanation,
      objections: {
        filed: record.objections.length,
        answered: record.objections.filter((o) => o.answer !== null).length,
        upheld: record.objections.filter((o) => o.answer?.upheld === true).length,
        corrections: final?.corrections.length ?? correctionsOf(record).length,
      },
      ...(units === undefined ? {} : { units }),
    };
  }

  /**
   * The resolution's status on the case: `cancelled` when the case was closed by hand while the
   * vote was open, which includes its objection period (no result is recorded then).
   */
  private async statusOnCase(voting: VotingOpened['data']): Promise<ResolutionStatus> {
    const { state } = await this.cases.load(voting.caseId);
    return state?.resolutions.find((r) => r.id === voting.resolutionId)?.status ?? 'open';
  }

  /**
   * Records a final result on the case (RecordVoteResult with its tally). The same result recorded
   * twice changes nothing; a different one already there is ALREADY_EXISTS.
   */
  private async recordFinal(
    voting: VotingOpened['data'],
    finalised: ResultFinalised['data'],
    actor: Actor,
  ): Promise<TallyView> {
    const resolutionId = voting.resolutionId;
    const result = finalised.tally;
    const view: TallyView = { ...result, resolutionId, final: true };
    const { state } = await this.cases.load(voting.caseId);
    const recorded = state?.resolutions.find((r) => r.id === resolutionId);
    if (recorded?.status === 'cancelled') {
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    }
    if (recorded !== undefined && recorded.status !== 'open') {
      // On the case already (the case may have moved on, or closed, since).
      if ((recorded.status === 'passed') !== result.passed) {
        throw new AlreadyExistsError('表决结果已记录，与计票结果不符', {
          resolutionId,
          status: recorded.status,
        });
      }
      return view;
    }
    const settings = await readSettings(this.db, voting.communityId);
    await this.cases.execute(
      voting.caseId,
      {
        type: 'RecordVoteResult',
        data: {
          resolutionId,
          passed: result.passed,
          tally: JSON.parse(JSON.stringify(result)) as { [key: string]: JsonValue },
          settings,
        },
      },
      actor,
    );
    return view;
  }

  /** Appends to the resolution's stream after `events` (its whole stream as read). */
  private async appendResult(
    events: readonly { streamPosition: number }[],
    append: readonly (PreliminaryResultPublished | ResultFinalised | ObjectionFiledOrAnswered)[],
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

  /**
   * GET /resolutions/:id/tally: while open, the running count; during the objection period, the
   * ballots with the corrections so far (`final: false`); once final, the final result.
   */
  async currentTally(resolutionId: string): Promise<TallyView> {
    const voting = await this.open(resolutionId);
    const record = await this.resultRecord(resolutionId);
    if (record.finalised !== null) return { ...record.finalised.tally, resolutionId, final: true };
    const result = await this.count(voting, correctionsOf(record));
    // Closed and unsettled (a crash between the two) reads as before: final at the close.
    const final = record.closed !== null && record.preliminary === null;
    return { ...result, resolutionId, final };
  }

  /**
   * Whether an opened resolution's ballot box takes no more ballots, asked now (not the cache the
   * ballots use, which the database trigger backs): canvass visits and reminders stop with it.
   */
  closedForBallots(voting: VotingOpened['data']): Promise<boolean> {
    return this.isClosedNow(voting);
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

  /** Every ballot of the resolution, through the partial index on BallotCast by resolution. */
  private async ballots(resolutionId: string): Promise<BallotCast['data'][]> {
    const { rows } = await this.db.query<{ data: BallotCast['data'] }>(
      `SELECT data FROM events
        WHERE type = 'BallotCast' AND data->>'resolutionId' = $1
        ORDER BY stream_id, stream_position`,
      [resolutionId],
    );
    return rows.map((r) => r.data);
  }

  /** The tally of the ballots, with any corrections of upheld objections applied. */
  private async count(
    voting: VotingOpened['data'],
    corrections: readonly BallotCorrection[] = [],
  ): Promise<Tally> {
    const ballots = countableBallots(await this.ballots(voting.resolutionId));
    return tally(
      voting.rule,
      voting.matter,
      voting.electorate,
      applyCorrections(ballots, corrections),
    );
  }

  /**
   * Closed for ballots, as `isClosedNow` says, remembered: a closed box for good, an open one for
   * OPEN_RECHECK_MS. A ballot in that window after a close still meets the database trigger, which
   * refuses it once VotingClosed is stored (409 WRONG_STAGE): the cache saves a query per ballot
   * while an estate votes, never lets a ballot past a close.
   */
  private async isClosed(voting: VotingOpened['data']): Promise<boolean> {
    const known = this.openUntil.get(voting.resolutionId);
    if (known === 'closed') return true;
    if (known !== undefined && known > Date.now()) return false;
    // Ballots arriving together when the window lapses share one look rather than each asking.
    let asking = this.closedAsks.get(voting.resolutionId);
    if (asking === undefined) {
      asking = this.isClosedNow(voting).finally(() => this.closedAsks.delete(voting.resolutionId));
      this.closedAsks.set(voting.resolutionId, asking);
    }
    const closed = await asking;
    if (this.openUntil.size >= SNAPSHOT_CACHE_SIZE) this.openUntil.clear();
    this.openUntil.set(voting.resolutionId, closed ? 'closed' : Date.now() + OPEN_RECHECK_MS);
    return closed;
  }

  /** Closed for ballots: the box closed, a result recorded on the case, or the case closed. */
  private async isClosedNow(voting: VotingOpened['data']): Promise<boolean> {
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

  private async closeBox(
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

function metadata(actorId: string): AppendMetadata {
  const ctx = currentContext();
  return {
    actorId,
    ...(ctx === undefined
      ? {}
      : { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null }),
  };
}
