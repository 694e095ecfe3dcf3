// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../domain/jobs/job-types';
import { cancelledError } from '../workers/job-types';
import { useFileExport } from './use-file-export';

afterEach(cleanup);

/** A file job the test settles by hand. */
function pendingJob() {
  let resolve: (f: { blob: Blob; fileName: string }) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const file = new Promise<{ blob: Blob; fileName: string }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const cancels: number[] = [];
  return { file, resolve, reject, cancels, cancel: () => cancels.push(1) };
}

describe('useFileExport', () => {
  it('shows progress while running and saves the file at the end', async () => {
    const saved: string[] = [];
    const job = pendingJob();
    let report: (p: JobProgress) => void = () => undefined;
    const { result } = renderHook(() => useFileExport((f) => saved.push(f.fileName)));
    act(() =>
      result.current.start('Export X', (onProgress) => {
        report = onProgress;
        return job;
      }),
    );
    expect(result.current.running).toMatchObject({ label: 'Export X', fraction: 0, phase: 'Starting' });
    act(() => report({ fraction: 0.5, phase: 'Half', etaMs: 1000 }));
    expect(result.current.running).toMatchObject({ fraction: 0.5, phase: 'Half', etaMs: 1000 });
    await act(async () => job.resolve({ blob: new Blob(['x']), fileName: 'x.bin' }));
    await waitFor(() => expect(result.current.running).toBeNull());
    expect(saved).toEqual(['x.bin']);
    expect(result.current.error).toBeNull();
  });

  it('turns a cancel into a notice and a failure into an error, and cancels a running export on unmount', async () => {
    const { result, unmount } = renderHook(() => useFileExport(() => undefined));
    const cancelled = pendingJob();
    act(() => result.current.start('Export A', () => cancelled));
    await act(async () => cancelled.reject(cancelledError('The export')));
    await waitFor(() => expect(result.current.notice).toBe('Export A: cancelled, nothing was downloaded.'));
    expect(result.current.error).toBeNull();

    const failed = pendingJob();
    act(() => result.current.start('Export B', () => failed));
    await act(async () => failed.reject(new Error('Disk full.')));
    await waitFor(() => expect(result.current.error).toBe('Disk full.'));
    expect(result.current.notice).toBeNull();

    const left = pendingJob();
    act(() => result.current.start('Export C', () => left));
    unmount();
    expect(left.cancels).toEqual([1]);
  });

  it('ignores late progress of an earlier export, and saves nothing that arrives after unmount', async () => {
    const saved: string[] = [];
    const { result, unmount } = renderHook(() => useFileExport((f) => saved.push(f.fileName)));
    const first = pendingJob();
    let lateReport: (p: JobProgress) => void = () => undefined;
    act(() =>
      result.current.start('Export A', (onProgress) => {
        lateReport = onProgress;
        return first;
      }),
    );
    await act(async () => first.resolve({ blob: new Blob(['a']), fileName: 'a.bin' }));
    await waitFor(() => expect(result.current.running).toBeNull());
    const second = pendingJob();
    act(() => result.current.start('Export B', () => second));
    act(() => lateReport({ fraction: 1, phase: 'Done', etaMs: 0 }));
    expect(result.current.running).toMatchObject({ label: 'Export B', fraction: 0, phase: 'Starting' });
    act(() => result.current.running?.cancel?.());
    expect(result.current.running).toMatchObject({ cancelling: true, phase: 'Cancelling…' });
    expect(second.cancels).toEqual([1]);
    unmount();
    await act(async () => second.resolve({ blob: new Blob(['b']), fileName: 'b.bin' }));
    expect(saved).toEqual(['a.bin']);
  });
});
