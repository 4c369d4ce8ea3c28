import '../../styles/demands.css';
import './whistles.css';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { type Department, type Street, type WhistleDetail } from '../../api/types';
import { formatTime, WHISTLE_STATUS_LABELS } from '../../labels';
import { Link } from '../../router';
import { type Session, useSession } from '../../session';
import { Loaded, useLoad } from '../../ui';
import { demandWords } from '../demand-words';
import { writtenVersion } from '../demands/ledger-api';
import { departmentsOf } from './department-desk';
import { departmentSteps, mayWithdraw, myTracks } from './whistle-rules';
import { RateSteps, WithdrawStep } from './whistle-secretary';
import { MatterSection, namesOf, TracksSection, WhistleTimeline } from './whistle-sections';
import { DepartmentSteps } from './whistle-steps';

/*
 * One whistle (吹哨), for everyone who may read it: the departments it went to, the community's
 * secretary, the street's officers. Top to bottom: the subject and status, what the user can do
 * now (a department's 签收, 报到, 反馈, 流转; the secretary's 评价 and 撤回), the matter, each
 * department's track with its deadlines and photos, and the timeline.
 */

interface WhistleData {
  w: WhistleDetail;
  /** The whistle's street, when the user works in one of its departments (names, 流转's choice). */
  street: Street | null;
}

export function WhistlePage(props: { whistleId: string }) {
  const session = useSession();
  const [flash, setFlash] = useState<string | null>(null);
  // The detail comes from a read model: after a write, ask for at least that version.
  const [minVersion, setMinVersion] = useState(() => writtenVersion(props.whistleId));
  const [load, reload] = useLoad<WhistleData>(
    async (signal) => {
      const w = await api<WhistleDetail>(`/whistles/${props.whistleId}?minVersion=${minVersion}`, {
        signal,
      }).catch((error: unknown) => {
        throw demandWords(error);
      });
      const inStreet = departmentsOf(session.me).some((d) => d.streetId === w.streetId);
      const street = inStreet
        ? await api<Street>(`/streets/${w.streetId}`, { signal }).catch(() => null)
        : null;
      return { w, street };
    },
    [props.whistleId, minVersion],
  );
  const done = useCallback(
    (message: string) => {
      setFlash(message);
      const next = writtenVersion(props.whistleId);
      if (next > minVersion) setMinVersion(next);
      else reload();
    },
    [props.whistleId, minVersion, reload],
  );
  return (
    <section className="whistle-page">
      <p>
        <Link to={backTo(session, load.state === 'ready' ? load.value.w : null)}>← 返回</Link>
      </p>
      <Loaded load={load} reload={reload}>
        {(data) => <WhistleView key={data.w.version} data={data} flash={flash} onDone={done} />}
      </Loaded>
    </section>
  );
}

function WhistleView(props: {
  data: WhistleData;
  flash: string | null;
  onDone: (message: string) => void;
}) {
  const session = useSession();
  const { w, street } = props.data;
  const mine = myTracks(departmentsOf(session.me), w);
  // The departments with a step to take now; one that has answered waits for the rating.
  const acting = mine.filter((m) => departmentSteps(w, m).length > 0);
  const answered = mine.filter((m) => m.track.status === 'answered');
  const secretary = session.has('secretary') && session.membership?.communityId === w.communityId;
  const rate = secretary && w.tracks.some((t) => t.status === 'answered');
  const withdraw = secretary && mayWithdraw(w);
  const communityName =
    street?.communities.find((c) => c.id === w.communityId)?.name ??
    (session.membership?.communityId === w.communityId ? session.membership.communityName : null);
  const departments: Department[] = street?.departments ?? [];
  return (
    <>
      <header className="demand-head">
        <h1>{w.subject}</h1>
        <p>
          <span className={`chip whistle-status status-${w.status}`} data-testid="whistle-status">
            {WHISTLE_STATUS_LABELS[w.status]}
          </span>{' '}
          <span className="muted">
            {communityName === null ? '' : `${communityName} · `}
            {formatTime(w.issuedAt)} 吹哨
          </span>
        </p>
      </header>
      {answered.length === 0 || props.flash !== null ? null : (
        <p className="note">
          {answered.length === 1 && mine.length === 1
            ? '本部门'
            : answered.map((m) => m.track.departmentName).join('、')}
          已反馈，正在等待社区评价。
        </p>
      )}
      {props.flash === null ? null : (
        <p className="note note-done" role="status">
          {props.flash}
        </p>
      )}
      {acting.length === 0 && !rate ? null : (
        <section className="card section next-steps" aria-label="您现在可以">
          <h2>您现在可以</h2>
          {acting.map((m) => (
            <div key={m.track.departmentId} className="my-track">
              {acting.length > 1 ? <h3>{m.track.departmentName}</h3> : null}
              <DepartmentSteps w={w} mine={m} street={departments} onDone={props.onDone} />
            </div>
          ))}
          {rate ? <RateSteps w={w} onDone={props.onDone} /> : null}
        </section>
      )}
      <MatterSection
        w={w}
        communityName={communityName}
        member={session.membership?.communityId === w.communityId}
      />
      <TracksSection w={w} nameOf={namesOf(w)} />
      <WhistleTimeline w={w} />
      {withdraw ? (
        <section className="card section" aria-label="其他操作">
          <h2>其他操作</h2>
          <WithdrawStep w={w} onDone={props.onDone} />
        </section>
      ) : null}
    </>
  );
}

/** Back to where the user came from: the department's desk, the demand or case, the console. */
function backTo(session: Session, w: WhistleDetail | null): string {
  if (departmentsOf(session.me).length > 0 && !session.has('secretary')) return '/department';
  if (w?.demandId !== null && w?.demandId !== undefined) return `/demands/${w.demandId}`;
  if (w?.caseId !== null && w?.caseId !== undefined) return `/cases/${w.caseId}`;
  return session.has('secretary') ? '/console' : '/desk';
}
