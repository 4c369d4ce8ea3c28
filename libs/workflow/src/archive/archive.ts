import {
  type Case,
  type CaseEvent,
  fold,
  PARTY_LABELS,
  STAGE_LABELS,
  WrongStageError,
  NotFoundError,
} from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { endStateOf } from '../case-view';
import { caseStream } from '../case-repository';
import { evidenceOfCase, evidencePath, type EvidenceFile } from '../evidence/evidence-store';
import { readVerifiedStream, type ArchivedEvent, type StreamVerification } from './stream-verify';

export interface ArchivedTimer {
  readonly kind: string;
  readonly party: string;
  readonly stage: string;
  readonly entry: number;
  readonly taskId: string | null;
  readonly dueAt: string;
  readonly deadline: string;
  readonly status: string;
  readonly doneAt: string | null;
}

/** 协商档案: the whole story of a closed case, from its own event log (docs/follow-up.md). */
export interface ConsultationArchive {
  readonly format: 'yishi-consultation-archive/1';
  readonly generatedAt: string;
  readonly community: { readonly id: string; readonly name: string };
  readonly case: Case;
  readonly endState: ReturnType<typeof endStateOf>;
  /** Reminders (催签, 催办) and escalation timers as they ran: `done` ones were sent. */
  readonly timers: readonly ArchivedTimer[];
  readonly evidenceFiles: readonly (Omit<EvidenceFile, 'storageKey'> & { url: string })[];
  readonly events: readonly ArchivedEvent[];
  readonly verification: StreamVerification;
}

/**
 * The archive of a closed case: the state folded from the verified log (not the read model),
 * the timers, the uploaded evidence, and every event with its hash. An open case has no archive
 * yet (409 WRONG_STAGE).
 */
export async function buildArchive(
  db: Queryable,
  caseId: string,
  community: { id: string; name: string },
  now = new Date().toISOString(),
): Promise<ConsultationArchive> {
  const { events, verification } = await readVerifiedStream(db, caseStream(caseId));
  const state = fold(events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent));
  if (state === null) throw new NotFoundError('No such case', { caseId });
  if (state.status !== 'closed')
    throw new WrongStageError('案件销号后才能生成协商档案', { status: state.status });
  const [{ rows }, files] = await Promise.all([
    db.query<{
      kind: string;
      party: string;
      stage: string;
      entry: number;
      task_id: string;
      due_at: Date;
      deadline: Date;
      status: string;
      done_at: Date | null;
    }>(
      `SELECT kind, party, stage, entry, task_id, due_at, deadline, status, done_at
         FROM case_deadlines WHERE case_id = $1 ORDER BY due_at, kind, party`,
      [caseId],
    ),
    evidenceOfCase(db, caseId),
  ]);
  return {
    format: 'yishi-consultation-archive/1',
    generatedAt: now,
    community,
    case: state,
    endState: endStateOf(state.closure),
    timers: rows.map((r) => ({
      kind: r.kind,
      party: r.party,
      stage: r.stage,
      entry: r.entry,
      taskId: r.task_id === '00000000-0000-0000-0000-000000000000' ? null : r.task_id,
      dueAt: r.due_at.toISOString(),
      deadline: r.deadline.toISOString(),
      status: r.status,
      doneAt: r.done_at === null ? null : r.done_at.toISOString(),
    })),
    evidenceFiles: files.map(({ storageKey: _key, ...f }) => ({
      ...f,
      url: evidencePath(f),
    })),
    events,
    verification,
  };
}

const esc = (v: string | number | boolean | null | undefined): string =>
  String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** `2026年3月5日 18:00` in China Standard Time. */
