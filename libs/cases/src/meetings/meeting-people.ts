import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  type Attendance,
  ForbiddenError,
  type MeetingCircle,
  type MeetingPerson,
  meetingPersonOf,
  type Party,
  type Role,
  ValidationError,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

/** The party a member is listed for: their own, the secretary's the party organisation's. */
function partyOf(member: { roles: Role[]; party: Party | null } | undefined): Party | null {
  if (member === undefined) return null;
  return member.party ?? (member.roles.includes('secretary') ? 'party-organisation' : null);
}

interface MemberRow {
  user_id: string;
  roles: Role[];
  party: Party | null;
}

/**
 * The people of a meeting, from the registry: who each invitee comes as, who a person signing in
 * is, and whether the names on a paper sign-in sheet are members of the parties they are listed for.
 */
@Injectable()
export class MeetingPeople {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Each invitee once, as their membership makes them or as the circle named for them (the
   * wider circle: 两代表一委员, a serving party member, a mediator). 400 for anyone who is not a
   * member of the community.
   */
  async invitees(
    communityId: string,
    userIds: readonly string[],
    named: readonly { readonly userId: string; readonly circle: MeetingCircle }[],
  ): Promise<MeetingPerson[]> {
    const circles = new Map(named.map((n) => [n.userId, n.circle]));
    const ids = [...new Set([...userIds, ...named.map((n) => n.userId)])];
    const members = await this.members(communityId, ids);
    const strangers = ids.filter((id) => !members.has(id));
    if (strangers.length > 0)
      throw new ValidationError('受邀人员须为本社区成员，请先在社区成员中添加', {
        field: 'inviteeUserIds',
        userIds: strangers,
      });
    return ids.map((id) => meetingPersonOf(id, members.get(id)!, circles.get(id)));
  }

  /** Who a member signing in comes as: their invitation, else their membership (403 for others). */
  async attendee(
    communityId: string,
    userId: string,
    invitees: readonly MeetingPerson[],
  ): Promise<MeetingPerson> {
    const invited = invitees.find((p) => p.userId === userId);
    if (invited !== undefined) return invited;
    const member = (await this.members(communityId, [userId])).get(userId);
    if (member === undefined) throw new ForbiddenError('您不是本社区成员，不能在此签到');
    return meetingPersonOf(userId, member);
  }

  /**
   * The paper sign-in sheet (签到表) the secretary enters: every name must be a member of the
   * party it is listed for, so the gate counts people who could have been there for that party.
   */
  async checkSheet(communityId: string, attendance: readonly Attendance[]): Promise<void> {
    const ids = [...new Set(attendance.flatMap((a) => a.attendees))];
    const members = await this.members(communityId, ids);
    const problems = attendance.flatMap((a, i) =>
      a.attendees.flatMap((userId, j) =>
        partyOf(members.get(userId)) === a.party ? [] : [`attendance[${i}].attendees[${j}]`],
      ),
    );
    if (problems.length > 0)
      throw new ValidationError('签到表中有人不是所列一方的成员，请核对后重新填写', {
        field: 'attendance',
        fields: problems.map((field) => ({ field, problems: ['not a member of that party'] })),
      });
  }

  private async members(
    communityId: string,
    userIds: readonly string[],
  ): Promise<Map<string, { roles: Role[]; party: Party | null }>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT user_id, roles, party FROM memberships
        WHERE community_id = $1 AND user_id = ANY ($2::uuid[])`,
      [communityId, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, { roles: r.roles, party: r.party }]));
  }
}
