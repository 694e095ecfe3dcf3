import { useSyncExternalStore } from 'react';
import { useWorkbench } from '../state/use-workbench';
import { updateOffers, type UpdateOffer } from './register-sw';

/**
 * "A new version is available": shown when a new service worker waits (or another tab let one take over).
 * Reload applies it. While a job runs in this tab, Reload is disabled: reloading would stop the job.
 */
export function UpdateBannerView({ offer, busy }: { offer: UpdateOffer | null; busy: boolean }) {
  if (!offer) return null;
  return (
    <div className="notices">
      <div className="notice notice-info" role="status">
        <span>
          {offer.kind === 'waiting'
            ? 'A new version is available.'
            : 'A new version is available and was activated in another tab.'}
          {busy
            ? ' Reload when the running job has finished (or cancel it): reloading stops it.'
            : ' Reload to use it.'}
        </span>
        <button type="button" className="small" onClick={offer.apply} disabled={busy}>
          Reload
        </button>
      </div>
    </div>
  );
}

export function UpdateBanner() {
  const offer = useSyncExternalStore(updateOffers.subscribe, updateOffers.get);
  const busy = useWorkbench((s) => s.jobs.some((j) => j.status === 'running'));
  return <UpdateBannerView offer={offer} busy={busy} />;
}
