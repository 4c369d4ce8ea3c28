import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { NotFoundError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { TransferWhistleCommand } from './transfer-whistle.command';

/** An unknown department is not found (404); one of another street is refused by the decider (400). */
@CommandHandler(TransferWhistleCommand)
export class TransferWhistleHandler implements ICommandHandler<
  TransferWhistleCommand,
  WhistleOutcome
> {
  constructor(
    private readonly whistles: WhistleRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async execute({
    whistleId,
    streetId,
    transfer,
    caller,
  }: TransferWhistleCommand): Promise<WhistleOutcome> {
    const { rows } = await this.pool.query<{ id: string; street_id: string }>(
      `SELECT id, street_id FROM departments WHERE id = $1 OR street_id = $2`,
      [transfer.toDepartmentId, streetId],
    );
    if (!rows.some((d) => d.id === transfer.toDepartmentId))
      throw new NotFoundError('找不到该部门', { departmentId: transfer.toDepartmentId });
    return this.whistles.execute(
      whistleId,
      {
        type: 'TransferWhistle',
        data: {
          departmentId: transfer.fromDepartmentId,
          toDepartmentId: transfer.toDepartmentId,
          reason: transfer.reason,
        },
      },
      {
        actorId: caller.userId,
        memberships: caller.memberships,
        streetDepartmentIds: rows.filter((d) => d.street_id === streetId).map((d) => d.id),
      },
    );
  }
}
