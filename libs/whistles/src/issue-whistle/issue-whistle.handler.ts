import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { caseStream } from '@yishi/cases';
import { demandStream } from '@yishi/demands';
import { NotFoundError, WrongStageError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { communityWhistleSettings } from '../community-whistle-settings';
import { WhistleLinks } from '../links/whistle-links';
import { IssueWhistleCommand } from './issue-whistle.command';

/**
 * The community's street and its departments come from the registry: a department that does not
 * exist is not found (404); one of another street is refused by the decider (400). A demand or a
 * case named must be the community's (404 otherwise, like any id the caller cannot see), and
 * records the whistle on it at once (WhistleLinks).
 */
@CommandHandler(IssueWhistleCommand)
export class IssueWhistleHandler implements ICommandHandler<IssueWhistleCommand, WhistleOutcome> {
  constructor(
    private readonly whistles: WhistleRepository,
    private readonly links: WhistleLinks,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async execute({
    communityId,
    request: r,
    actorId,
  }: IssueWhistleCommand): Promise<WhistleOutcome> {
    const settings = await communityWhistleSettings(this.pool, communityId);
    const streetId = settings?.streetId ?? null;
    if (settings === undefined || streetId === null)
      throw new WrongStageError('本社区尚未归属街道，不能吹哨', { communityId });
    const { rows: known } = await this.pool.query<{ id: string; street_id: string }>(
      `SELECT id, street_id FROM departments WHERE id = ANY($1::uuid[]) OR street_id = $2`,
      [r.departmentIds, streetId],
    );
    const missing = r.departmentIds.filter((id) => !known.some((d) => d.id === id));
    if (missing.length > 0) throw new NotFoundError('找不到该部门', { departmentIds: missing });
    if (r.demandId !== undefined)
      await this.requireOwn(demandStream(r.demandId), communityId, '诉求');
    if (r.caseId !== undefined) await this.requireOwn(caseStream(r.caseId), communityId, '议题');
    const whistleId = randomUUID();
    const outcome = await this.whistles.execute(
      whistleId,
      {
        type: 'IssueWhistle',
        data: {
          whistleId,
          communityId,
          streetId,
          subject: r.subject,
          description: r.description,
          departmentIds: r.departmentIds,
          demandId: r.demandId ?? null,
          caseId: r.caseId ?? null,
          acceptWithinWorkingHours: r.acceptWithinWorkingHours ?? settings.acceptWithinWorkingHours,
          resolveWithinWorkingDays: r.resolveWithinWorkingDays ?? settings.resolveWithinWorkingDays,
          onSite: r.onSite ?? true,
        },
      },
      {
        actorId,
        streetDepartmentIds: known.filter((d) => d.street_id === streetId).map((d) => d.id),
      },
    );
    // The demand or case shows it, and waits for it, from now (the worker's reaction repeats it).
    if (outcome.state !== null) await this.links.report(outcome.state);
    return outcome;
  }

  /** 404 unless the stream's first event is of this community. */
  private async requireOwn(streamId: string, communityId: string, noun: string): Promise<void> {
    const { rows } = await this.pool.query<{ community_id: string | null }>(
      `SELECT data->>'communityId' AS community_id FROM events
        WHERE stream_id = $1 AND stream_position = 1`,
      [streamId],
    );
    if (rows[0]?.community_id !== communityId)
      throw new NotFoundError(`本社区没有该${noun}`, { streamId });
  }
}
