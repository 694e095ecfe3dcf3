import { useId } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import { useWorkbench } from '../../state/use-workbench';
import type { JobRecord } from '../../storage/records';
import { ProgressBar } from '../../ui/ProgressBar';

const STATUS_TEXT: Record<JobRecord['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

function JobItem({ job, onCancel }: { job: JobRecord; onCancel: (id: string) => void }) {
  return (
    <li className={`job job-${job.status}`}>
      <div className="job-head">
        <strong>{job.title}</strong>
        <span className="badge">{STATUS_TEXT[job.status]}</span>
      </div>
      {job.status === 'running' ? (
        <>
          <ProgressBar fraction={job.progress.fraction} label={`${job.title} progress`} />
          <small>
            {Math.round(job.progress.fraction * 100)} % · {job.progress.phase}
            {job.progress.etaMs !== null ? ` · ${formatDuration(job.progress.etaMs)} left` : ''}
          </small>
          <button type="button" className="small" onClick={() => onCancel(job.id)}>
            Cancel
          </button>
        </>
      ) : null}
      {job.error ? <small className="error-text">{job.error}</small> : null}
      {job.note ? <small>{job.note}</small> : null}
    </li>
  );
}

/** Header indicator: how many jobs run, and a panel with each job's progress, ETA and cancel. */
export function JobsIndicator() {
  const id = useId();
  const jobs = useWorkbench((s) => s.jobs);
  const cancel = useWorkbench((s) => s.cancelJob);
  const clear = useWorkbench((s) => s.clearFinishedJobs);
  const running = jobs.filter((j) => j.status === 'running').length;
  return (
    <details className="jobs-indicator">
      <summary aria-controls={id}>
        Jobs{running > 0 ? <span className="badge running">{running} running</span> : null}
      </summary>
      <div id={id} className="jobs-panel" role="region" aria-label="Jobs">
        {jobs.length === 0 ? (
          <p>No jobs yet. Generating a dataset or training a model shows up here.</p>
        ) : (
          <>
            <ul>
              {jobs.slice(0, 20).map((j) => (
                <JobItem key={j.id} job={j} onCancel={cancel} />
              ))}
            </ul>
            <button
              type="button"
              className="small"
              onClick={() => void clear()}
              disabled={jobs.every((j) => j.status === 'running')}
            >
              Clear finished jobs
            </button>
          </>
        )}
      </div>
    </details>
  );
}
