// The demand pages' own styles (Vite bundles them with the app's).
import '../../styles/demands.css';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { type DemandDetail, type Grid, type Unit } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, DEMAND_STATUS_LABELS, formatTime } from '../../labels';
import { Link } from '../../router';
import { type Session, useSession } from '../../session';
import { listUnits } from '../../units';
import { Loaded, useLoad } from '../../ui';
import { demandWords } from '../demand-words';
import { StepAction } from './demand-actions';
import {
  ContentSection,
  DeadlinesSection,
  HandlingSection,
  LinksSection,
  namesOf,
  ResultsSection,
  TimelineSection,
} from './demand-sections';
import { type DemandStep, demandSteps, type LedgerViewer, standing } from './demand-steps';
import { writtenVersion } from './ledger-api';
import { forgetSubmitted, submittedNumber } from './submitted';
import { SourceWhistles } from '../whistles/source-whistles';

/*
 * One demand of the ledger (诉求), for everyone who may read it: the resident who asked, its grid's
 * workers, the secretary, leads and assignees. Top to bottom: the number and status, what the user
 * can do now, what was asked, the deadlines, who has it, what was done and how it was answered,
 * where it went, and the timeline.
 */

const ASIDE: readonly DemandStep[] = ['withdraw', 'escalate'];
/** A demand still being handled: the secretary may whistle for a department of the street. */
const WHISTLE_OPEN: readonly DemandDetail['status'][] = [
  'received',
  'accepted',
  'assigned',
  'refused',
];

interface DemandData {
  d: DemandDetail;
  grids: Grid[];
  /** The demand's unit, to say it as people do (12号楼2单元301); null when none or not found. */
  unit: Unit | null;
}

export function DemandPage(props: { demandId: string }) {
  const session = useSession();
  const communityId = session.membership?.communityId ?? '';
  const [flash, setFlash] = useState<string | null>(null);
  const [justSubmitted] = useState(() => submittedNumber(props.demandId));
  useEffect(() => forgetSubmitted(), []);
  // The detail comes from a read model: after a write, ask for at least that version.
  const [minVersion, setMinVersion] = useState(() => writtenVersion(props.demandId));
  const [load, reload] = useLoad<DemandData>(
    async (signal) => {
      const [d, grids] = await Promise.all([
        api<DemandDetail>(`/demands/${props.demandId}?minVersion=${minVersion}`, { signal }).catch(
          (error: unknown) => {
            throw demandWords(error);
          },
        ),
        api<{ items: Grid[] }>(`/communities/${communityId}/grids`, { signal })
          .then((g) => g.items)
          .catch(() => []),
      ]);
      return { d, grids, unit: await unitOf(d, signal) };
    },
    [props.demandId, minVersion],
  );
  const done = useCallback(
    (message: string) => {
      setFlash(message);
      const next = writtenVersion(props.demandId);
      if (next > minVersion) setMinVersion(next);
      else reload();
    },
    [props.demandId, minVersion, reload],
  );
  return (
    <section className="demand-page">
      <p>
        <Link to={backTo(session)}>← 返回</Link>
      </p>
      {justSubmitted === null ? null : (
        <div className="card submitted" role="status" data-testid="demand-submitted">
          <p className="submitted-title">已提交，谢谢您！</p>
          <p>
            您反映的事编号是 <strong className="demand-number">{justSubmitted}</strong>
            ，网格员会尽快签收办理，办好后会请您评价。
          </p>
        </div>
      )}
      <Loaded load={load} reload={reload}>
        {({ d, grids, unit }) => (
          <DemandView
            key={d.version}
            data={{ d, grids, unit }}
            viewer={viewerOf(session, grids)}
            flash={flash}
            onDone={done}
          />
        )}
      </Loaded>
    </section>
  );
}

