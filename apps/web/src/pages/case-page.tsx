import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { api, apiFile, newIdempotencyKey, type RequestOptions, saveFile } from '../api/client';
import { stableInstant } from '../api/idempotency';
import {
  type CaseDetail,
  type Matter,
  type Member,
  type Opinion,
  type Party,
  PARTIES,
  type Rating,
  STAGES,
  type Task,
  type TimelineItem,
  type VotingRule,
} from '../api/types';
import { ackState, currentEntry, nextStage } from '../case-status';
import {
  EVENT_LABELS,
  formatTime,
  MECHANISM_LABELS,
  OUTCOME_LABELS,
  PARTY_LABELS,
  MATTER_LABELS,
  RATING_LABELS,
  RULE_LABELS,
  scopeText,
  SOURCE_LABELS,
  STAGE_LABELS,
} from '../labels';
import { Link } from '../router';
import { ArchiveLinks } from './case-archive';
import { WorkingDaysDue, workingDaysFromNow } from './due-date';
import { PartiesTable } from './case-parties';
import { type Session, useSession } from '../session';
import { ActionNote, ConfirmAction, Empty, Loaded, useAction, useLoad } from '../ui';
import { VoteCall } from './my-vote';

/**
 * Writes from this page: the case version each write answers (CaseWriteResponse.version) is kept,
 * so the next read waits for it (`?minVersion`) and the user sees their own write.
 */
let lastWritten = 0;

async function write(path: string, options: RequestOptions): Promise<unknown> {
  const response = await api<unknown>(path, options);
  if (typeof response === 'object' && response !== null && 'version' in response) {
    const version = Number(response.version);
    if (Number.isSafeInteger(version)) lastWritten = Math.max(lastWritten, version);
  }
  return response;
}

interface CaseData {
  c: CaseDetail;
  timeline: TimelineItem[];
  opinions: Opinion[];
}

/** One case: where it stands, who has signed for it, what was said and decided, what to do next. */
export function CasePage(props: { caseId: string }) {
  // The case view is an asynchronous projection: after a write, read with ?minVersion.
  const [minVersion, setMinVersion] = useState(0);
  const [load, reload] = useLoad<CaseData>(
    async (signal) => {
      // The case first: once it has the version asked for, the opinions (read from the same
      // projection) have it too.
      const c = await api<CaseDetail>(`/cases/${props.caseId}?minVersion=${minVersion}`, {
        signal,
      });
      const [timeline, opinions] = await Promise.all([
        api<{ items: TimelineItem[] }>(`/cases/${props.caseId}/events`, { signal }),
        api<{ items: Opinion[] }>(`/cases/${props.caseId}/opinions`, { signal }).catch(() => ({
          items: [],
        })),
      ]);
      return { c, timeline: timeline.items, opinions: opinions.items };
    },
    [props.caseId, minVersion],
  );
  useEffect(() => {
    lastWritten = 0;
  }, [props.caseId]);
  // What the last write did: forms that vanish once done (the meeting recorded, the vote open)
  // cannot say it themselves.
  const [flash, setFlash] = useState<string | null>(null);
  useEffect(() => setFlash(null), [props.caseId]);
  const version = load.state === 'ready' ? load.value.c.version : 0;
  const refresh = useCallback(
    (done?: string) => {
      if (done !== undefined) setFlash(done);
      // A write's own version when it answered one; else at least one event more than shown.
      const next = Math.max(version + 1, lastWritten);
      if (next === minVersion) reload();
      else setMinVersion(next);
    },
    [version, minVersion, reload],
  );
  // The queue moves a case: while an advance is pending, look again every few seconds.
  const pending = load.state === 'ready' && load.value.c.advanceRequest !== null;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [pending, reload]);
  return (
    <Loaded load={load} reload={reload}>
      {({ c, timeline, opinions }) => (
        <CaseView c={c} timeline={timeline} opinions={opinions} reload={refresh} flash={flash} />
      )}
    </Loaded>
  );
}

