import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError, NotFoundError, type BallotDisclosure } from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';
import { defaultDemandPrefix } from './demand-prefix';
import { streetOfNewCommunity } from './streets';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  settingsView,
  type CommunitySettings,
} from './settings';

export interface Community {
  readonly id: string;
  readonly name: string;
  readonly street: string | null;
  readonly district: string | null;
  /** The community's street (街道) in the registry; `street` is its name. */
  readonly streetId: string | null;
  readonly createdAt: string;
}

interface CommunityRow {
  id: string;
  name: string;
  street: string | null;
  district: string | null;
  street_id: string | null;
  created_at: Date;
}

/** A new community: its name, and its street by id, or by name (and district). */
export interface CommunityInput {
  readonly name: string;
  readonly street?: string | undefined;
  readonly district?: string | undefined;
  readonly streetId?: string | undefined;
}

const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  name: r.name,
  street: r.street,
  district: r.district,
  streetId: r.street_id,
  createdAt: r.created_at.toISOString(),
});

export async function createCommunity(
  pool: Pool,
  actorId: string | null,
  input: CommunityInput,
  db?: PoolClient,
): Promise<Community> {
  const work = async (client: PoolClient) => {
    const street = await streetOfNewCommunity(client, actorId, {
      street: input.street,
      district: input.district,
      ...(input.streetId === undefined ? {} : { streetId: input.streetId }),
    });
    try {
      const { rows } = await client.query<CommunityRow>(
        `INSERT INTO communities (id, name, street, district, street_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [
          randomUUID(),
          input.name,
          street?.name ?? null,
          street === null ? (input.district ?? null) : street.district,
          street?.id ?? null,
        ],
      );
      const community = toCommunity(rows[0] as CommunityRow);
      await writeSettings(client, community.id, {
        ...DEFAULT_SETTINGS,
        demandNumberPrefix: defaultDemandPrefix(community.name),
      });
      await recordAudit(client, {
        communityId: community.id,
        actorId,
        action: 'community.created',
        entity: 'community',
        entityId: community.id,
        data: {
          name: community.name,
          street: community.street,
          district: community.district,
          streetId: community.streetId,
        },
      });
      return community;
    } catch (error) {
      if (uniqueViolation(error) === 'communities_name_key')
        throw new AlreadyExistsError('这里已有同名的社区', {
          field: 'name',
        });
      throw error;
    }
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

export async function findCommunity(db: Pool | PoolClient, id: string): Promise<Community> {
  const { rows } = await db.query<CommunityRow>(`SELECT * FROM communities WHERE id = $1`, [id]);
  if (rows[0] === undefined) throw new NotFoundError('找不到该社区', { communityId: id });
  return toCommunity(rows[0]);
}

/** Every community for the admin; otherwise those the user is a member of. */
export async function listCommunities(
  db: Pool,
  user: { id: string; admin: boolean },
): Promise<Community[]> {
  const { rows } = user.admin
    ? await db.query<CommunityRow>(`SELECT * FROM communities ORDER BY created_at, id`)
    : await db.query<CommunityRow>(
        `SELECT c.* FROM communities c JOIN memberships m ON m.community_id = c.id
          WHERE m.user_id = $1 ORDER BY c.created_at, c.id`,
        [user.id],
      );
  return rows.map(toCommunity);
}

/** A row of community_settings with its community's name (`SELECT s.*, c.name AS community_name`). */
export interface SettingsRow {
  acknowledgement_hours: string;
  reminder_before_hours: string;
  notice_period_hours: string;
  evaluation_window_hours: string;
  satisfaction_numerator: number;
  satisfaction_denominator: number;
  acknowledgement_working_days: number | null;
  reminder_before_working_days: number | null;
  task_due_working_days: number;
  task_reminder_before_hours: string;
  vote_reminder_hours: number[];
  objection_working_days: number;
  objection_hours: string | null;
  ballot_disclosure: BallotDisclosure;
  min_response_numerator: number;
  min_response_denominator: number;
  /** Null for a community made before the setting: its name's default. */
  demand_number_prefix: string | null;
  demand_accept_hours: string;
  demand_resolve_working_days: number;
  demand_resolve_working_days_by_category: Record<string, number>;
  demand_confirm_working_days: number;
  whistle_accept_working_hours: string;
  whistle_answer_working_days: number;
  community_name: string;
}

async function writeSettings(db: PoolClient, communityId: string, s: CommunitySettings) {
  await db.query(
    `INSERT INTO community_settings (community_id, acknowledgement_hours, reminder_before_hours,
       notice_period_hours, evaluation_window_hours, satisfaction_numerator, satisfaction_denominator,
       acknowledgement_working_days, reminder_before_working_days, task_due_working_days,
       task_reminder_before_hours, vote_reminder_hours, objection_working_days, objection_hours,
       ballot_disclosure, min_response_numerator, min_response_denominator, demand_number_prefix,
       demand_accept_hours, demand_resolve_working_days, demand_resolve_working_days_by_category,
       demand_confirm_working_days, whistle_accept_working_hours, whistle_answer_working_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $22, $23, $24)
     ON CONFLICT (community_id) DO UPDATE SET
       acknowledgement_hours = EXCLUDED.acknowledgement_hours,
       reminder_before_hours = EXCLUDED.reminder_before_hours,
       notice_period_hours = EXCLUDED.notice_period_hours,
       evaluation_window_hours = EXCLUDED.evaluation_window_hours,
       satisfaction_numerator = EXCLUDED.satisfaction_numerator,
       satisfaction_denominator = EXCLUDED.satisfaction_denominator,
       acknowledgement_working_days = EXCLUDED.acknowledgement_working_days,
       reminder_before_working_days = EXCLUDED.reminder_before_working_days,
       task_due_working_days = EXCLUDED.task_due_working_days,
       task_reminder_before_hours = EXCLUDED.task_reminder_before_hours,
       vote_reminder_hours = EXCLUDED.vote_reminder_hours,
       objection_working_days = EXCLUDED.objection_working_days,
       objection_hours = EXCLUDED.objection_hours,
       ballot_disclosure = EXCLUDED.ballot_disclosure,
       min_response_numerator = EXCLUDED.min_response_numerator,
       min_response_denominator = EXCLUDED.min_response_denominator,
       demand_number_prefix = EXCLUDED.demand_number_prefix,
       demand_accept_hours = EXCLUDED.demand_accept_hours,
       demand_resolve_working_days = EXCLUDED.demand_resolve_working_days,
       demand_resolve_working_days_by_category = EXCLUDED.demand_resolve_working_days_by_category,
       demand_confirm_working_days = EXCLUDED.demand_confirm_working_days,
       whistle_accept_working_hours = EXCLUDED.whistle_accept_working_hours,
       whistle_answer_working_days = EXCLUDED.whistle_answer_working_days,
       updated_at = now()`,
    [
      communityId,
      s.acknowledgementHours,
      s.reminderBeforeHours,
      s.noticePeriodHours,
      s.evaluationWindowHours,
      s.satisfactionThreshold.numerator,
      s.satisfactionThreshold.denominator,
      s.acknowledgementWorkingDays,
      s.reminderBeforeWorkingDays,
      s.taskDueWorkingDays,
      s.taskReminderBeforeHours,
      s.voteReminderHoursBeforeClose,
      s.objectionWorkingDays,
      s.objectionHours,
      s.ballotDisclosure,
      s.minEvaluationResponse.numerator,
      s.minEvaluationResponse.denominator,
      s.demandNumberPrefix,
      s.demandAcceptHours,
      s.demandResolveWorkingDays,
      JSON.stringify(s.demandResolveWorkingDaysByCategory),
      s.demandConfirmWorkingDays,
      s.whistleAcceptWorkingHours,
      s.whistleAnswerWorkingDays,
    ],
  );
}

export async function readSettings(
  db: Pool | PoolClient,
  communityId: string,
  lock = false,
): Promise<CommunitySettings> {
  const { rows } = await db.query<SettingsRow>(
    `SELECT s.*, c.name AS community_name
       FROM community_settings s JOIN communities c ON c.id = s.community_id
      WHERE s.community_id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
    [communityId],
  );
  const r = rows[0];
  if (r === undefined) throw new NotFoundError('找不到该社区', { communityId });
  return settingsOfRow(r);
}

export function settingsOfRow(r: SettingsRow): CommunitySettings {
  return {
    acknowledgementHours: Number(r.acknowledgement_hours),
    reminderBeforeHours: Number(r.reminder_before_hours),
    noticePeriodHours: Number(r.notice_period_hours),
    evaluationWindowHours: Number(r.evaluation_window_hours),
    satisfactionThreshold: {
      numerator: r.satisfaction_numerator,
      denominator: r.satisfaction_denominator,
    },
    minEvaluationResponse: {
      numerator: r.min_response_numerator,
      denominator: r.min_response_denominator,
    },
    acknowledgementWorkingDays: r.acknowledgement_working_days,
    reminderBeforeWorkingDays: r.reminder_before_working_days,
    taskDueWorkingDays: r.task_due_working_days,
    taskReminderBeforeHours: Number(r.task_reminder_before_hours),
    voteReminderHoursBeforeClose: r.vote_reminder_hours.map(Number),
    objectionWorkingDays: r.objection_working_days,
    objectionHours: r.objection_hours === null ? null : Number(r.objection_hours),
    ballotDisclosure: r.ballot_disclosure,
    demandNumberPrefix: r.demand_number_prefix ?? defaultDemandPrefix(r.community_name),
    demandAcceptHours: Number(r.demand_accept_hours),
    demandResolveWorkingDays: r.demand_resolve_working_days,
    demandResolveWorkingDaysByCategory: r.demand_resolve_working_days_by_category,
    demandConfirmWorkingDays: r.demand_confirm_working_days,
    whistleAcceptWorkingHours: Number(r.whistle_accept_working_hours),
    whistleAnswerWorkingDays: r.whistle_answer_working_days,
  };
}

export async function updateSettings(
  pool: Pool,
  actorId: string,
  communityId: string,
  patch: Record<string, unknown>,
): Promise<ReturnType<typeof settingsView>> {
  return inTransaction(pool, async (client) => {
    const before = await readSettings(client, communityId, true);
    const after = applySettingsPatch(before, patch);
    await writeSettings(client, communityId, after);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'settings.updated',
      entity: 'community-settings',
      entityId: communityId,
      data: { before: settingsView(before), after: settingsView(after) },
    });
    return settingsView(after);
  });
}
