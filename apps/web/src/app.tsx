import { lazy, Suspense, useEffect } from 'react';
import { LiveProvider, useLive } from './live';
import { BindingsPage } from './pages/bindings';
import { CanvassPage } from './pages/canvass';
import { CasePage } from './pages/case-page/case-page';
import { ConsolePage } from './pages/console';
import { DemandPage } from './pages/demands/demand-page';
import { NewDemandPage } from './pages/demands/new-demand';
import { DeskPage } from './pages/desk';
import { LedgerPage } from './pages/ledger/ledger-page';
import { LoginPage } from './pages/login';
import { NewCasePage } from './pages/new-case';
import { MeetingSignInPage } from './pages/meeting-sign-in';
import { ProxiesPage } from './pages/proxies';
import { ResidentPage } from './pages/resident';
import { RecordPage } from './pages/round/record-page';
import { RoundPage } from './pages/round/round-page';
import { RECORDERS } from './pages/round/phone-outbox';
import { SignOut } from './pages/round/sign-out';
import { OutboxSender } from './pages/round/use-outbox';
import { VotePage } from './pages/vote';
import { DepartmentDeskPage, departmentsOf } from './pages/whistles/department-desk';
import { WhistlePage } from './pages/whistles/whistle-page';
import { Link, match, navigate, usePath } from './router';
import { type Session, useSession, useSessionState } from './session';
import { Empty, Loading, LoadFailed } from './ui';

/** The statistics page and its charts (ECharts) load when first opened, not with the first page. */
const StatsPage = lazy(() => import('./pages/stats').then((m) => ({ default: m.StatsPage })));
/** The street's dashboard (街道看板), with charts too: loaded the same way. */
const StreetPage = lazy(() => import('./pages/street').then((m) => ({ default: m.StreetPage })));

/**
 * Where a user lands: the secretary's console, a party's desk, the grid worker's round, a street
 * department's desk (部门工作台) for who works only there, or the residents' phone.
 */
export function homeOf(session: Session): string {
  if (session.has('secretary')) return '/console';
  if (session.has('party-member') || session.has('street-officer')) return '/desk';
  if (session.has('grid-worker')) return '/round';
  if (session.membership === null && departmentsOf(session.me).length > 0) return '/department';
  return '/home';
}

export function App() {
  const { session, loading } = useSessionState();
  const path = usePath();
  useEffect(() => {
    if (!loading && session === null && path !== '/login') navigate(`/login`, { replace: true });
  }, [loading, session, path]);
  if (loading) return <Loading text="正在进入议事平台…" />;
  if (session === null) return <LoginPage />;
  return (
    <LiveProvider>
      <Shell path={path} />
    </LiveProvider>
  );
}

function Shell(props: { path: string }) {
  const session = useSession();
  const { unread } = useLive();
  const { path } = props;
  useEffect(() => {
    if (path === '/' || path === '/login') navigate(homeOf(session), { replace: true });
  }, [path, session]);

  const links: { to: string; label: string }[] = [];
  if (session.has('secretary')) links.push({ to: '/console', label: '案件看板' });
  if (session.has('secretary')) links.push({ to: '/ledger', label: '诉求台账' });
  if (session.has('grid-worker')) links.push({ to: '/round', label: '网格巡查' });
  if (departmentsOf(session.me).length > 0) links.push({ to: '/department', label: '部门工作台' });
  links.push({ to: '/desk', label: '消息' });
  if (session.has('secretary') || session.has('party-member') || session.has('street-officer'))
    links.push({ to: '/stats', label: '统计' });
  if (session.me.departments.some((d) => d.kind === 'street-office'))
    links.push({ to: '/street', label: '街道看板' });
  if (
    session.has('resident') ||
    session.has('grid-worker') ||
    session.has('building-lead') ||
    session.has('party-member')
  )
    links.push({ to: '/home', label: '社区议事' });

  return (
    <div className="app">
      <a className="skip" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <Link to={homeOf(session)} className="brand">
          议事
        </Link>
        <nav aria-label="主导航" className="nav">
          {links.map((l) => (
            <Link
              key={l.to}
              to={l.to}
              className={path.startsWith(l.to) ? 'nav-link active' : 'nav-link'}
            >
              {l.label}
              {l.to === '/desk' && unread !== null && unread > 0 ? (
                <span className="badge" data-testid="unread-badge">
                  {unread}
                  <span className="sr-only">条未读</span>
                </span>
              ) : null}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span>{session.me.displayName}</span>
          <SignOut />
        </div>
      </header>
      <main id="main" className="main">
        <Route path={path} />
      </main>
      {RECORDERS.some((role) => session.has(role)) ? <OutboxSender /> : null}
    </div>
  );
}

function Route(props: { path: string }) {
  const { path } = props;
  if (path === '/' || path === '/login') return <Loading />;
  if (path === '/console') return <ConsolePage />;
  if (path === '/console/new') return <NewCasePage />;
  if (path === '/desk') return <DeskPage />;
  if (path === '/department') return <DepartmentDeskPage />;
  if (path === '/ledger') return <LedgerPage />;
  if (path === '/home') return <ResidentPage />;
  if (path === '/round') return <RoundPage />;
  if (path === '/round/new') return <RecordPage />;
  const entry = match('/round/entries/:entryId', path);
  if (entry !== null) return <RecordPage key={entry.entryId} entryId={entry.entryId ?? ''} />;
  if (path === '/stats')
    return (
      <LoadFailed>
        <Suspense fallback={<Loading />}>
          <StatsPage />
        </Suspense>
      </LoadFailed>
    );
  if (path === '/street')
    return (
      <LoadFailed>
        <Suspense fallback={<Loading />}>
          <StreetPage />
        </Suspense>
      </LoadFailed>
    );
  if (path === '/proxies') return <ProxiesPage />;
  if (path === '/bindings') return <BindingsPage />;
  if (path === '/demands/new') return <NewDemandPage />;
  const demand = match('/demands/:demandId', path);
  if (demand !== null) return <DemandPage key={demand.demandId} demandId={demand.demandId ?? ''} />;
  const whistle = match('/whistles/:whistleId', path);
  if (whistle !== null)
    return <WhistlePage key={whistle.whistleId} whistleId={whistle.whistleId ?? ''} />;
  const meeting = match('/meetings/:meetingId/sign-in', path);
  if (meeting !== null)
    return <MeetingSignInPage key={meeting.meetingId} meetingId={meeting.meetingId ?? ''} />;
  const casePage = match('/cases/:caseId', path);
  if (casePage !== null) return <CasePage key={casePage.caseId} caseId={casePage.caseId ?? ''} />;
  const canvass = match('/resolutions/:resolutionId/canvass', path);
  if (canvass !== null)
    return <CanvassPage key={canvass.resolutionId} resolutionId={canvass.resolutionId ?? ''} />;
  const vote = match('/resolutions/:resolutionId', path);
  if (vote !== null)
    return <VotePage key={vote.resolutionId} resolutionId={vote.resolutionId ?? ''} />;
  return (
    <section>
      <h1>页面不存在</h1>
      <Empty>
        没有这个页面。<Link to="/">回到首页</Link>
      </Empty>
    </section>
  );
}
