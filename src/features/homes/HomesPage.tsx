import { useEffect } from 'react';
import { useWorkbench } from '../../state/use-workbench';
import { useLocation } from '../../ui/router';
import { HomeDetail } from './HomeDetail';
import { HomesImportForm } from './HomesImportForm';
import { HomesList } from './HomesList';
import { HomesRunForm } from './HomesRunForm';
import { HomesRunPanel } from './HomesRunPanel';

/**
 * Homes: make homes (templates or survey statistics offline, or the LLM with the user's key), follow and
 * resume runs, import exported home files, and browse, export or delete the stored homes. `?home=home_001` opens one home.
 */
export function HomesPage() {
  const { query } = useLocation();
  const homeId = query.get('home');
  const homes = useWorkbench((s) => s.homes);
  const loaded = useWorkbench((s) => s.homesLoaded);
  const running = useWorkbench((s) => s.homesRunning);
  const loadHomes = useWorkbench((s) => s.loadHomes);
  const refreshKey = useWorkbench((s) => s.refreshKeyStatus);
  const start = useWorkbench((s) => s.startHomes);

  useEffect(() => {
    void refreshKey();
    if (!running) void loadHomes();
  }, [loadHomes, refreshKey, running]);

  if (homeId !== null) return <HomeDetail key={homeId} homeId={homeId} />;
  return (
    <div className="page-grid">
      <HomesRunForm busy={running} onStart={(options) => void start(options)} />
      <div className="page-stack">
        <HomesRunPanel />
        <HomesImportForm busy={running} />
      </div>
      <section className="panel span-all" aria-labelledby="homes-title">
        <h2 id="homes-title">Homes ({homes.length})</h2>
        {loaded ? <HomesList homes={homes} busy={running} /> : <p role="status">Loading…</p>}
      </section>
    </div>
  );
}
