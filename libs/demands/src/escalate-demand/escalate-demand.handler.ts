import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  decideDemand,
  type LedgerDemand,
  type LedgerDemandRef,
  NotFoundError,
  WrongStageError,
} from '@yishi/domain';
import { CaseRepository, LinkDemandsCommand, OpenCaseCommand } from '@yishi/cases';
import { PG_POOL } from '@yishi/platform';
import { closeDemandWithCase } from '../close-with-case/close-with-case';
import { DemandRepository } from '../demand-repository';
import { EscalateDemandsCommand, type EscalationTarget } from './escalate-demand.command';

/** The case a demand is in now, while `in-case`. */
const currentCase = (d: LedgerDemand): string | undefined =>
  d.status === 'in-case' ? d.caseIds.at(-1) : undefined;

const refOf = (d: LedgerDemand): LedgerDemandRef => ({
  demandId: d.id,
  number: d.number,
  content: d.content,
  source: d.source,
  unitId: d.unitId,
  submittedAt: d.receivedAt,
  submittedBy: d.submittedBy,
});

/**
 * Every demand is checked before anything is written; then three steps, each idempotent, in an
 * order that a retry repairs whatever a crash cut short: the case is opened (a new case's id comes
 * from the request's Idempotency-Key, so a rerun finds the case it opened), the demands are linked
 * to it (LinkDemands skips those linked already), and each demand is escalated (the decider
 * appends nothing for a demand already in that case). A demand is in the case's list before it says
 * so itself; the close reaction skips a linked demand that never got there, and a case that closed
 * in between is caught at the end.
 */
@CommandHandler(EscalateDemandsCommand)
export class EscalateDemandsHandler implements ICommandHandler<
  EscalateDemandsCommand,
  { caseId: string }
> {
  constructor(
    private readonly commands: CommandBus,
    private readonly demands: DemandRepository,
    private readonly cases: CaseRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async execute({
    demandIds,
    target,
    caller,
    actor,
  }: EscalateDemandsCommand): Promise<{ caseId: string }> {
    const ids = [...new Set(demandIds)];
    const demands = await Promise.all(
      ids.map(async (id) => {
        const { state } = await this.demands.load(id);
        if (state === null || state.communityId !== caller.communityId)
          throw new NotFoundError('找不到该诉求', { demandId: id });
        return state;
      }),
    );
    const already = new Set(demands.map(currentCase));
    const [only] = already;
    // Sent again: every demand is in the case already (for a new case, the one the first run
    // opened, whatever id this run was given). Nothing to write.
    if (
      already.size === 1 &&
      only !== undefined &&
      (target.kind === 'new' || only === target.caseId)
    )
      return { caseId: only };
    const caseId = target.caseId;
    const now = new Date().toISOString();
    for (const d of demands) {
      const inCase = currentCase(d);
      if (inCase !== undefined && inCase !== caseId)
        throw new WrongStageError(`诉求 ${d.number} 已转入另一个议事案件`, {
          demandId: d.id,
          caseId: inCase,
        });
      // The decider's own checks (an open status), before the case is touched.
      decideDemand(
        d,
        { type: 'EscalateDemand', data: { caseId } },
        { now, actorId: caller.userId },
      );
    }
    await this.prepareCase(target, caller.communityId, actor);
    await this.commands.execute(new LinkDemandsCommand(caseId, demands.map(refOf), actor));
    await Promise.all(
      demands.map((d) =>
        this.demands.execute(
          d.id,
          { type: 'EscalateDemand', data: { caseId } },
          { actorId: caller.userId },
        ),
      ),
    );
    await this.closeIfCaseClosed(caseId, demands);
    return { caseId };
  }

  /**
   * The case closed between the link and the demands' own escalation: its close reaction may have
   * run before they said they were in it, so they close with it here (idempotent, like the reaction).
   */
  private async closeIfCaseClosed(caseId: string, demands: readonly LedgerDemand[]): Promise<void> {
    const { state } = await this.cases.load(caseId);
    if (state?.status !== 'closed' || state.closure === null) return;
    const closed = {
      caseId,
      communityId: state.communityId,
      title: state.title,
      outcome: state.closure.outcome,
    };
    for (const d of demands) await closeDemandWithCase(this.pool, this.demands, d.id, closed);
  }

  /** The open case of the community to attach to, or the new one, opened unless a rerun did. */
  private async prepareCase(
    target: EscalationTarget,
    communityId: string,
    actor: EscalateDemandsCommand['actor'],
  ): Promise<void> {
    const { state } = await this.cases.load(target.caseId);
    if (state !== null && state.communityId !== communityId)
      throw new NotFoundError('找不到该议事案件', { caseId: target.caseId });
    if (target.kind === 'new') {
      if (state === null)
        await this.commands.execute(
          new OpenCaseCommand({ ...target.newCase, caseId: target.caseId, communityId }, actor),
        );
      return;
    }
    if (state === null) throw new NotFoundError('找不到该议事案件', { caseId: target.caseId });
    if (state.status === 'closed')
      throw new WrongStageError('议事案件已销号，不能转入诉求；如需继续办理，请先重新启动案件', {
        caseId: target.caseId,
        status: state.status,
      });
  }
}
