import { useId, useState } from 'react';
import { DEVICE_TYPES, METRICS, type Metric } from '../../domain/device-types';
import type { DatasetProfiles } from '../../domain/explore/profiles';
import type { LabelHistogram } from '../../domain/explore/label-histogram';
import { HOME_TYPES } from '../../domain/home-types';
import { FEATURE_NAMES } from '../../domain/temporal/window-features';
import { useDatasetCalls } from '../../state/use-service-calls';
import type { DatasetRecord } from '../../storage/records';
import type { DeviceSeries } from '../../workers/generator.api';
import { BarsChart } from '../../ui/charts/BarsChart';
import { LineSeriesChart, type Series } from '../../ui/charts/LineSeriesChart';
import { formatDate, formatNumber, formatPercent } from '../../ui/charts/format';
import { color } from '../../ui/charts/palette';
import { useAsync } from '../../ui/use-async';
import { ErrorAlert } from '../../ui/common/ErrorAlert';

const MAX_POINTS = 1500;

/** Units of the metrics where the generator fixes them (the rest are unitless rates, counts or fractions). */
const METRIC_UNITS: Partial<Record<Metric, string>> = {
  response_time: 'ms',
  battery_level: '%',
  signal_strength: 'dBm',
  temperature: '°C',
  humidity: '%',
  uptime_hours: 'h',
};

/** The dataset's IANA time zone (its series, hours and weekdays are local to it); UTC when the spec has none. */
function timeZoneOf(dataset: DatasetRecord): string {
  const tz = dataset.spec.timeZone;
  return typeof tz === 'string' && tz !== '' ? tz : 'UTC';
}

function MetricSelect({ id, value, onChange }: { id: string; value: Metric; onChange: (m: Metric) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Metric</label>
      <select id={id} value={value} onChange={(e) => onChange(METRICS.find((m) => m === e.target.value) ?? value)}>
        {METRICS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </div>
  );
}

function unitProp(metric: Metric): { yUnit?: string } {
  const unit = METRIC_UNITS[metric];
  return unit ? { yUnit: unit } : {};
}

const hourLabel = (h: string | number): string =>
  `${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59 local`;

function DeviceSeriesView({ dataset }: { dataset: DatasetRecord }) {
  const uid = useId();
  const { deviceSeries, failingDevices } = useDatasetCalls();
  const devices = dataset.summary?.devices ?? 1;
  const [device, setDevice] = useState(0);
  const [metric, setMetric] = useState<Metric>('error_rate');
  const failing = useAsync(() => failingDevices(dataset.id, 50), `${dataset.id}`);
  const series = useAsync<DeviceSeries>(
    () => deviceSeries(dataset.id, device, metric, MAX_POINTS),
    `${dataset.id}/${device}/${metric}`,
  );
  const s = series.value;
  const timeZone = timeZoneOf(dataset);
  const data = s ? Array.from(s.time, (t, i) => ({ t, v: s.values[i] ?? null })) : [];
  const truth = s?.truth;
  const markers =
    truth && Number.isFinite(truth.failureTime) ? [{ x: truth.failureTime, label: 'failure', color: '#D55E00' }] : [];
  const band =
    truth && Number.isFinite(truth.precursorStart) && Number.isFinite(truth.failureTime)
      ? {
          x1: Math.max(truth.precursorStart, s?.time[0] ?? truth.precursorStart),
          x2: truth.failureTime,
          label: 'precursor',
          color: '#E69F00',
        }
      : null;
  return (
    <section className="panel" aria-labelledby={`${uid}-t`}>
      <h3 id={`${uid}-t`}>A device’s raw series</h3>
      <p className="muted">
        Regenerated exactly from the seed and device number (raw steps are never stored), then downsampled with LTTB for
        drawing.
      </p>
      <div className="actions">
        <div className="field">
          <label htmlFor={`${uid}-d`}>Device number (0–{devices - 1})</label>
          <input
            id={`${uid}-d`}
            type="number"
            min={0}
            max={devices - 1}
            value={device}
            onChange={(e) => setDevice(Math.max(0, Math.min(devices - 1, Math.floor(Number(e.target.value) || 0))))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-f`}>Or a failing device</label>
          <select id={`${uid}-f`} value="" onChange={(e) => e.target.value && setDevice(Number(e.target.value))}>
            <option value="">Choose…</option>
            {(failing.value ?? []).map((f) => (
              <option key={f.index} value={f.index}>
                #{f.index} — {f.scenario.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <MetricSelect id={`${uid}-m`} value={metric} onChange={setMetric} />
      </div>
      <ErrorAlert error={series.error} />
      {s ? (
        <>
          <p>
            {`synthetic_device_${String(s.deviceIndex + 1).padStart(4, '0')}`} (#{s.deviceIndex}):{' '}
            {s.deviceType.replace(/_/g, ' ')} in home {s.homeIndex} ({s.homeType.replace(/_/g, ' ')}) ·{' '}
            {truth?.scenario
              ? `fails (${truth.scenario.replace(/_/g, ' ')}) on ${formatDate(truth.failureTime, timeZone)}`
              : 'healthy'}{' '}
            · {s.rawSteps.toLocaleString('en-US')} steps drawn as {s.time.length.toLocaleString('en-US')} points
          </p>
          <LineSeriesChart
            title={`${metric} of device #${s.deviceIndex}`}
            data={data}
            xKey="t"
            timeAxis={{ timeZone }}
            {...unitProp(metric)}
            series={[{ key: 'v', label: metric, color: '#0072B2' }]}
            markers={markers}
            band={band}
            height={280}
          />
        </>
      ) : (
        <p role="status">Regenerating the series…</p>
      )}
    </section>
  );
}

