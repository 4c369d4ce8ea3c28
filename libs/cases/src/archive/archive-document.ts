import {
  CASE_EVENT_LABELS,
  DEMAND_SOURCE_LABELS,
  ESCALATION_CAUSE_LABELS,
  formatChineseTime,
  labelOf,
  type Meeting,
  MECHANISM_LABELS,
  PARTY_LABELS,
  RATING_LABELS,
  RESOLUTION_STATUS_LABELS,
  ruleLabel,
  SIGN_IN_METHOD_LABELS,
  STAGE_LABELS,
  TASK_STATUS_LABELS,
  TIMER_LABELS,
} from '@yishi/domain';
import { type ConsultationArchive } from './archive';

/*
 * The printable 协商档案 as a plain document (headings, paragraphs, tables), built once from the
 * archive and rendered two ways: HTML (archive-html.ts) and PDF (archive-pdf.ts). Both show exactly
 * the same words.
 */

export type Cell = string | number | null | undefined;

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'ok' | 'bad' }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly Cell[])[];
      /** Relative column widths, for the PDF (the browser sizes HTML tables itself). */
      readonly widths?: readonly number[];
    };

export interface ArchiveDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly blocks: readonly Block[];
}

/** `2026年3月5日 18:00` in China Standard Time; `—` for none. */
const when = (iso: string | null | undefined): string =>
  iso === null || iso === undefined ? '—' : formatChineseTime(iso);

// Every code goes through the one label table (libs/domain/src/labels.ts): no code is printed raw.
const party = (p: string | null | undefined): string => labelOf(PARTY_LABELS, p);
const stage = (s: string): string => labelOf(STAGE_LABELS, s);

/** How the case ended, as the 办结结果 row says it (the end state, not the case's outcome field). */
const END_LABELS: Record<string, string> = {
  resolved: '已解决',
  unresolved: '未解决',
  withdrawn: '已撤回',
};

const heading = (text: string): Block => ({ kind: 'heading', text });
const paragraph = (text: string, tone?: 'ok' | 'bad'): Block =>
  tone === undefined ? { kind: 'paragraph', text } : { kind: 'paragraph', text, tone };
const table = (
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  widths?: readonly number[],
): Block =>
  widths === undefined ? { kind: 'table', head, rows } : { kind: 'table', head, rows, widths };

