import { lazy, Suspense, useEffect } from 'react';
import { DatasetsPage } from '../features/datasets/DatasetsPage';
import { JobsIndicator } from '../features/jobs/JobsIndicator';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useWorkbench } from '../state/use-workbench';
import { EmptyState } from '../ui/EmptyState';
import { Link } from '../ui/Link';
import { navigate, useLocation } from '../ui/router';
import { matchRoute, type Route } from './routes';
import { ThemeToggle } from './ThemeToggle';
import { UpdateBanner } from './update-banner';

const NAV: { page: Route['page']; href: string; label: string }[] = [
  { page: 'datasets', href: '/datasets', label: 'Datasets' },
  { page: 'homes', href: '/homes', label: 'Homes' },
  { page: 'training', href: '/training', label: 'Training' },
  { page: 'compare', href: '/compare', label: 'Compare' },
  { page: 'models', href: '/models', label: 'Models' },
  { page: 'settings', href: '/settings', label: 'Settings' },
];

// Pages with charts load on demand, so the first paint carries only the shell and the Datasets page.
const TrainingPage = lazy(() => import('../features/training/TrainingPage').then((m) => ({ default: m.TrainingPage })));
const ComparePage = lazy(() => import('../features/compare/ComparePage').then((m) => ({ default: m.ComparePage })));
const HomesPage = lazy(() => import('../features/homes/HomesPage').then((m) => ({ default: m.HomesPage })));
const ModelsPage = lazy(() => import('../features/models/ModelsPage').then((m) => ({ default: m.ModelsPage })));

const TITLES: Record<Route['page'], string> = {
  datasets: 'Datasets',
  homes: 'Homes',
  training: 'Training',
  compare: 'Compare',
  models: 'Models',
  settings: 'Settings',
  'not-found': 'Page not found',
};

function Page({ route, query }: { route: Route; query: URLSearchParams }) {
  switch (route.page) {
    case 'datasets':
      return <DatasetsPage datasetId={route.datasetId} query={query} />;
    case 'homes':
      return <HomesPage />;
    case 'training':
      return <TrainingPage datasetId={query.get('dataset')} />;
    case 'compare':
      return <ComparePage runId={query.get('run')} />;
    case 'models':
      return <ModelsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return (
        <EmptyState title="There is no page here" action={<Link href="/datasets">Go to Datasets</Link>}>
          {route.path} is not a page of HomeSynth Workbench.
        </EmptyState>
      );
  }
}

function Notices() {
  const notices = useWorkbench((s) => s.notices);
  const dismiss = useWorkbench((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="small" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function App() {
  const { path, query } = useLocation();
  const route = matchRoute(path);
  useEffect(() => {
    if (path === '/') navigate('/datasets', { replace: true });
  }, [path]);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · HomeSynth Workbench`;
  }, [route.page]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/datasets" className="brand">
          HomeSynth Workbench
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <Link href={n.href} aria-current={route.page === n.page ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <JobsIndicator />
          <ThemeToggle />
        </div>
      </header>
      <Notices />
      <UpdateBanner />
      <main id="main" tabIndex={-1}>
        <h1 className="page-title">{TITLES[route.page]}</h1>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Page route={route} query={query} />
        </Suspense>
      </main>
    </div>
  );
}