/** The groupings the profiles come in (the suffix of their fields) and what a series stands for in titles. */
const GROUPINGS = { DeviceType: 'device type', HomeType: 'home type' } as const;

/** A metric's daily and weekly profiles for one grouping of the devices: by local hour, then by weekday. */
function HourAndWeekday({
  metric,
  profiles,
  by,
  series,
}: {
  metric: Metric;
  profiles: DatasetProfiles;
  by: keyof typeof GROUPINGS;
  series: readonly Series[];
}) {
  return (
    <>
      <LineSeriesChart
        title={`${metric} by local hour, per ${GROUPINGS[by]}`}
        data={profiles[`hourBy${by}`] as Record<string, number | null>[]}
        xKey="hour"
        xType="category"
        series={series}
        tooltipLabel={hourLabel}
        {...unitProp(metric)}
      />
      <BarsChart
        title={`${metric} by weekday, per ${GROUPINGS[by]}`}
        data={profiles[`weekdayBy${by}`]}
        xKey="weekday"
        series={series}
        yDomain={['auto', 'auto']}
        {...unitProp(metric)}
      />
    </>
  );
}

function ProfilesView({ dataset }: { dataset: DatasetRecord }) {
  const uid = useId();
  const { profiles } = useDatasetCalls();
  const [metric, setMetric] = useState<Metric>('usage_frequency');
  const p = useAsync<DatasetProfiles>(() => profiles(dataset.id, metric), `${dataset.id}/${metric}`);
  const dev = DEVICE_TYPES.map((t, i) => ({ key: t, label: t.replace(/_/g, ' '), color: color(i) }));
  const homes = HOME_TYPES.map((t, i) => ({ key: t, label: t.replace(/_/g, ' '), color: color(i) }));
  return (
    <section className="panel" aria-labelledby={`${uid}-t`}>
      <h3 id={`${uid}-t`}>Daily, weekly and seasonal structure</h3>
      <MetricSelect id={`${uid}-m`} value={metric} onChange={setMetric} />
      <ErrorAlert error={p.error} />
      {p.value ? (
        <>
          <p className="muted">Means over {p.value.devicesUsed} devices spread over the dataset, at local time.</p>
          <div className="chart-grid">
            <HourAndWeekday metric={metric} profiles={p.value} by="DeviceType" series={dev} />
            <HourAndWeekday metric={metric} profiles={p.value} by="HomeType" series={homes} />
            <LineSeriesChart
              title={`${metric} by month (seasonal profile)`}
              data={p.value.monthly as Record<string, number | null>[]}
              xKey="month"
              xType="category"
              series={[...homes, { key: 'all', label: 'all homes', color: 'var(--text)', dashed: true }]}
              {...unitProp(metric)}
            />
          </div>
        </>
      ) : (
        <p role="status">Computing profiles…</p>
      )}
    </section>
  );
}

function DistributionView({ dataset }: { dataset: DatasetRecord }) {
  const uid = useId();
  const { featureHistogram: histogram } = useDatasetCalls();
  const [feature, setFeature] = useState(Math.max(0, FEATURE_NAMES.indexOf('error_rate_mean')));
  const h = useAsync<LabelHistogram>(() => histogram(dataset.id, feature), `${dataset.id}/${feature}`);
  const edges = h.value?.edges ?? [];
  const data = h.value
    ? h.value.negative.map((n, i) => ({
        bin: formatNumber(edges[i] ?? 0, { digits: 3 }),
        healthy: n,
        failing: h.value?.positive[i] ?? 0,
      }))
    : [];
  // The tooltip names the bin's range; the end bins also hold the outliers beyond the 0.5th–99.5th percentiles.
  const upper = (i: number): string => formatNumber(edges[i + 1] ?? Number.NaN, { digits: 3 });
  const ranges = new Map(
    data.map((d, i) => [
      d.bin,
      i === 0 ? `below ${upper(i)}` : i === data.length - 1 ? `${d.bin} and above` : `${d.bin} – ${upper(i)}`,
    ]),
  );
  return (
    <section className="panel" aria-labelledby={`${uid}-t`}>
      <h3 id={`${uid}-t`}>Distributions by label</h3>
      <div className="field">
        <label htmlFor={`${uid}-f`}>Feature</label>
        <select id={`${uid}-f`} value={feature} onChange={(e) => setFeature(Number(e.target.value))}>
          {FEATURE_NAMES.map((f, i) => (
            <option key={f} value={i}>
              {f}
            </option>
          ))}
        </select>
      </div>
      {h.value ? (
        <BarsChart
          title={`${FEATURE_NAMES[feature] ?? ''}: share of samples per bin (${h.value.negatives.toLocaleString('en-US')} negative, ${h.value.positives.toLocaleString('en-US')} positive)`}
          data={data}
          xKey="bin"
          series={[
            { key: 'healthy', label: 'label 0 (no failure within H)', color: '#0072B2' },
            { key: 'failing', label: 'label 1 (fails within H)', color: '#D55E00' },
          ]}
          valueFormat={(v) => formatPercent(v)}
          yTickFormat={(v) => formatPercent(v, 2)}
          tooltipLabel={(b) => ranges.get(String(b)) ?? String(b)}
        />
      ) : (
        <p role="status">Counting…</p>
      )}
    </section>
  );
}

/** Charts of a temporal dataset: raw series with the failure marked, profiles at local time, distributions by label. */
export function TemporalExplorer({ dataset }: { dataset: DatasetRecord }) {
  return (
    <div className="page-stack">
      <DeviceSeriesView dataset={dataset} />
      <ProfilesView dataset={dataset} />
      <DistributionView dataset={dataset} />
    </div>
  );
}