function when(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const party = (p: string | null | undefined): string =>
  p === null || p === undefined ? '—' : ((PARTY_LABELS as Record<string, string>)[p] ?? p);
const stage = (s: string): string => (STAGE_LABELS as Record<string, string>)[s] ?? s;

const table = (
  head: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string =>
  rows.length === 0
    ? '<p class="none">无</p>'
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const RATING_LABELS: Record<string, string> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};
const END_LABELS: Record<string, string> = {
  resolved: '已解决',
  unresolved: '未解决',
  withdrawn: '已撤回',
};
const TIMER_LABELS: Record<string, string> = {
  reminder: '签收提醒（催签）',
  escalation: '签收逾期吹哨',
  'task-reminder': '任务到期提醒（催办）',
  'task-escalation': '任务逾期吹哨',
};

/** The printable document (A4, Chinese): print it from a browser, or save it as PDF there. */
export function renderArchiveHtml(a: ConsultationArchive): string {
  const c = a.case;
  const sections: string[] = [];
  sections.push(
    `<h2>一、基本情况</h2>${table(
      ['项目', '内容'],
      [
        ['社区', a.community.name],
        ['议事机制', c.mechanism === 'five-party-hall' ? '五方议事厅' : '邻里会商'],
        ['类别', c.category],
        ['范围', [c.scope.estate, c.scope.building, c.scope.entrance].filter(Boolean).join(' ')],
        ['立案时间', when(c.openedAt)],
        ['销号时间', when(c.closedAt)],
        ['办结结果', END_LABELS[a.endState?.state ?? ''] ?? '—'],
        ['说明', a.endState?.reason ?? '—'],
      ],
    )}<p>${esc(c.description)}</p>`,
  );
  sections.push(
    `<h2>二、了解诉求</h2>${table(
      ['提交时间', '渠道', '诉求'],
      c.demands.map((d) => [when(d.submittedAt), d.source, d.content]),
    )}`,
  );
  const an = c.analysis;
  sections.push(
    `<h2>三、分析研判</h2>${
      an === null
        ? '<p class="none">无</p>'
        : `<p>牵头方：${esc(party(an.leadParty))}；记录时间：${esc(when(an.recordedAt))}</p><p>${esc(an.summary)}</p><p>现场勘查：${esc(an.siteSurvey ?? '—')}</p>${table(
            ['方案', '说明'],
            an.options.map((o) => [o.title, o.description]),
          )}`
    }<p>公告：${c.notice === null ? '无' : `${esc(when(c.notice.publishedAt))} 发布，公示期至 ${esc(when(c.notice.noticePeriodEndsAt))}`}</p>`,
  );
  sections.push(
    `<h2>四、议事会商</h2>${table(
      ['会议时间', '地点', '参会方', '纪要'],
      c.meetings.map((m) => [
        when(m.heldAt),
        m.place,
        m.attendance.map((x) => `${party(x.party)}（${x.attendees.length}人）`).join('、'),
        m.minutes,
      ]),
    )}${table(
      ['决议', '表决规则', '结果', '计票说明'],
      c.resolutions.map((r) => {
        const explanation = (r.tally as { explanation?: { zh?: string } } | null)?.explanation?.zh;
        return [
          `${r.title}：${r.text}`,
          `${r.rule}（${r.matter}）`,
          r.status === 'passed' ? '通过' : r.status === 'failed' ? '未通过' : '表决中',
          explanation ?? JSON.stringify(r.tally ?? {}),
        ];
      }),
    )}`,
  );
  sections.push(
    `<h2>五、落实问效</h2>${table(
      ['任务', '承办方', '期限', '状态', '完成时间', '进展与佐证'],
      c.tasks.map((t) => [
        t.title,
        party(t.assigneeParty),
        when(t.dueAt),
        t.status === 'done' ? '已完成' : '未完成',
        when(t.completedAt),
        t.reports
          .map(
            (r) =>
              `${when(r.reportedAt)} ${r.percent}% ${r.note}${r.evidence.length > 0 ? `（佐证：${r.evidence.join('、')}）` : ''}`,
          )
          .join('；'),
      ]),
    )}${table(
      ['上传文件', '类型', '大小（字节）', 'SHA-256', '上传时间'],
      a.evidenceFiles.map((f) => [
        f.fileName ?? f.url,
        f.contentType,
        f.sizeBytes,
        f.sha256,
        when(f.uploadedAt),
      ]),
    )}${table(
      ['轮次', '满意', '基本满意', '不满意', '合计', '是否达标'],
      c.evaluationResults.map((r) => [
        r.round,
        r.satisfied,
        r.basicallySatisfied,
        r.dissatisfied,
        r.total,
        r.reached ? '达标' : '未达标',
      ]),
    )}`,
  );
  sections.push(
    `<h2>六、签收、提醒与吹哨</h2>${table(
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
    )}${table(
      ['提醒/吹哨', '参与方', '到点时间', '状态'],
      a.timers.map((t) => [
        TIMER_LABELS[t.kind] ?? t.kind,
        party(t.party),
        when(t.dueAt),
        t.status === 'done' ? '已执行' : t.status === 'cancelled' ? '已取消' : '待执行',
      ]),
    )}${table(
      ['吹哨', '参与方', '原因', '时间', '一哨一评'],
      c.escalations.map((e) => [
        e.cause === 'acknowledgement'
          ? '逾期未签收'
          : e.cause === 'task-overdue'
            ? '任务逾期'
            : '居民评价未通过',
        party(e.party),
        e.reason ?? stage(e.stage),
        when(e.escalatedAt),
        e.rating === null
          ? '未评'
          : `${RATING_LABELS[e.rating.rating] ?? e.rating.rating}${e.rating.comment === null ? '' : `：${e.rating.comment}`}`,
      ]),
    )}`,
  );
  const v = a.verification;
  sections.push(
    `<h2>七、事件记录与完整性校验</h2><p class="${v.ok ? 'ok' : 'bad'}">${
      v.ok
        ? `哈希链校验通过：共 ${v.events} 个事件，末位哈希 ${esc(v.headHash)}`
        : `哈希链校验未通过：第 ${v.brokenAt?.position ?? '?'} 个事件，${esc(v.brokenAt?.reason)}`
    }</p>${table(
      ['序号', '事件', '时间', '操作人', '哈希（SHA-256）'],
      a.events.map((e) => [
        e.position,
        e.type,
        when(e.occurredAt ?? e.recordedAt),
        e.actorId ?? '—',
        e.hash,
      ]),
    )}`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>协商档案：${esc(c.title)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt; line-height: 1.6; color: #000; }
h1 { text-align: center; font-size: 18pt; margin-bottom: 0; }
.sub { text-align: center; color: #444; margin-top: 4pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 18pt; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; font-size: 9.5pt; }
th, td { border: 1px solid #666; padding: 3pt 5pt; vertical-align: top; text-align: left; word-break: break-all; }
th { background: #eee; }
tr { break-inside: avoid; }
.none { color: #666; }
.ok { color: #064; font-weight: bold; }
.bad { color: #a00; font-weight: bold; }
</style></head>
<body>
<h1>协商档案</h1>
<p class="sub">《${esc(c.title)}》 · 案件编号 ${esc(c.id)} · 生成于 ${esc(when(a.generatedAt))}</p>
${sections.join('\n')}
</body></html>
`;
}
