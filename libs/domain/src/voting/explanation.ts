import { formatArea, groupThousands, type Comparison, type LegalFraction } from './exact';
import type { CivilCodeTally, SimpleMajorityTally, Threshold } from './tally';

export type UnexplainedTally =
  Omit<CivilCodeTally, 'explanation'> | Omit<SimpleMajorityTally, 'explanation'>;

export interface Explanation {
  zh: string;
  en: string;
}

interface Sentence {
  zh: string;
  en: string;
}

const FRACTION_ZH: Readonly<Record<LegalFraction, string>> = {
  '2/3': '三分之二',
  '1/2': '半数',
  '3/4': '四分之三',
  '1/1': '全部',
};
const FRACTION_EN: Readonly<Record<LegalFraction, string>> = {
  '2/3': 'two thirds',
  '1/2': 'half',
  '3/4': 'three quarters',
  '1/1': 'all',
};

/** "达到三分之二（通过）" / "less than two thirds (failed)": the verdict on one threshold. */
function verdict(comparison: Comparison, fraction: LegalFraction, held: boolean): Sentence {
  const zhFraction = FRACTION_ZH[fraction];
  const enFraction = FRACTION_EN[fraction];
  switch (comparison) {
    case 'at-least':
      return held
        ? { zh: `达到${zhFraction}（通过）`, en: `at least ${enFraction} (held)` }
        : { zh: `未达到${zhFraction}（未通过）`, en: `less than ${enFraction} (failed)` };
    case 'more-than':
      return held
        ? { zh: `超过${zhFraction}（通过）`, en: `more than ${enFraction} (held)` }
        : { zh: `未超过${zhFraction}（未通过）`, en: `not more than ${enFraction} (failed)` };
  }
}

interface Wording {
  /** "参与表决的专有部分面积" */
  zhSubject: string;
  /** "总面积" */
  zhWhole: string;
  /** "Participating area" */
  enSubject: string;
  /** "in total" */
  enWhole: string;
}

/**
 * One threshold in words, e.g. "参与表决的专有部分面积 6,000.00㎡，占总面积 9,000.00㎡ 的 66.67%，
 * 达到三分之二（通过）" and "Participating area: 6,000.00 m² of 9,000.00 m² in total, 66.67%: at
 * least two thirds (held)". With nothing to divide by there is no percentage.
 */
function sentence(t: Threshold, w: Wording): Sentence {
  const area = t.measure === 'area';
  const zhUnit = area ? '㎡' : ' 人';
  const zhOf = area ? '㎡ 的' : ' 人的';
  const enUnit = area ? ' m²' : '';
  const format = area ? formatArea : groupThousands;
  const part = format(t.actual.numerator);
  const whole = format(t.actual.denominator);
  const p = t.actual.percent;
  // Only an approval threshold can have an empty denominator: nobody (or no area) took part.
  const v =
    p === null
      ? { zh: '无从计算比例（未通过）', en: 'nothing to measure against (failed)' }
      : verdict(t.comparison, t.required, t.held);
  const zhShare =
    p === null ? `${w.zhWhole}为 ${whole}${zhUnit}` : `占${w.zhWhole} ${whole}${zhOf} ${p}%`;
  const enShare = p === null ? '' : `, ${p}%`;
  return {
    zh: `${w.zhSubject} ${part}${zhUnit}，${zhShare}，${v.zh}`,
    en: `${w.enSubject}: ${part}${enUnit} of ${whole}${enUnit} ${w.enWhole}${enShare}: ${v.en}`,
  };
}

function civilCodeSentences(t: CivilCodeTally['thresholds']): Sentence[] {
  return [
    sentence(t.participationArea, {
      zhSubject: '参与表决的专有部分面积',
      zhWhole: '总面积',
      enSubject: 'Participating area',
      enWhole: 'in total',
    }),
    sentence(t.participationOwners, {
      zhSubject: '参与表决的业主人数',
      zhWhole: '业主总人数',
      enSubject: 'Participating owners',
      enWhole: 'in total',
    }),
    sentence(t.approvalArea, {
      zhSubject: '同意的专有部分面积',
      zhWhole: '参与表决面积',
      enSubject: 'Area in favour',
      enWhole: 'participating',
    }),
    sentence(t.approvalOwners, {
      zhSubject: '同意的业主人数',
      zhWhole: '参与表决人数',
      enSubject: 'Owners in favour',
      enWhole: 'participating',
    }),
  ];
}

/**
 * The tally in words, Chinese and English: each threshold with its numbers and whether it held,
 * then the result, e.g. "参与表决的专有部分面积 6,000.00㎡，占总面积 9,000.00㎡ 的 66.67%，达到三分之二（通过）".
 */
export function explain(result: UnexplainedTally): Explanation {
  switch (result.rule) {
    case 'civil-code-278': {
      const matterZh = result.matter === 'major' ? '重大事项' : '一般事项';
      const matterEn = result.matter === 'major' ? 'major matter' : 'ordinary matter';
      const sentences = civilCodeSentences(result.thresholds);
      return join(sentences, {
        zh: `结论：按《民法典》第二百七十八条（${matterZh}），决议${result.passed ? '通过' : '未通过'}。`,
        en: `Result: ${result.passed ? 'passed' : 'failed'} under Civil Code Article 278 (${matterEn}).`,
      });
    }
    case 'simple-majority': {
      const forBallots = groupThousands(result.for.units);
      const againstBallots = groupThousands(result.against.units);
      const abstentions = groupThousands(result.abstain.units);
      const held = result.thresholds.forOverAgainst.held;
      const sentence = {
        zh: `同意 ${forBallots} 票，反对 ${againstBallots} 票（弃权 ${abstentions} 票不计），${held ? '同意多于反对（通过）' : '同意未多于反对（未通过）'}`,
        en: `Ballots: ${forBallots} for, ${againstBallots} against, ${abstentions} abstaining (not counted): ${held ? 'more for than against (held)' : 'not more for than against (failed)'}`,
      };
      return join([sentence], {
        zh: `结论：按简单多数规则，决议${result.passed ? '通过' : '未通过'}。`,
        en: `Result: ${result.passed ? 'passed' : 'failed'} by simple majority of ballots cast.`,
      });
    }
  }
}

function join(sentences: readonly Sentence[], conclusion: Sentence): Explanation {
  return {
    zh: `${sentences.map((s) => s.zh).join('；')}。${conclusion.zh}`,
    en: `${sentences.map((s) => s.en).join('. ')}. ${conclusion.en}`,
  };
}
