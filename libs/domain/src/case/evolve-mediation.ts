import { type AgreementDrafted, type AgreementSigned } from './events';
import { CaseEventRejected, guardFor } from './evolve-guard';
import { sideOf } from './mediation';
import { type Case } from './types';

/** The agreement's events (矛盾调解): a draft replaces the last one and its signatures. */
export type MediationEvent = AgreementDrafted | AgreementSigned;

export function evolveMediation(state: Case, event: MediationEvent): Case {
  const { check, inStage } = guardFor(state, event.type);
  const mediation = state.mediation;
  if (mediation === undefined) throw new CaseEventRejected(event.type, 'not a mediation');
  inStage('deliberation');
  switch (event.type) {
    case 'AgreementDrafted': {
      const d = event.data;
      check(d.draft === (mediation.agreement?.draft ?? 0) + 1, 'draft out of sequence');
      return {
        ...state,
        mediation: {
          ...mediation,
          agreement: {
            draft: d.draft,
            text: d.text,
            draftedAt: d.draftedAt,
            draftedBy: d.draftedBy,
            signatures: [],
          },
        },
      };
    }
    case 'AgreementSigned': {
      const d = event.data;
      const agreement = mediation.agreement;
      check(agreement !== null && agreement.draft === d.draft, 'not the current draft');
      check(sideOf(state, d.signedBy)?.unitId === d.unitId, 'the signer is not of that side');
      check(
        agreement?.signatures.every((s) => s.unitId !== d.unitId) === true,
        'that side has signed already',
      );
      if (agreement === null) return state;
      return {
        ...state,
        mediation: {
          ...mediation,
          agreement: {
            ...agreement,
            signatures: [
              ...agreement.signatures,
              { unitId: d.unitId, signedBy: d.signedBy, signedAt: d.signedAt },
            ],
          },
        },
      };
    }
  }
}
