/**
 * Mediation (矛盾调解, docs/procedure.md): what the gate and the decider read of a mediation's
 * state. A dispute between named households (its sides) goes from gathering straight to
 * deliberation, where the mediator holds meetings and drafts the agreement (调解协议); the case
 * closes `resolved` when every side has signed the current draft, or `unresolved` by hand (调解不成).
 */
import { type Case, type MediationSide, type Stage, type Unmet } from './types';

/** The side the user speaks for, if any (a user is on one side at most). */
export function sideOf(state: Case, userId: string): MediationSide | undefined {
  return state.mediation?.sides.find((s) => s.userIds.includes(userId));
}

/** The sides (their unit ids) that have not signed the current draft; all of them with no draft. */
export function unsignedUnitIds(state: Case): string[] {
  const mediation = state.mediation;
  if (mediation === undefined) return [];
  const signed = new Set(mediation.agreement?.signatures.map((s) => s.unitId) ?? []);
  return mediation.sides.map((s) => s.unitId).filter((unitId) => !signed.has(unitId));
}

/** A mediation's stages: gathering, then deliberation (the mediation itself), then closed. */
export function mediationNext(stage: Stage): Stage | 'closed' {
  return stage === 'gathering' ? 'deliberation' : 'closed';
}

/** What keeps a mediation in deliberation from closing resolved: a side that has not signed. */
export function agreementConditions(state: Case): Unmet[] {
  if ((state.mediation?.agreement ?? null) === null) {
    return [
      {
        condition: 'agreement',
        message: '尚未起草调解协议',
        unsignedUnitIds: unsignedUnitIds(state),
      },
    ];
  }
  const unsigned = unsignedUnitIds(state);
  if (unsigned.length === 0) return [];
  return [
    {
      condition: 'agreement',
      message: `调解协议尚有 ${unsigned.length} 方未签署`,
      unsignedUnitIds: unsigned,
    },
  ];
}
