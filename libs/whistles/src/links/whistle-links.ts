import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { CaseRepository } from '@yishi/cases';
import { DemandRepository, type DemandStreetEscalation } from '@yishi/demands';
import {
  AlreadyExistsError,
  type Case,
  currentTracks,
  type EscalationSourceKind,
  type FollowUpEscalated,
  formatChineseTime,
  type LedgerDemand,
  PARTY_LABELS,
  type PartyEscalated,
  STAGE_LABELS,
  type Whistle,
  whistleProgress,
} from '@yishi/domain';
import { nameUuid, PG_POOL } from '@yishi/platform';
import { streetOfficeOf } from '@yishi/registry';
import { communityWhistleSettings } from '../community-whistle-settings';
import { WhistleRepository } from '../whistle-repository';

/** The platform's actor id on what it writes for a whistle (links, escalation whistles). */
const WORKFLOW_ACTOR = 'system:workflow';

/** What an escalation whistle is about: the street's office is asked to act on it. */
export interface EscalationWhistle {
  readonly communityId: string;
  readonly kind: EscalationSourceKind;
  /** The escalation's id (a case's `ack_…`/`task_…`/`eval_…`, a demand's timer): one whistle each. */
  readonly escalationId: string;
  readonly demandId?: string;
  readonly caseId?: string;
  readonly subject: string;
  readonly description: string;
}

/**
 * The whistles as their demands and cases see them (docs/whistles.md, "Links to demands and
 * cases"):
 * - after every event of a whistle from a demand or a case, its progress (linked, answered,
 *   settled) is recorded on that demand or case (`RecordWhistle`; each step once, so a replay or a
 *   late report adds nothing). The issuing request records the link at once as well, so the demand
 *   refuses to be resolved from the moment the whistle exists.
 * - an escalation (a party late to sign with `toStreet`, a late task, residents not satisfied, a
 *   demand past its deadline) becomes a whistle to the street's office (街道办), made by the
 *   platform with a name-based id per escalation, so it is made once however often it is asked.
 * Where the community belongs to no street, or the street has no office, no whistle is made.
 * One per process (WhistleStoreModule); the worker's reactions are in whistle-link.reactions.ts.
 */
