import { CIVIL_CODE_MATTER_THRESHOLDS } from '../../labels';
import { planName } from '../decision-words';
import { type CaseDetail, type Matter, type VotingRule } from '../../api/types';

/*
 * Which rules the secretary's resolution form offers, from the case's procedure (docs/procedure.md):
 * the owners' vote decides every kind of case; a poll decides a resident-poll case, a council a
 * council case (a poll never decides a council's case, nor the reverse); a case with a matter of
 * Civil Code Art. 278 takes only that rule, at the matter's threshold.
 */

export type Procedure = CaseDetail['procedure'];

export interface OfferedRules {
  readonly rules: readonly VotingRule[];
  /** The matter's threshold the law sets, when the case has an Art. 278 matter; else free. */
  readonly matter: Matter | null;
}

export function offeredRules(procedure: Procedure | undefined): OfferedRules {
  if (procedure?.civilCodeMatter)
    return {
      rules: ['civil-code-278'],
      matter: CIVIL_CODE_MATTER_THRESHOLDS[procedure.civilCodeMatter],
    };
  const owners: VotingRule[] = ['simple-majority', 'civil-code-278'];
  const decision = procedure?.decision ?? 'owners-vote';
  // The owners' vote decides every kind; a poll or a council only its own.
  if (decision === 'resident-poll' || decision === 'council')
    return { rules: [decision, ...owners], matter: null };
  return { rules: owners, matter: null };
}

/** Each rule in one plain sentence, as the secretary chooses. */
export const RULE_HINTS: Readonly<Record<VotingRule, string>> = {
  'simple-majority': '业主投票，每户一票，同意的多于反对的就通过。',
  'civil-code-278': '按《民法典》第二百七十八条，业主人数和面积都要达到法定比例才通过。',
  'resident-poll': '征询范围内每户居民答一次（租户也可以代表本户），多数意见为准，不设最低参与率。',
  council: '由议事会上已签到的各方各答一次，出席各方都同意才通过。',
};

/** The rules only owners vote in: their matter (一般/重大) applies. */
export const isOwnersRule = (rule: VotingRule): boolean =>
  rule === 'simple-majority' || rule === 'civil-code-278';

export const MIN_PLANS = 2;
export const MAX_PLANS = 10;

export { planName };

/** The titles sent: trimmed, an empty one named by its place. */
export const planTitles = (titles: readonly string[]): { title: string }[] =>
  titles.map((t, i) => ({ title: t.trim() === '' ? planName(i) : t.trim() }));
