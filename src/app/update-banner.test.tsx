// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkbenchStore } from '../state/workbench-store';
import { WorkbenchContext } from '../state/use-workbench';
import type { WorkbenchServices } from '../state/services';
import type { JobRecord } from '../storage/records';
import { updateOffers, type UpdateOffer } from './register-sw';
import { UpdateBanner, UpdateBannerView } from './update-banner';

afterEach(() => {
  cleanup();
  updateOffers.set(null);
});

function offer(kind: UpdateOffer['kind']): UpdateOffer & { applied: number } {
  const o = { kind, applied: 0, apply: () => void o.applied++ };
  return o;
}

describe('update banner', () => {
  it('shows nothing without an offer', () => {
    const { container } = render(<UpdateBannerView offer={null} busy={false} />);
    expect(container.innerHTML).toBe('');
  });

  it('announces a new version as a status and applies it on Reload', () => {
    const o = offer('waiting');
    render(<UpdateBannerView offer={o} busy={false} />);
    expect(screen.getByRole('status').textContent).toContain('A new version is available.');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(o.applied).toBe(1);
  });

  it('will not reload while a job runs, and says why', () => {
    const o = offer('waiting');
    render(<UpdateBannerView offer={o} busy />);
    const button = screen.getByRole('button', { name: 'Reload' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(button);
    expect(o.applied).toBe(0);
    expect(screen.getByRole('status').textContent).toContain('reloading stops it');
  });

  it('says when another tab activated the new version', () => {
    render(<UpdateBannerView offer={offer('activated-elsewhere')} busy={false} />);
    expect(screen.getByRole('status').textContent).toContain('activated in another tab');
  });

  it('follows the offers of the registration and the running jobs of the store', () => {
    // Only `jobs` is read by the banner; the rest of the services are never called here.
    const store = createWorkbenchStore({} as WorkbenchServices, 'light');
    render(
      <WorkbenchContext.Provider value={store}>
        <UpdateBanner />
      </WorkbenchContext.Provider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    act(() => updateOffers.set(offer('waiting')));
    expect(screen.getByRole('button', { name: 'Reload' })).toHaveProperty('disabled', false);
    const running = { id: 'j', status: 'running' } as JobRecord;
    act(() => store.setState({ jobs: [running] }));
    expect(screen.getByRole('button', { name: 'Reload' })).toHaveProperty('disabled', true);
  });
});
