import { type CaseDetail } from '../../api/types';

/*
 * 矛盾调解: what the viewer may do with the agreement now, and how a closed mediation ended, from
 * the case view alone (a web spec pins them).
 */

/** The side (its unit) the user signs for, if any. */
export function sideOf(c: CaseDetail, userId: string): string | null {
  return c.mediation?.sides.find((s) => s.userIds.includes(userId))?.unitId ?? null;
}

/**
 * The agreement's next step for the viewer: the mediator or a secretary drafts (or redrafts) it;
 * a side's person signs the current draft once; only while the case is in mediation (议事会商).
 */
export function agreementStep(
  c: CaseDetail,
  userId: string,
  secretary: boolean,
): 'draft' | 'sign' | 'signed' | null {
  const mediation = c.mediation;
  if (mediation === null || c.status !== 'open' || c.stage !== 'deliberation') return null;
  const unitId = sideOf(c, userId);
  const agreement = mediation.agreement;
  if (unitId !== null) {
    if (agreement === null) return null;
    return agreement.signatures.some((s) => s.unitId === unitId) ? 'signed' : 'sign';
  }
  return secretary || mediation.mediatorId === userId ? 'draft' : null;
}

/** 调解成功 / 调解不成（reason）/ 已撤回 for a closed mediation; null while open or not one. */
export function mediationEndText(c: CaseDetail): string | null {
  if (c.mediation === null || c.status !== 'closed' || c.closure === null) return null;
  const { outcome, reason } = c.closure;
  if (outcome === 'resolved') return '调解成功：各方已签署调解协议。';
  if (outcome === 'unresolved')
    return `调解不成${reason === null || reason === '' ? '' : `：${reason}`}`;
  return '已撤回。';
}

/** The chip of a closed mediation's head: 调解成功 or 调解不成. */
export function mediationOutcomeLabel(outcome: string): string {
  return outcome === 'resolved' ? '调解成功' : outcome === 'unresolved' ? '调解不成' : '已撤回';
}
