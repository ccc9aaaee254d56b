/** The app shell: sign-in when the server needs a key, navigation, and one route per page (every page is a URL). */
import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext.js';
import { Loading } from './lib/states.js';
import { ThemeToggle } from './lib/theme.js';

const JobsPage = lazy(() => import('./pages/JobsPage.js'));
const JobPage = lazy(() => import('./pages/JobPage.js'));
const RunsPage = lazy(() => import('./pages/RunsPage.js'));
const RunPage = lazy(() => import('./pages/RunPage.js'));
const BackfillsPage = lazy(() => import('./pages/BackfillsPage.js'));
const TriggersPage = lazy(() => import('./pages/TriggersPage.js'));
const AtomsPage = lazy(() => import('./pages/AtomsPage.js'));
const StatsPage = lazy(() => import('./pages/StatsPage.js'));
const NodesPage = lazy(() => import('./pages/NodesPage.js'));
const LogConsolePage = lazy(() => import('./pages/LogConsolePage.js'));
const DatabaseConsolePage = lazy(() => import('./pages/DatabaseConsolePage.js'));

const NAV: [string, string][] = [
  ['/jobs', 'Jobs'],
  ['/runs', 'Runs'],
  ['/backfills', 'Backfills'],
  ['/triggers', 'Triggers'],
  ['/atoms', 'Atoms'],
  ['/stats', 'Stats'],
  ['/nodes', 'Nodes'],
  ['/consoles/logs', 'Log console'],
  ['/consoles/database', 'Database console'],
];

export function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}

function Identity() {
  const { me, signOut } = useAuth();
  if (!me.auth) return <span className="muted">auth off</span>;
  return (
    <span className="identity">
      <span>
        {me.key_prefix} · {me.role}
      </span>
      <button type="button" className="ghost" onClick={signOut}>
        Sign out
      </button>
    </span>
  );
}

function Shell() {
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to="/jobs">
          caesium
        </Link>
        <nav aria-label="Main">
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to}>
              {label}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <Identity />
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/" element={<JobsPage />} />
            <Route path="/jobs" element={<JobsPage />} />
            <Route path="/jobs/:jobId" element={<JobPage />} />
            <Route path="/runs" element={<RunsPage />} />
            <Route path="/jobs/:jobId/runs/:runId" element={<RunPage />} />
            <Route path="/backfills" element={<BackfillsPage />} />
            <Route path="/triggers" element={<TriggersPage />} />
            <Route path="/atoms" element={<AtomsPage />} />
            <Route path="/stats" element={<StatsPage />} />
            <Route path="/nodes" element={<NodesPage />} />
            <Route path="/consoles/logs" element={<LogConsolePage />} />
            <Route path="/consoles/database" element={<DatabaseConsolePage />} />
            <Route
              path="*"
              element={
                <section>
                  <h1>Page not found</h1>
                  <p>
                    <Link to="/jobs">Back to the jobs</Link>
                  </p>
                </section>
              }
            />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
