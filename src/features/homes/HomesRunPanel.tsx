import { useState } from 'react';
import { HOME_SOURCE_WORDS } from '../../domain/homes/home-source-labels';
import type { WorkbenchState } from '../../state/workbench-store';
import { useWorkbench } from '../../state/use-workbench';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import { Link } from '../../ui/Link';
import { ProgressBar } from '../../ui/ProgressBar';

type RunRecord = NonNullable<WorkbenchState['homesRun']>;
type Totals = RunRecord['totals'];

/** "12,345 tokens (3,000 in, 9,345 out), ≈ $0.0012" — or "cost unknown" for unpriced models. */
export function formatUsage(t: Pick<Totals, 'inputTokens' | 'outputTokens' | 'costUsd'>): string {
  const tokens = t.inputTokens + t.outputTokens;
  const cost =
    t.costUsd === null
      ? 'cost unknown for this model'
      : `≈ $${t.costUsd < 0.01 ? t.costUsd.toFixed(4) : t.costUsd.toFixed(2)}`;
  return `${tokens.toLocaleString('en-US')} tokens (${t.inputTokens.toLocaleString('en-US')} in, ${t.outputTokens.toLocaleString('en-US')} out), ${cost}`;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const STATUS_TITLES: Record<RunRecord['status'], string> = {
  running: 'The last run was interrupted (the page was reloaded or closed)',
  completed: 'The last run completed',
  cancelled: 'The last run was cancelled',
  quota: 'The last run stopped: no OpenAI quota left',
  auth: 'The last run stopped: the API key was not accepted',
  model: 'The last run stopped: the model is not available',
  failed: 'The last run stopped after an error',
};

function StoppedRun({ run, onResume, canResume }: { run: RunRecord; onResume: () => void; canResume: boolean }) {
  const discard = useWorkbench((s) => s.discardHomesRun);
  const keyStatus = useWorkbench((s) => s.openAiKey);
  const [error, setError] = useState<string | null>(null);
  const left = run.plan.length - run.done.length;
  const needsKey = run.source === 'llm' && !keyStatus.inMemory;
  const alarming = run.status === 'quota' || run.status === 'auth' || run.status === 'model' || run.status === 'failed';
  return (
    <div className="panel" aria-labelledby="homes-run-title">
      <h2 id="homes-run-title">{STATUS_TITLES[run.status]}</h2>
      <p>
        {run.done.length} of {run.plan.length} homes made (
        {run.source === 'llm' ? `LLM, ${run.llm?.model ?? ''}` : HOME_SOURCE_WORDS[run.source].origin}, seed {run.seed}
        ).
        {run.source === 'llm' ? ` ${plural(run.totals.requests, 'request')}, ${formatUsage(run.totals)}.` : ''}
      </p>
      {run.message ? (
        <p className={alarming ? 'error-text' : undefined} role={alarming ? 'alert' : 'status'}>
          {run.message}
        </p>
      ) : null}
      {run.status === 'auth' || (needsKey && left > 0) ? (
        <p className="warning">
          {run.status === 'auth'
            ? 'Enter a valid API key'
            : 'Enter your API key (it is not kept across reloads unless you chose to remember it)'}{' '}
          in <Link href="/settings">Settings › OpenAI</Link>, then resume.
        </p>
      ) : null}
      {run.status === 'model' ? (
        <p className="warning">
          Pick another model in <Link href="/settings">Settings › OpenAI</Link> (“Test key” lists the ones your key can
          use), then resume.
        </p>
      ) : null}
      {run.skipped.length > 0 ? (
        <details>
          <summary>{run.skipped.length} skipped</summary>
          <ul>
            {run.skipped.map((s) => (
              <li key={s.index}>
                Home {s.index + 1}: {s.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="actions">
        {left > 0 ? (
          <button type="button" className="primary" disabled={!canResume || needsKey} onClick={onResume}>
            Resume run ({left} left)
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            setError(null);
            discard().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          {left > 0 ? 'Discard run' : 'Dismiss'}
        </button>
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}

/** The run going on in this tab (live progress, cancel) or the last one (its outcome, resume). */
export function HomesRunPanel() {
  const running = useWorkbench((s) => s.homesRunning);
  const live = useWorkbench((s) => s.homesLive);
  const run = useWorkbench((s) => s.homesRun);
  const error = useWorkbench((s) => s.homesError);
  const cancel = useWorkbench((s) => s.cancelHomes);
  const resume = useWorkbench((s) => s.resumeHomes);
  const job = useWorkbench((s) => s.jobs.find((j) => j.kind === 'synthesise-homes' && j.status === 'running'));
  const otherJobRuns = job !== undefined && !running;

  if (running) {
    return (
      <div className="panel" aria-labelledby="homes-live-title">
        <h2 id="homes-live-title">Making homes</h2>
        <ProgressBar fraction={live?.fraction ?? 0} label="Home synthesis progress" />
        <p className="muted">{live ? `${Math.round(live.fraction * 100)} % · ${live.phase}` : 'Starting…'}</p>
        <p aria-live="polite">{live?.activity ?? ''}</p>
        {live && live.totals.requests > 0 ? (
          <p className="muted">
            {plural(live.totals.requests, 'request')}
            {live.totals.rateLimitWaits > 0 ? `, ${plural(live.totals.rateLimitWaits, 'rate-limit wait')}` : ''}
            {live.totals.retries > 0
              ? `, ${live.totals.retries === 1 ? '1 retry' : `${live.totals.retries} retries`}`
              : ''}{' '}
            · {formatUsage(live.totals)}
          </p>
        ) : null}
        <button type="button" onClick={cancel}>
          Cancel run
        </button>
      </div>
    );
  }
  return (
    <>
      {error ? (
        <p className="error-text panel" role="alert">
          {error}
          {/API key/.test(error) ? (
            <>
              {' '}
              <Link href="/settings">Open Settings › OpenAI</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {otherJobRuns ? <p className="warning">A synthesis run is going on in another tab.</p> : null}
      {run !== null && (run.status !== 'completed' || run.done.length < run.plan.length) ? (
        <StoppedRun run={run} canResume={!otherJobRuns} onResume={() => void resume()} />
      ) : run !== null ? (
        <p className="panel muted" role="status">
          Last run: {run.done.length} of {run.plan.length} homes from{' '}
          {run.source === 'llm' ? run.llm?.model : HOME_SOURCE_WORDS[run.source].origin}
          {run.source === 'llm' ? ` · ${plural(run.totals.requests, 'request')} · ${formatUsage(run.totals)}` : ''}.
        </p>
      ) : null}
    </>
  );
}