function CaseView(props: {
  c: CaseDetail;
  timeline: TimelineItem[];
  opinions: Opinion[];
  reload: (done?: string) => void;
  flash: string | null;
}) {
  const { c, timeline, reload } = props;
  const session = useSession();
  return (
    <article className="case">
      <header className="case-head">
        <p className="muted">
          {MECHANISM_LABELS[c.mechanism]} · {c.category} · {scopeText(c.scope)}
        </p>
        <h1>{c.title}</h1>
        <p className="status-line">
          {c.status === 'closed' ? (
            <span className="chip chip-closed" data-testid="case-stage">
              已销号{c.closure === null ? '' : `：${OUTCOME_LABELS[c.closure.outcome] ?? ''}`}
            </span>
          ) : (
            <span className="chip" data-testid="case-stage">
              {STAGE_LABELS[c.stage]}
            </span>
          )}
        </p>
        <Steps c={c} />
        <p>{c.description}</p>
      </header>

      <Actions c={c} session={session} reload={reload} flash={props.flash} />

      {c.status === 'closed' ? <ArchiveLinks caseId={c.id} title={c.title} /> : null}

      <Section title="各方签收">
        <PartiesTable c={c} />
      </Section>

      <Section title={`居民诉求（${c.demands.length}）`}>
        {c.demands.length === 0 ? (
          <Empty>还没有收到诉求。</Empty>
        ) : (
          <ul className="list">
            {c.demands.map((d) => (
              <li key={d.id}>
                <p>{d.content}</p>
                <p className="muted">
                  {SOURCE_LABELS[d.source]} · {formatTime(d.submittedAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="分析研判与公告">
        {c.analysis === null ? (
          <Empty>尚未完成研判。</Empty>
        ) : (
          <div className="notice" data-testid="notice">
            <p>
              <strong>牵头方：</strong>
              {PARTY_LABELS[c.analysis.leadParty]}
            </p>
            <p>
              <strong>研判结论：</strong>
              {c.analysis.summary}
            </p>
            {c.analysis.siteSurvey === null ? null : (
              <p>
                <strong>现场勘查：</strong>
                {c.analysis.siteSurvey}
              </p>
            )}
            <ol>
              {c.analysis.options.map((o, i) => (
                <li key={i}>
                  <strong>{o.title}</strong>：{o.description}
                </li>
              ))}
            </ol>
            {c.notice === null ? null : (
              <p className="muted">
                公告发布于 {formatTime(c.notice.publishedAt)}，公示期至{' '}
                {formatTime(c.notice.noticePeriodEndsAt)}
              </p>
            )}
          </div>
        )}
      </Section>

      {c.meetings.length === 0 ? null : (
        <Section title="议事会">
          <ul className="list">
            {c.meetings.map((m) => (
              <li key={m.id}>
                <p>
                  {formatTime(m.heldAt)} · {m.place}
                </p>
                <p className="muted">{m.minutes}</p>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {c.resolutions.length === 0 ? null : (
        <Section title="决议与表决">
          <ul className="list">
            {c.resolutions.map((r) => (
              <li key={r.id}>
                <Link to={`/resolutions/${r.id}`}>{r.title}</Link>
                <p className="muted">
                  {RULE_LABELS[r.rule]} ·{' '}
                  {r.status === 'open'
                    ? `表决中，${formatTime(r.closesAt)} 截止`
                    : r.status === 'passed'
                      ? '已通过'
                      : '未通过'}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {c.tasks.length === 0 ? null : (
        <Section title="落实任务">
          <ul className="list">
            {c.tasks.map((t) => (
              <TaskItem key={t.id} c={c} task={t} session={session} reload={reload} />
            ))}
          </ul>
        </Section>
      )}

      <Section title={`意见与反馈（${props.opinions.length}）`}>
        <Opinions c={c} opinions={props.opinions} session={session} reload={reload} />
      </Section>

      <Section title="办理经过">
        <ol className="timeline">
          {timeline.map((e) => (
            <li key={e.position}>
              <span className="muted">{formatTime(e.occurredAt)}</span>{' '}
              {EVENT_LABELS[e.type] ?? e.type}
              {eventDetail(e)}
            </li>
          ))}
        </ol>
      </Section>
    </article>
  );
}

function eventDetail(e: TimelineItem): string {
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Record<
    string,
    unknown
  >;
  const party = typeof data.party === 'string' ? PARTY_LABELS[data.party as Party] : undefined;
  const stage =
    typeof data.stage === 'string' ? STAGE_LABELS[data.stage as CaseDetail['stage']] : undefined;
  const parts = [party, stage].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : `（${parts.join('，')}）`;
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <section className="card section">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Steps(props: { c: CaseDetail }) {
  const current = STAGES.indexOf(props.c.stage);
  const closed = props.c.status === 'closed';
  return (
    <ol className="steps" aria-label="四步工作法">
      {STAGES.map((s, i) => (
        <li
          key={s}
          className={closed || i < current ? 'done' : i === current ? 'current' : ''}
          aria-current={!closed && i === current ? 'step' : undefined}
        >
          {STAGE_LABELS[s]}
        </li>
      ))}
    </ol>
  );
}

/** What the signed-in user can do on this case now. */
function Actions(props: {
  c: CaseDetail;
  session: Session;
  reload: (done?: string) => void;
  flash: string | null;
}) {
  const { c, session, reload } = props;
  if (c.status === 'closed')
    return (
      <section className="card section actions" aria-label="可办理的事项">
        <ActionNote error={null} done={props.flash} />
        <p className="note note-done" role="status">
          此案件已销号。
        </p>
        {session.has('secretary') ? <ReopenForm caseId={c.id} reload={reload} /> : null}
      </section>
    );
  const party: Party | null = session.has('secretary')
    ? 'party-organisation'
    : (session.membership?.party ?? null);
  const myParty = party === null ? undefined : c.parties.find((p) => p.party === party);
  const canAck =
    (session.has('secretary') || session.has('party-member')) &&
    myParty !== undefined &&
    ackState(c, myParty) !== 'acknowledged';
  const canDemand =
    c.stage === 'gathering' &&
    (session.has('resident') ||
      session.has('grid-worker') ||
      session.has('building-lead') ||
      session.has('party-member'));
  const canAnalyse =
    c.stage === 'analysis' &&
    c.analysis === null &&
    (session.has('secretary') || session.has('party-member'));
  const allDone = c.tasks.length > 0 && c.tasks.every((t) => t.status === 'done');
  const canEvaluate = c.stage === 'follow-up' && allDone && session.has('resident');
  // A party's open tasks: reported on under 落实任务 further down; said here so that the first card
  // never reads "nothing to do" to the party that has work (issue 19 walk-through, 物业).
  const myTasks = c.stage === 'follow-up' ? c.tasks.filter((t) => isMyOpenTask(t, session)) : [];
  const canAssign = c.stage === 'follow-up' && session.has('secretary');
  const deliberating = c.stage === 'deliberation' && session.has('secretary');
  const entry = currentEntry(c);
  const canDraft = deliberating && !c.resolutions.some((r) => r.status === 'open');
  const canMeet = deliberating && !c.meetings.some((m) => m.entry === entry);
  // Owners (and the building lead entering paper ballots) while a vote is open: 去投票 first.
  const voting =
    session.has('resident') || session.has('building-lead') ? (c.voting ?? null) : null;
  return (
    <section className="card section actions" aria-label="可办理的事项">
      <h2>现在可以做</h2>
      <ActionNote error={null} done={props.flash} />
      {voting === null ? null : <VoteCall resolutionId={voting.resolutionId} />}
      {canAck ? <AckButton c={c} reload={reload} /> : null}
      {canDemand ? <DemandForm caseId={c.id} reload={reload} /> : null}
      {canAnalyse ? <AnalysisForm caseId={c.id} reload={reload} /> : null}
      {canMeet ? <MeetingForm c={c} reload={reload} /> : null}
      {canDraft ? <ResolutionForm caseId={c.id} reload={reload} /> : null}
      {canAssign ? <TaskForm caseId={c.id} reload={reload} /> : null}
      {canEvaluate ? <EvaluationForm caseId={c.id} reload={reload} /> : null}
      {myTasks.map((t) => (
        <div className="action" key={t.id} data-testid="my-task">
          <p>
            落实任务「{t.title}」由您方办理，目前进度 {t.percent}%，期限 {formatTime(t.dueAt)}。
          </p>
          <a href={`#task-${t.id}`} className="button primary">
            报告进度或标记完成 ↓
          </a>
        </div>
      ))}
      {session.has('secretary') ? <SecretaryControls c={c} reload={reload} /> : null}
      {voting === null &&
      !canAck &&
      !canDemand &&
      !canAnalyse &&
      !canEvaluate &&
      myTasks.length === 0 &&
      !session.has('secretary') ? (
        <Empty>目前没有需要您办理的事项。</Empty>
      ) : null}
    </section>
  );
}

function AckButton(props: { c: CaseDetail; reload: () => void }) {
  const action = useAction();
  const [key] = useState(newIdempotencyKey);
  return (
    <div className="action">
      <button
        type="button"
        className="button primary big"
        disabled={action.pending}
        onClick={() =>
          void action
            .run(
              () =>
                write(`/cases/${props.c.id}/acknowledgements`, {
                  method: 'POST',
                  body: { stage: props.c.stage },
                  idempotencyKey: key,
                }),
              '已签收',
            )
            .then((ok) => ok && props.reload())
        }
      >
        签收「{STAGE_LABELS[props.c.stage]}」
      </button>
      <ActionNote error={action.error} done={action.done} />
    </div>
  );
}

function SecretaryControls(props: { c: CaseDetail; reload: () => void }) {
  const { c, reload } = props;
  const advance = useAction();
  const to = nextStage(c.stage);
  const rejection = c.lastAdvanceRejection;
  return (
    <div className="action">
      {c.advanceRequest !== null ? (
        <p className="note" role="status">
          已申请推进，系统正在核对条件…
        </p>
      ) : null}
      {rejection !== null && c.advanceRequest === null ? (
        <div className="note note-error" role="alert">
          <p>上次推进未通过，还差：</p>
          <ul>
            {rejection.unmet.map((u, i) => (
              <li key={i}>{u.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button
        type="button"
        className="button primary"
        disabled={advance.pending}
        onClick={() =>
          void advance
            .run(
              () => write(`/cases/${c.id}/advance`, { method: 'POST', body: { to } }),
              '已提交推进申请',
            )
            .then((ok) => ok && reload())
        }
      >
        {to === 'closed' ? '申请办结销号' : `推进到「${STAGE_LABELS[to]}」`}
      </button>
      <ActionNote error={advance.error} done={advance.done} />
      <ConfirmAction
        label="撤回案件"
        confirmLabel="确定撤回"
        groupLabel="确认撤回"
        question="撤回后案件将销号，不能继续办理。确定撤回吗？"
        action={() =>
          write(`/cases/${c.id}/close`, {
            method: 'POST',
            body: { outcome: 'withdrawn', reason: '书记撤回' },
          })
        }
        onDone={reload}
      />
    </div>
  );
}

function DemandForm(props: { caseId: string; reload: () => void }) {
  const [content, setContent] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(
      () =>
        write(`/cases/${props.caseId}/demands`, {
          method: 'POST',
          body: { content: content.trim(), source: 'online' },
          idempotencyKey: key,
        }),
      '诉求已提交，谢谢您！',
    );
    if (ok) {
      setContent('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="提交诉求">
      <label>
        我的诉求
        <textarea
          name="demand"
          value={content}
          onChange={(e) => setContent(e.target.value)}
          rows={3}
          required
          placeholder="请写下您遇到的问题和希望怎么解决"
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        提交诉求
      </button>
    </form>
  );
}

function AnalysisForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [summary, setSummary] = useState('');
  const [leadParty, setLeadParty] = useState<Party>('property-company');
  const [siteSurvey, setSiteSurvey] = useState('');
  const [optionTitle, setOptionTitle] = useState('');
  const [optionText, setOptionText] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/analysis`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          summary: summary.trim(),
          leadParty,
          ...(siteSurvey.trim() === '' ? {} : { siteSurvey: siteSurvey.trim() }),
          options: [{ title: optionTitle.trim(), description: optionText.trim() }],
        },
      }),
    );
    if (ok) props.reload('研判已记录，公告已发布');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="记录研判">
      <h3>记录分析研判（发布公告）</h3>
      <label>
        牵头方
        <select value={leadParty} onChange={(e) => setLeadParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        研判结论
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} required />
      </label>
      <label>
        现场勘查情况（可不填）
        <textarea value={siteSurvey} onChange={(e) => setSiteSurvey(e.target.value)} rows={2} />
      </label>
      <label>
        方案名称
        <input value={optionTitle} onChange={(e) => setOptionTitle(e.target.value)} required />
      </label>
      <label>
        方案内容
        <textarea
          value={optionText}
          onChange={(e) => setOptionText(e.target.value)}
          rows={2}
          required
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        记录研判并发布公告
      </button>
    </form>
  );
}

function TaskForm(props: { caseId: string; reload: () => void }) {
  const [title, setTitle] = useState('');
  const [assigneeParty, setAssigneeParty] = useState<Party>('property-company');
  const [days, setDays] = useState('7');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Working days, as the API counts them (its Chinese calendar: weekends, holidays, 调休).
    const ok = await action.run(
      () =>
        write(`/cases/${props.caseId}/tasks`, {
          method: 'POST',
          idempotencyKey: key,
          body: { title: title.trim(), assigneeParty, dueInWorkingDays: Number(days) },
        }),
      '任务已分派',
    );
    if (ok) {
      setTitle('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="分派任务">
      <h3>分派落实任务</h3>
      <label>
        任务
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        负责方
        <select value={assigneeParty} onChange={(e) => setAssigneeParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        几个工作日内完成
        <input
          type="number"
          min={1}
          max={366}
          step={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          required
        />
      </label>
      <WorkingDaysDue days={days} />
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        分派任务
      </button>
    </form>
  );
}

/** An open task assigned to the caller's party (the secretary acts for the party organisation). */
function isMyOpenTask(task: Task, session: Session): boolean {
  return (
    task.status === 'open' &&
    (session.membership?.party === task.assigneeParty ||
      (session.has('secretary') && task.assigneeParty === 'party-organisation'))
  );
}

function TaskItem(props: { c: CaseDetail; task: Task; session: Session; reload: () => void }) {
  const { c, task, session, reload } = props;
  const canReassign =
    task.status === 'open' &&
    c.status === 'open' &&
    c.stage === 'follow-up' &&
    (session.has('secretary') ||
      (session.has('party-member') &&
        c.analysis !== null &&
        session.membership?.party === c.analysis.leadParty));
  const mine = isMyOpenTask(task, session);
  const [percent, setPercent] = useState(String(Math.min(100, task.percent + 20)));
  const [note, setNote] = useState('');
  /** Photos uploaded for the next report (their API paths), with a local preview each. */
  const [photos, setPhotos] = useState<Upload[]>([]);
  const action = useAction();
  const evidence = photos.length === 0 ? {} : { evidence: photos.map((p) => p.url) };
  const reported = () => {
    setNote('');
    for (const p of photos) URL.revokeObjectURL(p.preview);
    setPhotos([]);
    reload();
  };
  const report = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(
      () =>
        write(`/tasks/${task.id}/progress`, {
          method: 'POST',
          body: { percent: Number(percent), note: note.trim(), ...evidence },
        }),
      '进度已报告',
    );
    if (ok) reported();
  };
  const complete = () =>
    void action
      .run(
        () =>
          write(`/tasks/${task.id}/complete`, {
            method: 'POST',
            body: { note: note.trim() === '' ? '已完成' : note.trim(), ...evidence },
          }),
        '任务已完成',
      )
      .then((ok) => ok && reported());
  return (
    <li id={`task-${task.id}`}>
      <p>
        <strong>{task.title}</strong>（{PARTY_LABELS[task.assigneeParty]}）
      </p>
      <p className="muted">
        {task.status === 'done' ? '已完成' : `进度 ${task.percent}%`} · 期限{' '}
        {formatTime(task.dueAt)}
      </p>
      <progress value={task.percent} max={100} aria-label={`${task.title}进度`} />
      {task.reports.length === 0 ? null : (
        <ul className="reports">
          {task.reports.map((r, i) => (
            <li key={i}>
              {formatTime(r.reportedAt)} {r.kind === 'completion' ? '完成' : `${r.percent}%`}：
              {r.note}
              {r.evidence.length === 0 ? null : <EvidenceList urls={r.evidence} />}
            </li>
          ))}
        </ul>
      )}
      {mine ? (
        <form className="form" onSubmit={(e) => void report(e)} aria-label="报告进度">
          <label>
            完成进度（%）
            <input
              type="number"
              min={0}
              max={100}
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
              required
            />
          </label>
          <label>
            进展说明
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} required />
          </label>
          <PhotoPicker
            taskId={task.id}
            photos={photos}
            onAdd={(p) => setPhotos((list) => [...list, p])}
            onRemove={(url) =>
              setPhotos((list) =>
                list.filter((p) => {
                  if (p.url === url) URL.revokeObjectURL(p.preview);
                  return p.url !== url;
                }),
              )
            }
          />
          <ActionNote error={action.error} done={action.done} />
          <div className="row">
            <button type="submit" className="button primary" disabled={action.pending}>
              报告进度
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={action.pending}
              onClick={complete}
            >
              标记完成
            </button>
          </div>
        </form>
      ) : null}
      {canReassign ? <ReassignForm task={task} reload={reload} /> : null}
    </li>
  );
}

/** 改派: an open task to another party and/or a new due date (the secretary, the lead party). */
function ReassignForm(props: { task: Task; reload: (done?: string) => void }) {
  const { task } = props;
  const [open, setOpen] = useState(false);
  const [party, setParty] = useState<Party>(task.assigneeParty);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/tasks/${task.id}/reassign`, {
        method: 'POST',
        body: {
          assigneeParty: party,
          ...(days === '' ? {} : { dueAt: workingDaysFromNow(days) ?? '' }),
          ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
        },
      }),
    );
    if (ok) {
      setOpen(false);
      props.reload(`任务已改派给${PARTY_LABELS[party]}`);
    }
  };
  if (!open)
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        改派任务
      </button>
    );
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label={`改派「${task.title}」`}>
      <label>
        改派给
        <select value={party} onChange={(e) => setParty(e.target.value as Party)}>
          {PARTIES.map((p) => (
            <option key={p} value={p}>
              {PARTY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        新的期限：几个工作日内完成（可不填）
        <input
          type="number"
          min={1}
          max={366}
          step={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>
      {days === '' ? null : <WorkingDaysDue days={days} />}
      <label>
        改派原因（可不填）
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <div className="row">
        <button type="submit" className="button primary" disabled={action.pending}>
          确定改派
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}

/** 重新启动: the secretary reopens a closed case, with the reason; it returns to its last stage. */
function ReopenForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const reopen = () =>
    void action
      .run(() =>
        write(`/cases/${props.caseId}/reopen`, {
          method: 'POST',
          body: { reason: reason.trim() },
        }),
      )
      .then((ok) => {
        setConfirming(false);
        if (ok) props.reload('案件已重新启动');
      });
  return (
    <form
      className="form"
      aria-label="重新启动案件"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <label>
        重新启动的原因
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
      </label>
      {confirming ? (
        <div className="confirm" role="group" aria-label="确认重新启动">
          <p>重新启动后，案件回到销号前的阶段继续办理。确定吗？</p>
          <button
            type="button"
            className="button danger"
            disabled={action.pending}
            onClick={reopen}
          >
            确定重新启动
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            取消
          </button>
        </div>
      ) : (
        <button type="submit" className="button secondary">
          重新启动案件
        </button>
      )}
      <ActionNote error={action.error} done={action.done} />
    </form>
  );
}

/**
 * 意见与反馈: the parties' responses and the residents' views, threaded by `replyTo`; anyone who
 * may write posts one or answers one while the case is open.
 */
function Opinions(props: {
  c: CaseDetail;
  opinions: Opinion[];
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, opinions, session } = props;
  const [replyTo, setReplyTo] = useState<Opinion | null>(null);
  const [content, setContent] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const canPost =
    c.status === 'open' &&
    (session.has('secretary') || session.has('party-member') || session.has('resident'));
  const byId = new Map(opinions.map((o) => [o.id, o]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/cases/${c.id}/opinions`, {
        method: 'POST',
        idempotencyKey: key,
        body: { content: content.trim(), ...(replyTo === null ? {} : { replyTo: replyTo.id }) },
      }),
    );
    if (ok) {
      setContent('');
      setReplyTo(null);
      setKey(newIdempotencyKey());
      props.reload('意见已发表');
    }
  };
  return (
    <>
      {opinions.length === 0 ? (
        <Empty>还没有人发表意见。</Empty>
      ) : (
        <ul className="list opinions" data-testid="opinions">
          {opinions.map((o) => {
            const parent = o.replyTo === null ? undefined : byId.get(o.replyTo);
            return (
              <li key={o.id} className={parent === undefined ? '' : 'reply'}>
                <p className="muted">
                  <strong>{o.authorName}</strong>
                  {o.party === null ? '（居民）' : `（${PARTY_LABELS[o.party]}）`} ·{' '}
                  {STAGE_LABELS[o.stage]} · {formatTime(o.postedAt)}
                </p>
                {parent === undefined ? null : (
                  <p className="muted quote">
                    回复 {parent.authorName}：{parent.content.slice(0, 40)}
                  </p>
                )}
                <p>{o.content}</p>
                {canPost ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`回复${o.authorName}`}
                    onClick={() => setReplyTo(o)}
                  >
                    回复
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canPost ? (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label="发表意见">
          {replyTo === null ? null : (
            <p className="note">
              回复 {replyTo.authorName}：{replyTo.content.slice(0, 40)}{' '}
              <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
                不回复了
              </button>
            </p>
          )}
          <label>
            {session.has('party-member') ? '反馈意见' : '我的意见'}
            <textarea
              value={content}
              onChange={(e) => setContent(e.target.value)}
              rows={2}
              required
              maxLength={5000}
            />
          </label>
          <ActionNote error={action.error} done={action.done} />
          <button type="submit" className="button primary" disabled={action.pending}>
            发表意见
          </button>
        </form>
      ) : null}
    </>
  );
}

/** A photo uploaded to POST /tasks/:id/evidence, not yet named in a report. */
interface Upload {
  url: string;
  name: string;
  preview: string;
}

/** The most photos one report names (the API takes 20). */
const MAX_PHOTOS = 9;

/**
 * Evidence photos for a task report: take one with the camera (on a phone, `capture` opens it) or
 * pick from the album; each is uploaded at once (the raw file as the body; the API sniffs its
 * type) and shown as a thumbnail until the report names it.
 */
function PhotoPicker(props: {
  taskId: string;
  photos: Upload[];
  onAdd: (upload: Upload) => void;
  onRemove: (url: string) => void;
}) {
  const upload = useAction();
  const send = async (files: FileList | null) => {
    const list = Array.from(files ?? []).slice(0, MAX_PHOTOS - props.photos.length);
    for (const file of list) {
      const ok = await upload.run(async () => {
        const name = file.name === '' ? 'photo.jpg' : file.name.slice(0, 200);
        const stored = await api<{ url: string }>(
          `/tasks/${props.taskId}/evidence?name=${encodeURIComponent(name)}`,
          { method: 'POST', raw: file },
        );
        props.onAdd({ url: stored.url, name, preview: URL.createObjectURL(file) });
      }, `照片已上传，报告进度时一并提交`);
      if (!ok) break;
    }
  };
  const full = props.photos.length >= MAX_PHOTOS;
  return (
    <fieldset className="photos">
      <legend>现场照片（可不传）</legend>
      {props.photos.length === 0 ? null : (
        <ul className="thumbs" aria-label="待提交的照片">
          {props.photos.map((p, i) => (
            <li key={p.url}>
              <img src={p.preview} alt={`待提交的照片 ${i + 1}：${p.name}`} />
              <button
                type="button"
                className="link-button"
                aria-label={`删除照片 ${i + 1}`}
                onClick={() => props.onRemove(p.url)}
              >
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label className="button secondary file-button">
          拍照上传
          <input
            type="file"
            accept="image/*"
            capture="environment"
            disabled={upload.pending || full}
            onChange={(e) => {
              void send(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        <label className="button secondary file-button">
          从相册选择
          <input
            type="file"
            accept="image/*"
            multiple
            disabled={upload.pending || full}
            onChange={(e) => {
              void send(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {upload.pending ? (
        <p className="muted" role="status">
          正在上传…
        </p>
      ) : null}
      <ActionNote error={upload.error} done={upload.done} />
    </fieldset>
  );
}

/**
 * A report's evidence as thumbnails: uploads are read with the token (an <img src> cannot send
 * it) and shown from a local object URL; a PDF or an outside link is a link.
 */
function EvidenceList(props: { urls: string[] }) {
  return (
    <ul className="thumbs" aria-label="佐证材料">
      {props.urls.map((url, i) => (
        <li key={url}>
          {url.startsWith('/api/v1/') ? (
            <EvidenceThumb url={url} index={i + 1} />
          ) : (
            <a href={url} target="_blank" rel="noreferrer noopener">
              佐证材料 {i + 1}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

function EvidenceThumb(props: { url: string; index: number }) {
  const [file] = useLoad(
    async (signal) => {
      const { blob, fileName } = await apiFile(props.url, { signal });
      return { blob, fileName, src: URL.createObjectURL(blob) };
    },
    [props.url],
  );
  const src = file.state === 'ready' ? file.value.src : null;
  useEffect(() => () => void (src === null ? undefined : URL.revokeObjectURL(src)), [src]);
  if (file.state === 'loading') return <span className="muted">加载中…</span>;
  if (file.state === 'error') return <span className="muted">照片 {props.index} 无法显示</span>;
  const { blob, fileName } = file.value;
  const label = `佐证照片 ${props.index}${fileName === null ? '' : `：${fileName}`}`;
  if (!blob.type.startsWith('image/') || blob.type === 'image/heic')
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => saveFile(blob, fileName ?? `佐证材料${props.index}`)}
      >
        下载佐证材料 {props.index}
        {fileName === null ? '' : `（${fileName}）`}
      </button>
    );
  return (
    <a href={file.value.src} target="_blank" rel="noreferrer noopener" aria-label={`查看${label}`}>
      <img src={file.value.src} alt={label} />
    </a>
  );
}

function EvaluationForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) return;
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/evaluations`, {
        method: 'POST',
        body: { rating, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) },
      }),
    );
    if (ok) props.reload('评价已提交，谢谢您！');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="评价">
      <fieldset>
        <legend>您对办理结果满意吗？（每户一次）</legend>
        {(['satisfied', 'basically-satisfied', 'dissatisfied'] as const).map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="rating"
              value={r}
              checked={rating === r}
              onChange={() => setRating(r)}
            />
            {RATING_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <label>
        想说的话（可不填）
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending || rating === null}>
        提交评价
      </button>
    </form>
  );
}

/** The deliberation meeting (议事会): where, who came for each party, the minutes. */
function MeetingForm(props: { c: CaseDetail; reload: (done?: string) => void }) {
  const { c } = props;
  const [place, setPlace] = useState('社区党群服务中心');
  const [minutes, setMinutes] = useState('');
  const [present, setPresent] = useState<ReadonlySet<string>>(new Set());
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const [members] = useLoad(
    (signal) =>
      api<{ items: Member[] }>(
        `/communities/${c.communityId}/memberships?withParty=true&limit=500`,
        { signal },
      ).then((r) => r.items),
    [c.communityId],
  );
  const partyOf = (m: Member): Party | null =>
    m.roles.includes('secretary') ? 'party-organisation' : m.party;
  const caseParties = c.parties.map((p) => p.party);
  const attendeesOf = (list: Member[]) =>
    caseParties
      .map((party) => ({
        party,
        members: list.filter((m) => partyOf(m) === party),
      }))
      .filter((g) => g.members.length > 0);
  const toggle = (userId: string) =>
    setPresent((set) => {
      const next = new Set(set);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (members.state !== 'ready') return;
    const attendance = attendeesOf(members.value)
      .map((g) => ({
        party: g.party,
        attendees: g.members.filter((m) => present.has(m.userId)).map((m) => m.userId),
      }))
      .filter((a) => a.attendees.length > 0);
    const ok = await action.run(() =>
      write(`/cases/${c.id}/meetings`, {
        method: 'POST',
        idempotencyKey: key,
        body: {
          heldAt: stableInstant(key, '', () => new Date().toISOString()),
          place: place.trim(),
          attendance,
          minutes,
        },
      }),
    );
    if (ok) props.reload('议事会已记录');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="记录议事会">
      <h3>记录议事会</h3>
      <label>
        地点
        <input value={place} onChange={(e) => setPlace(e.target.value)} required />
      </label>
      {members.state === 'ready' ? (
        attendeesOf(members.value).map((g) => (
          <fieldset key={g.party}>
            <legend>{PARTY_LABELS[g.party]}到会</legend>
            {g.members.map((m) => (
              <label key={m.userId} className="choice">
                <input
                  type="checkbox"
                  checked={present.has(m.userId)}
                  onChange={() => toggle(m.userId)}
                />
                {m.displayName}
              </label>
            ))}
          </fieldset>
        ))
      ) : members.state === 'error' ? (
        <p className="note note-error" role="alert">
          {members.message}
        </p>
      ) : (
        <p className="muted">正在读取参会人员…</p>
      )}
      <label>
        会议纪要
        <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} rows={3} required />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        记录议事会
      </button>
    </form>
  );
}

/** Drafting a resolution (决议) opens the vote; the rule cannot change afterwards. */
function ResolutionForm(props: { caseId: string; reload: (done?: string) => void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [rule, setRule] = useState<VotingRule>('simple-majority');
  const [matter, setMatter] = useState<Matter>('ordinary');
  const [days, setDays] = useState('7');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const closesAt = stableInstant(key, days, () =>
      new Date(Date.now() + Number(days) * 86_400_000).toISOString(),
    );
    const ok = await action.run(() =>
      write(`/cases/${props.caseId}/resolutions`, {
        method: 'POST',
        idempotencyKey: key,
        body: { title: title.trim(), text: text.trim(), rule, matter, closesAt },
      }),
    );
    if (ok) props.reload('决议已发布，表决开始');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="起草决议">
      <h3>起草决议并开始表决</h3>
      <label>
        决议标题
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        决议全文
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
      </label>
      <fieldset>
        <legend>表决规则（开始后不能更改）</legend>
        {(['simple-majority', 'civil-code-278'] as const).map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="rule" checked={rule === r} onChange={() => setRule(r)} />
            {RULE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>事项</legend>
        {(['ordinary', 'major'] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name="matter"
              checked={matter === m}
              onChange={() => setMatter(m)}
            />
            {MATTER_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <label>
        表决天数
        <input
          type="number"
          min={1}
          max={60}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          required
        />
      </label>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        发布决议，开始表决
      </button>
    </form>
  );
}
