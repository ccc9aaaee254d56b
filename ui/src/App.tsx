/** The app shell: navigation and one route per page (every page is a URL). */
import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';

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
];

export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/ui/jobs">
          caesium
        </a>
        <nav aria-label="Main">
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to}>
              {label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
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
            <Route path="*" element={<h1>Page not found</h1>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
