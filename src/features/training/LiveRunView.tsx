import { memo, useCallback, useMemo } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import { slotLabel } from '../../domain/slot-label';
import type { LiveRun, LiveSlot } from '../../state/training-slice';
import type { JobRecord } from '../../storage/records';
import { SparkLines } from '../../ui/charts/SparkLines';
import { ProgressBar } from '../../ui/ProgressBar';
import type { SlotKey } from '../../domain/training/run-types';

const LOSS_SERIES = [
  { key: 'loss', label: 'training', color: '#0072B2' },
  { key: 'valLoss', label: 'validation', color: '#D55E00' },
];

const STATUS: Record<LiveSlot['status'], string> = {
  queued: 'Queued',
  training: 'Training',
  done: 'Done',
  insufficient: 'Insufficient data',
  stopped: 'Stopped',
  failed: 'Failed',
};

/**
 * One model's card. Memoised: a live update replaces only the training slot's object, so the other cards
 * (and their charts, the costliest part of a render) are left alone.
 */
const SlotCard = memo(function SlotCard({ s, onStop }: { s: LiveSlot; onStop: (slot: SlotKey) => void }) {
  const last = s.epochs.at(-1);
  const name = `${slotLabel(s.slot, 'Global (all home types)')} · ${s.family === 'trees' ? 'trees' : 'network'}`;
  const unit = s.family === 'trees' ? 'round' : 'epoch';
  const values = useMemo(() => [s.epochs.map((e) => e.loss), s.epochs.map((e) => e.valLoss)], [s.epochs]);
  return (
    <article className="panel slot-card" aria-label={`Model ${name}`}>
      <div className="job-head">
        <h3>{name}</h3>
        <span className="badge">{STATUS[s.status]}</span>
      </div>
      <p className="muted">
        {s.counts.train.toLocaleString('en-US')} train ({s.counts.trainPositives.toLocaleString('en-US')} positive) ·{' '}
        {s.counts.test.toLocaleString('en-US')} test ({s.counts.testPositives.toLocaleString('en-US')} positive)
      </p>
      {s.reason ? <p className="warning">{s.reason}</p> : null}
      {s.epochs.length > 0 ? (
        <>
          <SparkLines title={`Loss per ${unit}, ${name}`} values={values} xLabel={unit} series={LOSS_SERIES} />
          <p className="muted">
            {unit} {(last?.epoch ?? 0) + 1}
            {s.plannedEpochs ? ` of at most ${s.plannedEpochs}` : ''} ·{' '}
            {Math.round(last?.samplesPerSecond ?? 0).toLocaleString('en-US')} samples/s ·{' '}
            {formatDuration(last?.elapsedMs ?? 0)} elapsed · best {unit} {(last?.bestEpoch ?? 0) + 1}
            {last?.valPrAuc !== undefined && Number.isFinite(last.valPrAuc)
              ? ` · validation PR-AUC ${last.valPrAuc.toFixed(3)}`
              : ''}
          </p>
        </>
      ) : null}
      {s.status === 'training' ? (
        <button type="button" className="small" onClick={() => onStop(s.slot)}>
          Stop this slot
        </button>
      ) : null}
    </article>
  );
});

/** Curves per model as they train, with throughput, elapsed time, ETA and stop buttons. */
export function LiveRunView({
  live,
  job,
  onStop,
}: {
  live: LiveRun;
  job: JobRecord | undefined;
  onStop: (slot: SlotKey | null) => void;
}) {
  const running = job?.status === 'running';
  const stopSlot = useCallback((slot: SlotKey) => onStop(slot), [onStop]);
  return (
    <section className="panel span-all" aria-labelledby="live-title">
      <h2 id="live-title">{running ? 'Training now' : 'Last run'}</h2>
      {live.backend ? (
        <p>
          Backend: <strong>{live.backend.active}</strong>
          {live.backend.note ? <span className="muted"> — {live.backend.note}</span> : null}
        </p>
      ) : null}
      {job && running ? (
        <>
          <ProgressBar fraction={job.progress.fraction} label="Training progress" />
          <p className="muted">
            {Math.round(job.progress.fraction * 100)} % · {job.progress.phase}
            {job.progress.etaMs !== null ? ` · about ${formatDuration(job.progress.etaMs)} left` : ''}
          </p>
          <button type="button" onClick={() => onStop(null)}>
            Stop the whole run
          </button>
        </>
      ) : job ? (
        <p className="muted">
          {job.status === 'done' ? 'Finished.' : `Ended: ${job.status}.`} {job.error ?? ''}
        </p>
      ) : null}
      <div className="slot-grid">
        {live.slots.map((s) => (
          <SlotCard key={`${s.family}:${s.slot}`} s={s} onStop={stopSlot} />
        ))}
      </div>
    </section>
  );
}
