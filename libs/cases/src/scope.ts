import { type Party } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { caseIdOf, caseStream } from './case-repository';

/**
 * The community of a case and the parties the permission table may ask about, straight from the
 * log (its first event, its latest analysis), so a request right after the case opened never waits
 * for a read model.
 */
export async function caseScope(
  db: Queryable,
  caseId: string,
): Promise<{ communityId: string; leadParty: Party | null } | undefined> {
  const { rows } = await db.query<{ community_id: string | null; lead_party: Party | null }>(
    `SELECT o.data->>'communityId' AS community_id,
            (SELECT a.data->>'leadParty' FROM events a
              WHERE a.stream_id = $1 AND a.type = 'AnalysisRecorded'
              ORDER BY a.stream_position DESC LIMIT 1) AS lead_party
       FROM events o WHERE o.stream_id = $1 AND o.stream_position = 1 AND o.type = 'CaseOpened'`,
    [caseStream(caseId)],
  );
  const row = rows[0];
  if (row === undefined || row.community_id === null) return undefined;
  return { communityId: row.community_id, leadParty: row.lead_party };
}

/**
 * The case and community of a resolution, from its ResolutionDrafted (partial index on the
 * resolution id): the draft is the truth, so this holds before voting has even opened.
 */
export async function resolutionScope(
  db: Queryable,
  resolutionId: string,
): Promise<{ communityId: string; caseId: string } | undefined> {
  const { rows } = await db.query<{ stream_id: string; community_id: string | null }>(
    `SELECT d.stream_id, o.data->>'communityId' AS community_id
       FROM events d
       JOIN events o ON o.stream_id = d.stream_id AND o.stream_position = 1 AND o.type = 'CaseOpened'
      WHERE d.type = 'ResolutionDrafted' AND d.data->>'resolutionId' = $1
      LIMIT 1`,
    [resolutionId],
  );
  const row = rows[0];
  const caseId = row === undefined ? undefined : caseIdOf(row.stream_id);
  if (row === undefined || caseId === undefined || row.community_id === null) return undefined;
  return { communityId: row.community_id, caseId };
}

/**
 * The case of a task, its community, its assignee party now (the latest TaskAssigned or
 * TaskReassigned, partial index on the task id) and the case's lead party: what the permission
 * table's `assignee-party` and `lead-party` grants ask, strongly consistent with the log.
 */
export async function taskScope(
  db: Queryable,
  taskId: string,
): Promise<
  { communityId: string; caseId: string; assigneeParty: Party; leadParty: Party | null } | undefined
> {
  const { rows } = await db.query<{ stream_id: string; assignee: Party | null }>(
    `SELECT stream_id, coalesce(data->>'assigneeParty', data->>'to') AS assignee
       FROM events
      WHERE type IN ('TaskAssigned', 'TaskReassigned') AND data->>'taskId' = $1
      ORDER BY stream_position DESC LIMIT 1`,
    [taskId],
  );
  const row = rows[0];
  const caseId = row === undefined ? undefined : caseIdOf(row.stream_id);
  if (row === undefined || caseId === undefined || row.assignee === null) return undefined;
  const scope = await caseScope(db, caseId);
  if (scope === undefined) return undefined;
  return { ...scope, caseId, assigneeParty: row.assignee };
}

/** The scope (estate, building, entrance) a case covers, from its CaseOpened. */
export async function caseUnitScope(
  db: Queryable,
  caseId: string,
): Promise<{ estate: string; building: string | null; entrance: string | null } | undefined> {
  const { rows } = await db.query<{
    scope: { estate: string; building: string | null; entrance: string | null };
  }>(
    `SELECT data->'scope' AS scope FROM events
      WHERE stream_id = $1 AND stream_position = 1 AND type = 'CaseOpened'`,
    [caseStream(caseId)],
  );
  return rows[0]?.scope;
}

/**
 * The case and community of a meeting, from its MeetingScheduled or MeetingRecorded (partial
 * index on the meeting id): the log is the truth, so a sign-in right after scheduling finds it.
 */
export async function meetingScope(
  db: Queryable,
  meetingId: string,
): Promise<{ communityId: string; caseId: string } | undefined> {
  const { rows } = await db.query<{ stream_id: string; community_id: string | null }>(
    `SELECT m.stream_id, o.data->>'communityId' AS community_id
       FROM events m
       JOIN events o ON o.stream_id = m.stream_id AND o.stream_position = 1 AND o.type = 'CaseOpened'
      WHERE m.type IN ('MeetingScheduled', 'MeetingRecorded') AND m.data->>'meetingId' = $1
      LIMIT 1`,
    [meetingId],
  );
  const row = rows[0];
  const caseId = row === undefined ? undefined : caseIdOf(row.stream_id);
  if (row === undefined || caseId === undefined || row.community_id === null) return undefined;
  return { communityId: row.community_id, caseId };
}
