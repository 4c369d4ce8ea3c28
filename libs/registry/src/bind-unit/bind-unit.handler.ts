import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  BindingMismatchError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
} from '@yishi/domain';
import { BindingAttempts } from '../bindings/binding-attempts';
import { type UnitBindingView } from '../bindings/binding-views';
import { normaliseIdentity } from '../bindings/owner-identities';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { BindUnitCommand } from './bind-unit.command';

const TOO_MANY = '核验失败次数过多，请稍后再试或申请书记审核';

/**
 * POST /me/unit-bindings: when both numbers match an owner the secretary recorded for the unit,
 * the caller is bound (and recorded as an owner of it). A mismatch is 422 BINDING_MISMATCH and
 * counts: after BINDING_USER_FAILURES failures of the account, or BINDING_UNIT_FAILURES on the
 * unit, within 15 minutes, 429 RATE_LIMITED for 15 minutes. 404 for an unknown unit, 403 for a
 * unit of a community the caller is not a member of, or where they are registered as a tenant.
 */
@CommandHandler(BindUnitCommand)
export class BindUnitHandler implements ICommandHandler<BindUnitCommand, UnitBindingView> {
  constructor(
    private readonly bindings: UnitBindingsRepository,
    private readonly identities: OwnerIdentitiesRepository,
    private readonly attempts: BindingAttempts,
  ) {}

  async execute({ userId, input }: BindUnitCommand): Promise<UnitBindingView> {
    const identity = normaliseIdentity(input);
    const { unitId } = input;
    const communityId = await this.bindings.communityOfUnit(unitId);
    if (communityId === undefined) throw new NotFoundError('找不到该房屋', { unitId });
    if (!(await this.bindings.isMember(communityId, userId)))
      throw new ForbiddenError('只能绑定本人所在社区的房屋', { unitId });
    await this.bindings.refuseTenant(communityId, userId, unitId);
    const locked = await this.attempts.lockedFor(userId, unitId);
    if (locked > 0) throw new RateLimitedError(TOO_MANY, locked);
    const found = await this.identities.matching(unitId, identity);
    if (found === undefined) {
      // Counted in a transaction of its own: the refusal must stay on record.
      const { attemptsLeft, lockedForSeconds } = await this.attempts.recordFailure(
        communityId,
        userId,
        unitId,
      );
      if (lockedForSeconds > 0) throw new RateLimitedError(TOO_MANY, lockedForSeconds);
      throw new BindingMismatchError('产权证号或身份证号与登记信息不符', { unitId, attemptsLeft });
    }
    return this.bindings.bindByMatch({ communityId, unitId, userId, identityId: found.id });
  }
}