function DemandView(props: {
  data: DemandData;
  viewer: LedgerViewer;
  flash: string | null;
  onDone: (message: string) => void;
}) {
  const { d, grids, unit } = props.data;
  const all = demandSteps(d, props.viewer);
  // Withdrawing and escalating are there when needed, not the next thing to do: last on the page.
  const steps = all.filter((s) => !ASIDE.includes(s));
  const aside = all.filter((s) => ASIDE.includes(s));
  const grid = grids.find((g) => g.id === d.gridId) ?? null;
  const nameOf = namesOf(d, grids);
  return (
    <>
      <header className="demand-head">
        <h1>
          {DEMAND_CATEGORY_LABELS[d.category]}
          <span className="demand-number-line">编号 {d.number}</span>
        </h1>
        <p>
          <span className={`chip demand-status status-${d.status}`} data-testid="demand-status">
            {DEMAND_STATUS_LABELS[d.status]}
          </span>{' '}
          {standing(d, props.viewer.userId)}
        </p>
        <p className="muted">{formatTime(d.receivedAt)} 反映</p>
      </header>
      {props.flash === null ? null : (
        <p className="note note-done" role="status">
          {props.flash}
        </p>
      )}
      {steps.length === 0 ? null : (
        <section className="card section next-steps" aria-label="您现在可以">
          <h2>您现在可以</h2>
          {steps.map((step, i) => (
            <StepAction
              key={step}
              step={step}
              d={d}
              grids={grids}
              first={i === 0}
              onDone={props.onDone}
            />
          ))}
        </section>
      )}
      <ContentSection d={d} unit={unit} grid={grid} />
      <DeadlinesSection d={d} />
      <HandlingSection d={d} grids={grids} nameOf={nameOf} />
      <ResultsSection d={d} nameOf={nameOf} />
      <LinksSection d={d} />
      {props.viewer.roles.includes('secretary') ? (
        <SourceWhistles
          communityId={d.communityId}
          source={{ demandId: d.id }}
          canIssue={WHISTLE_OPEN.includes(d.status)}
          subject={`${DEMAND_CATEGORY_LABELS[d.category]}：${d.content.split('\n')[0] ?? ''}`}
          description={d.content}
        />
      ) : (
        <WhistledNote d={d} />
      )}
      <TimelineSection d={d} />
      {aside.length === 0 ? null : (
        <section className="card section" aria-label="其他操作">
          <h2>其他操作</h2>
          {aside.map((step) => (
            <StepAction
              key={step}
              step={step}
              d={d}
              grids={grids}
              first={false}
              onDone={props.onDone}
            />
          ))}
        </section>
      )}
    </>
  );
}

/**
 * For those who do not see the community's whistles: the community has asked the street's
 * departments in (吹哨), and the demand is resolved only once they have answered and been rated.
 */
function WhistledNote(props: { d: DemandDetail }) {
  const open = props.d.whistles.filter((w) => w.escalationId === null && w.outcome === null);
  if (open.length === 0) return null;
  return (
    <p className="note" role="note">
      社区已吹哨，请街道部门来办（{open.length} 件）。部门反馈、社区评价后，这件事才能办结。
    </p>
  );
}

/** The user as the demand's steps need them: roles, party, and the grids they work. */
function viewerOf(session: Session, grids: Grid[]): LedgerViewer {
  const userId = session.me.id;
  return {
    userId,
    roles: session.membership?.roles ?? [],
    party: session.membership?.party ?? null,
    gridIds: grids.filter((g) => g.workers.some((w) => w.userId === userId)).map((g) => g.id),
  };
}

/** The demand's unit from its building's units (one short page), to say it as people do. */
async function unitOf(d: DemandDetail, signal: AbortSignal): Promise<Unit | null> {
  if (d.unitId === null || d.place === null || d.place.building === null) return null;
  try {
    const units = await listUnits(
      d.communityId,
      { estate: d.place.estate, building: d.place.building },
      signal,
    );
    return units.find((u) => u.id === d.unitId) ?? null;
  } catch {
    // The place (estate and building) still shows.
    return null;
  }
}

/** Back to where the user came from: a resident's home, the secretary's ledger, the desk. */
function backTo(session: Session): string {
  if (session.has('secretary')) return '/ledger';
  if (session.has('resident') || session.has('grid-worker')) return '/home';
  return '/desk';
}
