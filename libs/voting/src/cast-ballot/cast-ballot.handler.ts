import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  acceptBallot,
  AlreadyVotedError,
  castBallot,
  ConcurrencyConflictError,
  indexOf,
  parseSerial,
  SerialAlreadyEnteredError,
  SerialNotFoundError,
  unitOfSheet,
  ValidationError,
  WrongStageError,
  type BallotCast,
  type BallotRequest,
  type VotingOpened,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { activeProxy, boundUnitIds, leadsBuildingOf } from '@yishi/registry';
import { BallotBox } from '../ballot-box';
import { findSheet, recordRefusedSheet } from '../ballot-sheets/ballot-sheet-store';
import { ownersVote } from '../decision-kinds';
import { ResolutionRepository } from '../resolution.repository';
import { CastBallotCommand } from './cast-ballot.command';

/** SQLSTATE raised by the trigger that refuses a ballot once voting is closed (migration 1768…). */
const VOTING_NOT_OPEN = '23V01';

/** SQLSTATE raised by the trigger that marks a ballot sheet entered (migration 1777…). */
const SHEET_NOT_ENTERABLE = '23V02';

/**
 * A unit's ballot: the owner's own, an agent's under a written proxy, or a building lead's paper
 * ballot (domain `castBallot`). Each unit has a stream of its own, appended only if it does not
 * exist, so owners voting at once never contend for one version. A second ballot for the unit is
 * 409 ALREADY_VOTED, except the owner's own replacing a proxy's or a paper one (domain
 * `acceptBallot`), appended to the same stream at its version. The database refuses any ballot
 * once VotingClosed is stored, so a ballot racing the close is either counted or refused.
 */
@CommandHandler(CastBallotCommand)
export class CastBallotHandler implements ICommandHandler<CastBallotCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    resolutionId,
    voter,
    request: asked,
  }: CastBallotCommand): Promise<BallotCast['data']> {
    const voting = await this.resolutions.open(resolutionId);
    const { request, serial } = await this.sheetEntry(resolutionId, asked);
    const unitId = request.unitId ?? null;
    const ownsNamedUnit =
      unitId !== null &&
      indexOf(voting.electorate)
        .byUnit.get(unitId)
        ?.owners.some((o) => o.ownerId === voter.userId) === true;
    const paper = request.channel === 'paper';
    const ownersRule = ownersVote(voting);
    if (voting.rule === 'council' && (paper || unitId !== null))
      throw new ValidationError(
        '议事会决定由出席方签到的参会人本人在线答复，无需填写房屋或纸质票',
        {
          fields: [{ field: paper ? 'channel' : 'unitId', problems: ['not for a council'] }],
        },
      );
    // The caller's real-name bindings (实名绑定): an owner's own ballot needs one for its unit.
    // Read this request (by the guard, or here alongside the other lookups); never cached, so an
    // unbinding on any API process holds for the next ballot.
    const [closed, proxyId, leadsBuilding, bound] = await Promise.all([
      this.resolutions.isClosed(voting),
      unitId !== null && !paper && !ownsNamedUnit
        ? activeProxy(this.db, voter.userId, unitId, new Date())
        : undefined,
      unitId !== null && paper ? leadsBuildingOf(this.db, voter.userId, unitId) : false,
      // A poll's household or a council's party answers without a real-name binding of a unit.
      paper || !ownersRule
        ? undefined
        : (voter.boundUnitIds ?? boundUnitIds(this.db, voter.userId)),
    ]);
    const cast = castBallot(
      voting,
      { closed },
      request,
      {
        userId: voter.userId,
        proxyId,
        leadsBuilding,
        boundUnitIds: ownersRule ? (bound ?? new Set<string>()) : undefined,
      },
      new Date().toISOString(),
    );
    // A printed sheet's serial rides on the event: storing it marks the sheet entered (trigger).
    const data = serial === undefined || cast.channel !== 'paper' ? cast : { ...cast, serial };
    const ballot: BallotCast = { type: 'BallotCast', data };
    let expected: number | 'no-stream' = 'no-stream';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ballots.append(ballot, expected, voter.userId);
        if (voting.rule === 'council') await this.closeWhenAllAnswered(voting, voter.userId);
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
      const last = await this.ballots.last(resolutionId, data.unitId);
      const existing = last?.ballot;
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
   * A council closes early once every party present has answered (议事会各方均已答复): the box
   * closes (trigger `all-answered`) and the worker settles the result as at any close.
   */
  private async closeWhenAllAnswered(voting: VotingOpened['data'], actorId: string): Promise<void> {
    try {
      const answered = await this.ballots.votedUnits(voting.resolutionId);
      if (voting.electorate.units.every((u) => answered.has(u.unitId)))
        await this.resolutions.closeBox(voting, actorId, 'all-answered');
    } catch {
      // The answer is recorded and stands; the box still closes at closesAt (the queue's job), or
      // by the secretary. A failed early close must not turn a counted answer into an error.
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
}
