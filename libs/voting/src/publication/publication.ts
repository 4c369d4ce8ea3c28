import { csvFile, type CsvCell } from '@yishi/platform';
import {
  CHOICE_LABELS,
  formatChineseTime,
  ruleLabel,
  type BallotDisclosure,
  type Count,
  type Matter,
  type PublishedUnit,
  type Tally,
  type VotingRule,
} from '@yishi/domain';

/**
 * GET /resolutions/:id/publication: the published result (公示) of a vote. Totals always; each
 * unit's address, area and choice only under open voting (实名). Never a name, a phone number, an
 * ID number or a user id: nothing here is about a person.
 */
export interface Publication {
  readonly resolutionId: string;
  readonly title: string;
  readonly rule: VotingRule;
  readonly matter: Matter;
  readonly closedAt: string;
  /** `preliminary` during the objection period (询异), `final` once the result is final. */
  readonly phase: 'preliminary' | 'final';
  /** When this phase's result was published (the worker does it right after the close). */
  readonly publishedAt: string;
  readonly preliminaryPublishedAt: string | null;
  readonly objectionUntil: string | null;
  readonly disclosure: BallotDisclosure;
  readonly totals: {
    readonly electorate: Count;
    readonly participated: Count;
    readonly for: Count;
    readonly against: Count;
    readonly abstain: Count;
  };
  readonly thresholds: Tally['thresholds'];
  readonly passed: boolean;
  readonly explanation: Tally['explanation'];
  /** How many objections were filed, answered and upheld, and the ballots corrected. */
  readonly objections: {
    readonly filed: number;
    readonly answered: number;
    readonly upheld: number;
    readonly corrections: number;
  };
  /** Only where the community votes openly (实名): every unit of the electorate. */
  readonly units?: readonly PublishedUnit[];
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break; formulas made text. */
/** `2026年12月10日 08:12`, China Standard Time. */
const shanghai = formatChineseTime;

/** The publication as CSV: UTF-8 with BOM, CRLF, Chinese labels; the units under open voting. */
export function publicationCsv(p: Publication): string {
  const rows: CsvCell[][] = [
    ['项目', '内容'],
    ['决议', p.title],
    ['表决规则', ruleLabel(p.rule, p.matter)],
    ['公示阶段', p.phase === 'final' ? '最终结果' : '初步结果（异议期内）'],
    ['表决截止', shanghai(p.closedAt)],
    ['公示时间', shanghai(p.publishedAt)],
    ['异议期至', p.objectionUntil === null ? null : shanghai(p.objectionUntil)],
    ['结果', p.passed ? '通过' : '未通过'],
    ['说明', p.explanation.zh],
    [],
    ['', '户数', '人数', '面积(m²)'],
    ...(
      [
        ['全体业主', p.totals.electorate],
        ['参与表决', p.totals.participated],
        [CHOICE_LABELS.for, p.totals.for],
        ['反对', p.totals.against],
        ['弃权', p.totals.abstain],
      ] as const
    ).map(([label, c]) => [label, c.units, c.owners, c.area]),
    [],
    ['异议', '提出', '已答复', '成立', '更正选票'],
    ['', p.objections.filed, p.objections.answered, p.objections.upheld, p.objections.corrections],
  ];
  if (p.units !== undefined) {
    rows.push([], ['小区', '楼栋', '单元', '房号', '面积(m²)', '表决意见']);
    for (const u of p.units)
      rows.push([
        u.estate,
        u.building,
        u.entrance,
        u.room,
        u.area,
        u.choice === null ? '未投票' : CHOICE_LABELS[u.choice],
      ]);
  }
  return csvFile(rows);
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A printable page of the publication (for the notice board): the same content as the CSV. */
export function publicationHtml(p: Publication): string {
  const e = (v: string | number | null): string => (v === null ? '' : escapeHtml(String(v)));
  const count = (label: string, c: Count) =>
    `<tr><th>${label}</th><td>${c.units}</td><td>${c.owners}</td><td>${c.area}</td></tr>`;
  const units =
    p.units === undefined
      ? ''
      : `<h2>各户表决情况（实名表决）</h2><table><tr><th>小区</th><th>楼栋</th><th>单元</th><th>房号</th><th>面积(m²)</th><th>表决意见</th></tr>${p.units
          .map(
            (u) =>
              `<tr><td>${e(u.estate)}</td><td>${e(u.building)}</td><td>${e(u.entrance)}</td><td>${e(u.room)}</td><td>${u.area}</td><td>${u.choice === null ? '未投票' : CHOICE_LABELS[u.choice]}</td></tr>`,
          )
          .join('')}</table>`;
  const phase = p.phase === 'final' ? '最终结果' : '初步结果';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(p.title)} 表决结果公示</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #333;padding:.3em .6em;text-align:left}@media print{body{margin:0}}</style></head><body><h1>表决结果公示（${phase}）</h1><p>决议：《${e(p.title)}》</p><p>表决规则：${ruleLabel(p.rule, p.matter)}；表决截止：${shanghai(p.closedAt)}；公示时间：${shanghai(p.publishedAt)}${p.objectionUntil === null ? '' : `；异议期至：${shanghai(p.objectionUntil)}`}</p><p>结果：<strong>${p.passed ? '通过' : '未通过'}</strong>。${e(p.explanation.zh)}</p><table><tr><th></th><th>户数</th><th>人数</th><th>面积(m²)</th></tr>${count('全体业主', p.totals.electorate)}${count('参与表决', p.totals.participated)}${count(CHOICE_LABELS.for, p.totals.for)}${count('反对', p.totals.against)}${count('弃权', p.totals.abstain)}</table><p>异议：提出 ${p.objections.filed} 件，已答复 ${p.objections.answered} 件，成立 ${p.objections.upheld} 件，更正选票 ${p.objections.corrections} 张。</p>${units}</body></html>`;
}
