// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelledError,
  controlledJob,
  fakeWorkbench,
  type FakeWorkbench,
} from '../../state/fake-services.test-helpers';
import { WorkbenchContext } from '../../state/use-workbench';
import { JobsIndicator } from './JobsIndicator';

afterEach(cleanup);

function renderIndicator(w: FakeWorkbench) {
  render(
    <WorkbenchContext.Provider value={w.store}>
      <JobsIndicator />
    </WorkbenchContext.Provider>,
  );
}

const panel = () => screen.getByRole('region', { name: 'Jobs' });
const items = () => within(panel()).queryAllByRole('listitem');

/** Starts a job through the store and waits until the store has recorded it. */
async function start(w: FakeWorkbench, title: string) {
  const job = controlledJob<string>();
  let result: Promise<string | null> = Promise.resolve(null);
  let id = '';
  await act(async () => {
    result = w.store.getState().runJob(job.options(title));
    id = await job.started;
  });
  return { job, id, result };
}

describe('jobs indicator', () => {
  it('says there are no jobs yet', async () => {
    renderIndicator(await fakeWorkbench());
    expect(panel().textContent).toContain('No jobs yet. Generating a dataset or training a model shows up here.');
    expect(screen.getByText('Jobs').textContent).toBe('Jobs');
  });

  it('shows a running job’s progress, phase and time left; Cancel asks the job to stop', async () => {
    const w = await fakeWorkbench();
    renderIndicator(w);
    const { job, id, result } = await start(w, 'Generate "Berlin" (100 homes × 180 days)');
    expect(screen.getByText('1 running')).toBeTruthy();

    act(() => {
      w.clock.advance(30_000);
      job.progress({ fraction: 0.25, phase: 'Simulating devices' });
    });
    const bar = screen.getByRole('progressbar', { name: 'Generate "Berlin" (100 homes × 180 days) progress' });
    expect(bar.getAttribute('value')).toBe('25');
    // A quarter in 30 s: 90 s left.
    expect(within(items()[0] ?? panel()).getByText('25 % · Simulating devices · 1 min 30 s left')).toBeTruthy();
    expect(within(panel()).getByText('Running')).toBeTruthy();

    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel' }));
    expect(job.calls.cancel).toEqual([id]);
    expect(within(panel()).getByText(/25 % · Cancelling…/)).toBeTruthy();

    await act(async () => {
      job.fail(cancelledError());
      await result;
    });
    expect(within(panel()).getByText('Cancelled')).toBeTruthy();
    expect(within(panel()).getByText('Cancelled; nothing of it was kept.')).toBeTruthy();
    expect(within(panel()).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(panel()).queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText('1 running')).toBeNull();
  });

  it('shows how finished jobs ended: done, the error of a failed one, the note of an interrupted one', async () => {
    const w = await fakeWorkbench();
    renderIndicator(w);
    const ok = await start(w, 'Train "Run A"');
    await act(async () => {
      ok.job.finish('run-a');
      await ok.result;
    });
    const bad = await start(w, 'Train "Run B"');
    await act(async () => {
      bad.job.fail(new Error('The training worker crashed: out of memory. Earlier saved data is intact.'));
      await bad.result;
    });
    act(() => {
      const [latest] = w.store.getState().jobs;
      if (!latest) throw new Error('no job');
      const interrupted = {
        ...latest,
        id: 'old',
        title: 'Generate "Old"',
        status: 'interrupted' as const,
        error: null,
        note: 'Its partial dataset was removed.',
      };
      w.store.setState({ jobs: [...w.store.getState().jobs, interrupted] });
    });

    const texts = items().map((li) => li.textContent);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toBe(
      'Train "Run B"FailedThe training worker crashed: out of memory. Earlier saved data is intact.',
    );
    expect(texts[1]).toBe('Train "Run A"Done');
    expect(texts[2]).toBe('Generate "Old"InterruptedIts partial dataset was removed.');
    expect(within(panel()).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('clears finished jobs only, and offers it only when there is one', async () => {
    const w = await fakeWorkbench();
    renderIndicator(w);
    const running = await start(w, 'Still running');
    const clear = () => within(panel()).getByRole('button', { name: 'Clear finished jobs' });
    expect(clear()).toHaveProperty('disabled', true);

    const ended = await start(w, 'Ended');
    await act(async () => {
      ended.job.finish('x');
      await ended.result;
    });
    expect(clear()).toHaveProperty('disabled', false);
    fireEvent.click(clear());
    // The store clears storage first, then its list.
    await waitFor(() =>
      expect(items().map((li) => li.querySelector('strong')?.textContent)).toEqual(['Still running']),
    );

    await act(async () => {
      running.job.finish('y');
      await running.result;
    });
  });
});