@Injectable()
export class WhistleLinks implements DemandStreetEscalation {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly whistles: WhistleRepository,
    private readonly demands: DemandRepository,
    private readonly cases: CaseRepository,
  ) {}

  /** Records the whistle's progress on the demand or case it came from. */
  async report(whistle: Whistle): Promise<void> {
    const { demandId, caseId, escalation } = whistle.source;
    const command = {
      type: 'RecordWhistle',
      data: whistleProgress(whistle, escalation?.sourceEventId ?? null),
    } as const;
    const context = { actorId: WORKFLOW_ACTOR };
    if (demandId !== null) await this.demands.execute(demandId, command, context);
    if (caseId === null) return;
    const { state } = await this.cases.execute(caseId, command, context);
    if (state !== null) await this.carryRating(whistle, state);
  }

  /**
   * 一哨一评 of a case's escalation: the secretary's rating of the street's answer, once the
   * escalation's whistle is closed, is the escalation's rating on the case too (unless it was rated
   * there already).
   */
  private async carryRating(whistle: Whistle, state: Case): Promise<void> {
    const escalationId = whistle.source.escalation?.sourceEventId;
    const escalation = state.escalations.find((e) => e.id === escalationId);
    const rating = currentTracks(whistle)
      .flatMap((t) => t.ratings)
      .at(-1);
    if (whistle.status !== 'closed' || escalation?.rating !== null || rating === undefined) return;
    try {
      await this.cases.execute(
        state.id,
        {
          type: 'RateEscalation',
          data: { escalationId: escalation.id, rating: rating.rating, comment: rating.comment },
        },
        { actorId: rating.ratedBy },
      );
    } catch (error) {
      // Rated on the case meanwhile: that rating stands.
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }

  /** Reports the whistle, as its stream stands now, to its demand or case. */
  async reportWhistle(whistleId: string): Promise<void> {
    const { state } = await this.whistles.load(whistleId);
    if (state !== null) await this.report(state);
  }

  /** A party late to sign, where the street is to be called in (`toStreet`). */
  async partyEscalated(caseId: string, d: PartyEscalated['data']): Promise<void> {
    if (d.toStreet !== true) return;
    const c = (await this.cases.load(caseId)).state;
    if (c === null) return;
    const party = PARTY_LABELS[d.party];
    await this.issue({
      communityId: c.communityId,
      kind: 'party-escalated',
      escalationId: `ack_${d.entry}_${d.party}`,
      caseId: c.id,
      subject: `《${c.title}》${party}逾期未签收`,
      description:
        `议事案件《${c.title}》进入“${STAGE_LABELS[d.stage]}”阶段，${party}应于` +
        `${formatChineseTime(d.deadline)}前签收，逾期未签收。请街道协调${party}参与，` +
        `或在反馈中说明案件不待其签收继续推进。`,
    });
  }

  /** A task past its due date, or residents not satisfied at the end of an evaluation round. */
  async followUpEscalated(caseId: string, d: FollowUpEscalated['data']): Promise<void> {
    const c = (await this.cases.load(caseId)).state;
    if (c === null) return;
    const party = PARTY_LABELS[d.party];
    const task = d.taskId === null ? undefined : c.tasks.find((t) => t.id === d.taskId);
    await this.issue({
      communityId: c.communityId,
      kind: 'follow-up-escalated',
      escalationId: d.escalationId,
      caseId: c.id,
      subject:
        d.cause === 'task-overdue'
          ? `《${c.title}》任务逾期：${task?.title ?? d.reason}`
          : `《${c.title}》居民评价未达满意`,
      description:
        d.cause === 'task-overdue'
          ? `${party}承办的任务“${task?.title ?? d.reason}”应于${formatChineseTime(d.deadline)}前完成，逾期未完成。请街道督办。`
          : `议事案件《${c.title}》第 ${d.round} 轮居民评价未达满意（${d.reason}），已重新办理。请街道督办${party}。`,
    });
  }

  /** A demand past its deadline's last timer (called by the ledger's timers, through the hook). */
  async demandEscalated(demand: LedgerDemand, escalationId: string): Promise<void> {
    await this.issue({
      communityId: demand.communityId,
      kind: 'demand-escalated',
      escalationId,
      demandId: demand.id,
      subject: `诉求${demand.number}逾期未办结`,
      description:
        `居民诉求${demand.number}“${[...demand.content].slice(0, 60).join('')}”应于` +
        `${formatChineseTime(demand.dueAt)}前办结，逾期未办结。请街道督办。`,
    });
  }

  /** Issues the escalation's whistle to the street's office, once; nothing without an office. */
  async issue(e: EscalationWhistle): Promise<string | null> {
    const office = await streetOfficeOf(this.pool, e.communityId);
    const settings = await communityWhistleSettings(this.pool, e.communityId);
    if (office === undefined || settings === undefined) return null;
    const whistleId = nameUuid(`escalation-whistle_${e.communityId}_${e.escalationId}`);
    const outcome = await this.whistles.execute(
      whistleId,
      {
        type: 'IssueWhistle',
        data: {
          whistleId,
          communityId: e.communityId,
          streetId: office.streetId,
          subject: e.subject,
          description: e.description,
          departmentIds: [office.officeId],
          demandId: e.demandId ?? null,
          caseId: e.caseId ?? null,
          escalation: { kind: e.kind, sourceEventId: e.escalationId },
          acceptWithinWorkingHours: settings.acceptWithinWorkingHours,
          resolveWithinWorkingDays: settings.resolveWithinWorkingDays,
          onSite: false,
        },
      },
      { actorId: WORKFLOW_ACTOR, streetDepartmentIds: [office.officeId] },
    );
    // Linked at once too (the whistle's own reaction does it again, adding nothing).
    if (outcome.state !== null) await this.report(outcome.state);
    return whistleId;
  }
}
