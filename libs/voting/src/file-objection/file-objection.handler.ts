import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  ConcurrencyConflictError,
  fileObjection,
  foldResult,
  indexOf,
  WrongStageError,
  type ObjectionFiled,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { activeProxy } from '@yishi/registry';
import { ResolutionRepository } from '../resolution.repository';
import { FileObjectionCommand } from './file-objection.command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /resolutions/:id/objections: an owner of a unit in the frozen electorate, or an agent
 * holding a written proxy for it, objects to how the unit's vote is recorded, during the
 * objection period only (domain `fileObjection`).
 */
@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    resolutionId,
    caller,
    request,
  }: FileObjectionCommand): Promise<ObjectionFiled['data']> {
    const voting = await this.resolutions.open(resolutionId);
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
    if ((await this.resolutions.statusOnCase(voting)) === 'cancelled')
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    const objectionId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const events = await this.resolutions.events(resolutionId);
      const data = fileObjection(
        voting,
        foldResult(events),
        request,
        { userId: caller.userId, proxyId },
        objectionId,
        new Date().toISOString(),
      );
      try {
        await this.resolutions.appendResult(
          events,
          [{ type: 'ObjectionFiled', data }],
          caller.userId,
        );
        return data;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
      }
    }
  }
}
