import { formatDuration } from '../domain/jobs/eta';
import type { JobProgress } from '../domain/jobs/job-types';
import { ErrorAlert } from './common/ErrorAlert';
import { ProgressBar } from './ProgressBar';

/**
 * A running export's progress, time left and Cancel (exports that report progress; a quick one only shows on
 * its button); then how it ended if that was not a download.
 */
export function ExportStatus({
  running,
  notice,
  error,
}: {
  running: (JobProgress & { label: string; cancel: (() => void) | null; cancelling: boolean }) | null;
  notice: string | null;
  error: string | null;
}) {
  return (
    <>
      {running?.cancel ? (
        <div className="panel" role="status" aria-label="Export progress">
          <ProgressBar fraction={running.fraction} label={`${running.label} progress`} />
          <p>
            {running.label}: {running.phase} · {Math.round(running.fraction * 100)} %
            {running.etaMs !== null ? ` · about ${formatDuration(running.etaMs)} left` : ''}
          </p>
          <button type="button" onClick={running.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel export'}
          </button>
        </div>
      ) : null}
      {notice ? <p role="status">{notice}</p> : null}
      <ErrorAlert error={error} />
    </>
  );
}
