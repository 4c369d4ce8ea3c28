import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  type Case,
  type Meeting,
  type MeetingSignIn,
  NotFoundError,
  ValidationError,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { CaseRepository, type CaseOutcome, type LoadedCase } from '../case-repository';
import { meetingScope } from '../scope';
import { MeetingCodes } from './meeting-codes';
import { MeetingPeople } from './meeting-people';
import {
  IssueMeetingCodeCommand,
  RecordMinutesCommand,
  SignInMeetingCommand,
} from './meetings.commands';

/** The case of a meeting and the meeting as the case holds it now (404 for an unknown one). */
async function loadMeeting(
  pool: Pool,
  cases: CaseRepository,
  meetingId: string,
): Promise<{ caseId: string; loaded: LoadedCase & { state: Case }; meeting: Meeting }> {
  const scope = await meetingScope(pool, meetingId);
  const loaded = scope === undefined ? undefined : await cases.load(scope.caseId);
  const meeting = loaded?.state?.meetings.find((m) => m.id === meetingId);
  if (
    scope === undefined ||
    loaded?.state === null ||
    loaded?.state === undefined ||
    meeting === undefined
  )
    throw new NotFoundError('找不到该议事会，可能已被删除或链接有误', { meetingId });
  return { caseId: scope.caseId, loaded: { ...loaded, state: loaded.state }, meeting };
}

/**
 * 签到: a member of the community signs in as invited (or, uninvited, as their membership makes
 * them); with a code, the code is checked first (tries counted). Signing in again answers with
 * the first sign-in and writes nothing.
 */
@CommandHandler(SignInMeetingCommand)
export class SignInMeetingHandler implements ICommandHandler<SignInMeetingCommand> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cases: CaseRepository,
    private readonly people: MeetingPeople,
    private readonly codes: MeetingCodes,
  ) {}

  async execute({ meetingId, communityId, userId, code }: SignInMeetingCommand): Promise<{
    caseId: string;
    signIn: MeetingSignIn;
    version: number;
  }> {
    const { caseId, loaded, meeting } = await loadMeeting(this.pool, this.cases, meetingId);
    const earlier = meeting.signIns.find((s) => s.userId === userId);
    if (earlier !== undefined) return { caseId, signIn: earlier, version: loaded.version };
    const attendee = await this.people.attendee(communityId, userId, meeting.invitees);
    if (code !== undefined) await this.codes.check(meetingId, userId, code);
    const outcome = await this.cases.execute(
      caseId,
      {
        type: 'SignInMeeting',
        data: { meetingId, attendee, by: code === undefined ? 'self' : 'code' },
      },
      { actorId: userId, loaded },
    );
    const signIn = outcome.state?.meetings
      .find((m) => m.id === meetingId)
      ?.signIns.find((s) => s.userId === userId);
    return { caseId, signIn: signIn!, version: outcome.version };
  }
}

/** A new code for the room, only while the meeting can still be signed in to. */
@CommandHandler(IssueMeetingCodeCommand)
export class IssueMeetingCodeHandler implements ICommandHandler<IssueMeetingCodeCommand> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cases: CaseRepository,
    private readonly codes: MeetingCodes,
  ) {}

  async execute({ meetingId, communityId, actor }: IssueMeetingCodeCommand): Promise<{
    code: string;
    expiresAt: string;
  }> {
    const { meeting } = await loadMeeting(this.pool, this.cases, meetingId);
    if (!meeting.scheduled)
      throw new ValidationError('该议事会按纸质签到表补录，无需签到码', { meetingId });
    return this.codes.issue(meetingId, communityId, actor.actorId);
  }
}

/**
 * 会议纪要: the files must be the caller's uploads in this community not used elsewhere, or files
 * this case's minutes already hold; once the minutes are in the log, the new uploads are attached
 * to the case, so its readers may open them.
 */
@CommandHandler(RecordMinutesCommand)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutesCommand, CaseOutcome> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cases: CaseRepository,
  ) {}

  async execute({
    meetingId,
    communityId,
    text,
    fileIds,
    actor,
  }: RecordMinutesCommand): Promise<CaseOutcome> {
    const { caseId, loaded } = await loadMeeting(this.pool, this.cases, meetingId);
    const ids = [...new Set(fileIds)];
    if (ids.length > 0) {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT id FROM uploads
          WHERE id = ANY ($1::uuid[]) AND community_id = $2
            AND ((attached_at IS NULL AND uploaded_by = $3) OR case_id = $4)`,
        [ids, communityId, actor.actorId, caseId],
      );
      const usable = new Set(rows.map((r) => r.id));
      const others = ids.filter((id) => !usable.has(id));
      if (others.length > 0)
        throw new ValidationError(
          '附件须是您本人在本社区上传、且未用于其他事项的照片，请重新上传',
          {
            field: 'fileIds',
            fileIds: others,
          },
        );
    }
    const outcome = await this.cases.execute(
      caseId,
      { type: 'RecordMinutes', data: { meetingId, text, fileIds } },
      { ...actor, loaded },
    );
    if (outcome.events.length > 0 && ids.length > 0)
      await this.pool.query(
        `UPDATE uploads SET case_id = $1, attached_at = now()
          WHERE id = ANY ($2::uuid[]) AND attached_at IS NULL`,
        [caseId, ids],
      );
    return outcome;
  }
}
