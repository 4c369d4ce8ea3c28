import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { type CaseDetail, type Opinion, type TimelineItem } from '../../api/types';
import { useSession } from '../../session';
import { Loaded, useLoad } from '../../ui';
import { ActionBar } from './action-bar';
import { AnalysisSection } from './analysis';
import { ArchiveLinks } from './archive-links';
import { CaseHead } from './case-head';
import { ResolutionsSection } from './deliberation';
import { MeetingsSection } from './meetings';
import { TasksSection } from './follow-up';
import { DemandsSection } from './gathering';
import { MediationSection } from './mediation';
import { OpinionsSection } from './opinions';
import { PartiesTable } from './parties';
import { Section } from './section';
import { TimelineSection } from './timeline';
import { forgetWrites, lastWrittenVersion } from './write';
import { SourceWhistles } from '../whistles/source-whistles';

/*
 * The case page, top to bottom: the head, what the user can do now (action-bar.tsx), a closed
 * case's archive links, each party's 签收 (parties.tsx), then one card per part of the four steps
 * (gathering, analysis, deliberation, follow-up), the opinions and the timeline. Each stage's
 * card and forms live in the file named after the stage.
 */

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
    forgetWrites();
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
      const next = Math.max(version + 1, lastWrittenVersion());
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
  const { c, reload } = props;
  const session = useSession();
  return (
    <article className="case">
      <CaseHead c={c} />
      <ActionBar c={c} session={session} reload={reload} flash={props.flash} />
      {c.status === 'closed' ? <ArchiveLinks caseId={c.id} title={c.title} /> : null}
      {c.mechanism === 'mediation' ? (
        <MediationSection c={c} session={session} reload={reload} />
      ) : (
        <Section title="各方签收">
          <PartiesTable c={c} />
        </Section>
      )}
      <DemandsSection c={c} />
      {c.mechanism === 'mediation' ? null : <AnalysisSection c={c} />}
      <MeetingsSection c={c} session={session} reload={reload} />
      <ResolutionsSection c={c} />
      <TasksSection c={c} session={session} reload={reload} />
      {session.has('secretary') && session.membership?.communityId === c.communityId ? (
        <SourceWhistles
          communityId={c.communityId}
          source={{ caseId: c.id }}
          canIssue={c.status === 'open'}
          subject={c.title}
          description={c.description}
        />
      ) : null}
      <OpinionsSection c={c} opinions={props.opinions} session={session} reload={reload} />
      <TimelineSection timeline={props.timeline} />
    </article>
  );
}