/** The archive as a document: seven sections, in the order a reviewer reads a case. */
export function archiveDocument(a: ConsultationArchive): ArchiveDocument {
  const c = a.case;
  const blocks: Block[] = [];
  blocks.push(
    heading('一、基本情况'),
    table(
      ['项目', '内容'],
      [
        ['社区', a.community.name],
        ['议事机制', labelOf(MECHANISM_LABELS, c.mechanism)],
        ['类别', c.category],
        ['范围', [c.scope.estate, c.scope.building, c.scope.entrance].filter(Boolean).join(' ')],
        ['立案时间', when(c.openedAt)],
        ['销号时间', when(c.closedAt)],
        ['办结结果', END_LABELS[a.endState?.state ?? ''] ?? '—'],
        ['说明', a.endState?.reason ?? '—'],
      ],
      [1, 4],
    ),
  );
  if (c.description !== '') blocks.push(paragraph(c.description));
  blocks.push(
    heading('二、了解诉求'),
    table(
      ['提交时间', '渠道', '诉求'],
      c.demands.map((d) => [
        when(d.submittedAt),
        labelOf(DEMAND_SOURCE_LABELS, d.source),
        d.content,
      ]),
      [2, 1.2, 5],
    ),
  );
  const an = c.analysis;
  blocks.push(heading('三、分析研判'));
  if (an === null) blocks.push(paragraph('无'));
  else
    blocks.push(
      paragraph(`牵头方：${party(an.leadParty)}；记录时间：${when(an.recordedAt)}`),
      paragraph(an.summary),
      paragraph(`现场勘查：${an.siteSurvey ?? '—'}`),
      table(
        ['方案', '说明'],
        an.options.map((o) => [o.title, o.description]),
        [1, 3],
      ),
    );
  blocks.push(
    paragraph(
      `公告：${c.notice === null ? '无' : `${when(c.notice.publishedAt)} 发布，公示期至 ${when(c.notice.noticePeriodEndsAt)}`}`,
    ),
  );
  blocks.push(
    heading('四、议事会商'),
    table(
      ['会议时间', '地点', '签到', '纪要'],
      c.meetings.map((m) => [
        when(m.heldAt),
        m.place,
        meetingSignIns(m),
        m.minutesFileIds.length === 0
          ? m.minutes
          : `${m.minutes}（附纪要照片 ${m.minutesFileIds.length} 张）`,
      ]),
      [2, 1.5, 3, 3],
    ),
    table(
      ['决议', '表决规则', '结果', '计票说明'],
      c.resolutions.map((r) => {
        const explanation = (r.tally as { explanation?: { zh?: string } } | null)?.explanation?.zh;
        return [
          `${r.title}：${r.text}`,
          ruleLabel(r.rule, r.matter),
          labelOf(RESOLUTION_STATUS_LABELS, r.status),
          explanation ?? JSON.stringify(r.tally ?? {}),
        ];
      }),
      [3, 1.6, 1, 4],
    ),
  );
  blocks.push(
    heading('五、落实问效'),
    table(
      ['任务', '承办方', '期限', '状态', '完成时间', '进展与佐证'],
      c.tasks.map((t) => [
        t.title,
        party(t.assigneeParty),
        when(t.dueAt),
        labelOf(TASK_STATUS_LABELS, t.status),
        when(t.completedAt),
        t.reports
          .map(
            (r) =>
              `${when(r.reportedAt)} ${r.percent}% ${r.note}${r.evidence.length > 0 ? `（佐证：${r.evidence.join('、')}）` : ''}`,
          )
          .join('；'),
      ]),
      [2, 1.4, 1.6, 1, 1.6, 4],
    ),
    table(
      ['上传文件', '类型', '大小（字节）', 'SHA-256', '上传时间'],
      a.evidenceFiles.map((f) => [
        f.fileName ?? f.url,
        f.contentType,
        f.sizeBytes,
        f.sha256,
        when(f.uploadedAt),
      ]),
      [2, 1.4, 1.2, 4, 1.8],
    ),
    table(
      [
        '轮次',
        '满意',
        '基本满意',
        '不满意',
        '合计',
        '是否达标',
        '参评户数/范围内户数',
        '最低参评比例',
      ],
      c.evaluationResults.map((r) => [
        r.round,
        r.satisfied,
        r.basicallySatisfied,
        r.dissatisfied,
        r.total,
        r.reached ? '达标' : '未达标',
        `${r.total}/${r.unitsInScope ?? '未知'}`,
        `${r.minEvaluationResponse.numerator}/${r.minEvaluationResponse.denominator}（${r.responseReached ? '已达到' : '未达到'}）`,
      ]),
    ),
  );
  blocks.push(
    heading('六、签收、提醒与吹哨'),
    table(
      ['参与方', '阶段', '签收期限', '签收时间', '吹哨时间'],
      c.parties.flatMap((p) =>
        p.stages
          .filter((s) => s.deadline !== null)
          .map((s) => [
            party(p.party),
            stage(s.stage),
            when(s.deadline),
            when(s.acknowledgedAt),
            when(s.escalatedAt),
          ]),
      ),
    ),
    table(
      ['提醒/吹哨', '参与方', '到点时间', '状态'],
      a.timers.map((t) => [
        labelOf(TIMER_LABELS, t.kind),
        party(t.party),
        when(t.dueAt),
        t.status === 'done' ? '已执行' : t.status === 'cancelled' ? '已取消' : '待执行',
      ]),
    ),
    table(
      ['吹哨', '参与方', '原因', '时间', '一哨一评'],
      c.escalations.map((e) => [
        labelOf(ESCALATION_CAUSE_LABELS, e.cause),
        party(e.party),
        e.reason ?? stage(e.stage),
        when(e.escalatedAt),
        e.rating === null
          ? '未评'
          : `${labelOf(RATING_LABELS, e.rating.rating)}${e.rating.comment === null ? '' : `：${e.rating.comment}`}`,
      ]),
    ),
  );
  const v = a.verification;
  blocks.push(
    heading('七、事件记录与完整性校验'),
    v.ok
      ? paragraph(`哈希链校验通过：共 ${v.events} 个事件，末位哈希 ${v.headHash}`, 'ok')
      : paragraph(
          `哈希链校验未通过：第 ${v.brokenAt?.position ?? '?'} 个事件，${v.brokenAt?.reason ?? ''}`,
          'bad',
        ),
    table(
      ['序号', '事件', '时间', '操作人', '哈希（SHA-256）'],
      a.events.map((e) => [
        e.position,
        labelOf(CASE_EVENT_LABELS, e.type),
        when(e.occurredAt ?? e.recordedAt),
        e.actorId ?? '—',
        e.hash,
      ]),
      [0.6, 2, 1.8, 2.4, 4.2],
    ),
  );
  return {
    title: '协商档案',
    subtitle: `《${c.title}》 · 案件编号 ${c.id} · 生成于 ${when(a.generatedAt)}`,
    blocks,
  };
}

/**
 * Who signed in at a meeting, by party (with how: on their phone, the room's code, the paper sheet)
 * and the wider circle after them: 业主委员会（2人，本人签到）、列席 3 人.
 */
function meetingSignIns(m: Meeting): string {
  const parties = m.attendance.map((a) => {
    const ways = [
      ...new Set(
        m.signIns.filter((s) => s.party === a.party).map((s) => SIGN_IN_METHOD_LABELS[s.by]),
      ),
    ];
    return `${party(a.party)}（${a.attendees.length}人${ways.length === 0 ? '' : `，${ways.join('/')}`}）`;
  });
  const others = m.signIns.filter((s) => s.party === null).length;
  return [...parties, ...(others === 0 ? [] : [`列席 ${others} 人`])].join('、') || '无人签到';
}
