import { type Member } from '../api/types';

/*
 * 矛盾调解 on the new-case form: the sides (two to ten households, each a unit and the members who
 * sign for it) and the mediator the draft holds, and the request's `sides` and `mediatorId`.
 */

export interface SideDraft {
  unitId: string;
  userIds: readonly string[];
}

export interface MediationDraft {
  sides: readonly SideDraft[];
  mediatorId: string;
}

export const MAX_SIDES = 10;

export const EMPTY_MEDIATION: MediationDraft = {
  sides: [
    { unitId: '', userIds: [] },
    { unitId: '', userIds: [] },
  ],
  mediatorId: '',
};

/** The request's `sides` and `mediatorId`, or null while a side or the mediator is missing. */
export function mediationBody(
  d: MediationDraft,
): { sides: { unitId: string; userIds: string[] }[]; mediatorId: string } | null {
  if (d.mediatorId === '' || d.sides.length < 2) return null;
  if (d.sides.some((s) => s.unitId === '' || s.userIds.length === 0)) return null;
  return {
    sides: d.sides.map((s) => ({ unitId: s.unitId, userIds: [...s.userIds] })),
    mediatorId: d.mediatorId,
  };
}

/** Who may mediate: members with role mediator, or a secretary; the sides' people may not. */
export function mediatorsOf(members: readonly Member[], d: MediationDraft): Member[] {
  const inSides = new Set(d.sides.flatMap((s) => s.userIds));
  return members.filter(
    (m) =>
      (m.roles.includes('mediator') || m.roles.includes('secretary')) && !inSides.has(m.userId),
  );
}
