import { useEffect, useMemo, useState } from 'react';
import { DEVICE_DOMAINS } from '../../domain/homes/home-schema';
import { homeSourceLabel } from '../../domain/homes/home-source-labels';
import type { HomeRecord } from '../../storage/records';
import { useHomeCalls } from '../../state/use-service-calls';
import { useWorkbench } from '../../state/use-workbench';
import { BarsChart } from '../../ui/charts/BarsChart';
import { LineSeriesChart } from '../../ui/charts/LineSeriesChart';
import { color } from '../../ui/charts/palette';
import { KeyValueList } from '../../ui/common/KeyValueList';
import { numeric, TableHead } from '../../ui/common/TableHead';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/router';
import { ClassifyHome } from './ClassifyHome';
import { ActivityHeatmap } from './ActivityHeatmap';
import { useFileExport } from '../../state/use-file-export';
import { downloadBlob } from '../../ui/download';
import { ExportStatus } from '../../ui/ExportStatus';

const label = (s: string): string => s.replace(/_/g, ' ');

const DEVICE_COLUMNS: DataColumn[] = [
  { id: 'entity_id', header: 'Entity id' },
  { id: 'name', header: 'Name' },
  { id: 'domain', header: 'Domain' },
  { id: 'device_class', header: 'Class' },
  { id: 'category', header: 'Category' },
  { id: 'area', header: 'Area' },
  { id: 'power', header: 'Power' },
  {
    id: 'events',
    header: 'Events',
    numeric: true,
    format: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : ''),
  },
];

function Facts({ home }: { home: HomeRecord }) {
  const facts: [string, string][] = [
    ['Id', home.id],
    ['Type', label(home.home_type)],
    ['Size', label(home.size_category)],
    ['Source', homeSourceLabel(home)],
  ];
  if (home.llm) {
    const cost = home.costUsd !== null ? ` (≈ $${home.costUsd.toFixed(4)})` : '';
    facts.push([
      'Tokens',
      `${home.llm.input_tokens.toLocaleString('en-US')} in, ${home.llm.output_tokens.toLocaleString('en-US')} out${cost}`,
    ]);
    facts.push(['Request id', home.llm.request_id ?? '—']);
  }
  facts.push(
    ['Events', `${home.eventCount.toLocaleString('en-US')} over ${home.days} days from ${home.startDate}`],
    ['Time zone', home.timeZone],
    ['Seed', String(home.seed)],
  );
  // Ids and request ids are long unbroken strings: let them wrap anywhere rather than widen the page.
  return <KeyValueList items={facts} valueStyle={{ overflowWrap: 'anywhere' }} />;
}

function Household({ home }: { home: HomeRecord }) {
  const day = (s: HomeRecord['occupants'][number]['weekday']): string =>
    `up ${s.wake}${s.leave ? `, out ${s.leave}–${s.return ?? '?'}` : ', home all day'}, bed ${s.sleep}`;
  return (
    <table className="list-table" aria-label="Occupants">
      <caption>Occupants</caption>
      <TableHead columns={['Name', 'Role', 'Weekdays', 'Weekends']} />
      <tbody>
        {home.occupants.map((o) => (
          <tr key={o.name}>
            <th scope="row">{o.name}</th>
            <td>
              {o.role}
              {o.works_from_home ? ', works from home' : ''}
            </td>
            <td>{day(o.weekday)}</td>
            <td>{day(o.weekend)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Areas({ home }: { home: HomeRecord }) {
  const devicesIn = (area: string): number => home.devices.filter((d) => d.area === area).length;
  return (
    <table className="list-table" aria-label="Areas">
      <caption>Areas</caption>
      <TableHead columns={['Area', 'Indoor / outdoor', numeric('Floor'), numeric('Devices')]} />
      <tbody>
        {home.areas.map((a) => (
          <tr key={a.name}>
            <th scope="row">{a.name}</th>
            <td>{a.type}</td>
            <td className="num">{a.floor}</td>
            <td className="num">{devicesIn(a.name)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One home: what it is, who lives there, its areas and devices, and when its events happen. */
export function HomeDetail({ homeId }: { homeId: string }) {
  const { homeView: loadView, exportHome, exportHomeHistory } = useHomeCalls();
  const deleteHome = useWorkbench((s) => s.deleteHomeById);
  const [view, setView] = useState<Awaited<ReturnType<typeof loadView>> | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const ex = useFileExport((f) => downloadBlob(f.blob, f.fileName));

  useEffect(() => {
    let live = true;
    loadView(homeId)
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [homeId, loadView]);

  const deviceRows = useMemo<TableRow[]>(
    () =>
      view
        ? view.home.devices.map((d, i) => ({
            entity_id: d.entity_id,
            name: d.name,
            domain: d.domain,
            device_class: d.device_class,
            category: d.category,
            area: d.area,
            power: d.power,
            events: view.perDevice[i] ?? 0,
          }))
        : [],
    [view],
  );
  // The last night runs past midnight into the day after the period; that stub of a day is not shown.
  const perDay = useMemo(
    () => (view ? Array.from(view.perDay.counts.subarray(0, view.home.days), (c, i) => ({ day: i, events: c })) : []),
    [view],
  );
  const byDomain = useMemo(
    () =>
      view
        ? DEVICE_DOMAINS.filter((d) => view.byDomain[d] > 0).map((d) => ({
            domain: label(d),
            events: view.byDomain[d],
          }))
        : [],
    [view],
  );

  const back = <Link href="/homes">Back to all homes</Link>;
  if (error) {
    return (
      <EmptyState title="This home could not be read" action={back}>
        {error}
      </EmptyState>
    );
  }
  if (view === undefined) return <p role="status">Loading the home…</p>;
  if (view === null) {
    return (
      <EmptyState title="Home not found" action={back}>
        It may have been deleted.
      </EmptyState>
    );
  }
  const { home } = view;
  const dates = view.perDay.dates;
  return (
    <div className="page-stack">
      <p>{back}</p>
      <section className="panel" aria-labelledby="home-title">
        <h2 id="home-title">{home.name}</h2>
        <p>{home.description}</p>
        <Facts home={home} />
        <div className="actions">
          {(
            [
              { label: `Export ${home.id}.json`, primary: true, make: () => exportHome(home.id) },
              { label: 'Export HA history (CSV)', primary: false, make: () => exportHomeHistory(home.id, 'csv') },
              {
                label: 'Export HA events (JSON)',
                primary: false,
                make: () => exportHomeHistory(home.id, 'events-json'),
              },
            ] as const
          ).map((x) => (
            <button
              key={x.label}
              type="button"
              className={x.primary ? 'primary' : undefined}
              disabled={ex.running !== null}
              onClick={() => ex.start(x.label, () => ({ file: x.make() }))}
            >
              {ex.running?.label === x.label ? 'Exporting…' : x.label}
            </button>
          ))}
          <ConfirmButton
            label="Delete this home"
            title={`Delete ${home.id}?`}
            confirmLabel="Delete"
            onConfirm={async () => {
              await deleteHome(home.id);
              navigate('/homes');
            }}
          >
            {home.name} and its {home.eventCount.toLocaleString('en-US')} events are removed from this browser.
          </ConfirmButton>
        </div>
        <ExportStatus running={ex.running} notice={ex.notice} error={ex.error} />
        <ClassifyHome homeId={home.id} />
      </section>
      <section className="panel" aria-labelledby="home-activity-title">
        <h2 id="home-activity-title">Activity</h2>
        <LineSeriesChart
          title="Events per day"
          data={perDay}
          xKey="day"
          series={[{ key: 'events', label: 'events', color: color(0) }]}
          xFormat={(v) => dates[v] ?? String(v)}
          xDomain={[0, Math.max(0, perDay.length - 1)]}
          yDomain={[0, 'auto']}
        />
        <ActivityHeatmap counts={view.heatmap} title={`Events by local hour and weekday (${home.timeZone})`} />
        <BarsChart
          title="Events per device domain"
          data={byDomain}
          xKey="domain"
          series={[{ key: 'events', label: 'events', color: color(2) }]}
        />
      </section>
      <section className="panel" aria-label="Household and areas">
        <div className="table-scroll">
          <Household home={home} />
        </div>
        <div className="table-scroll">
          <Areas home={home} />
        </div>
      </section>
      <section className="panel" aria-labelledby="home-devices-title">
        <h2 id="home-devices-title">Devices ({home.devices.length})</h2>
        <DataTable label="Devices" columns={DEVICE_COLUMNS} rows={deviceRows} height={360} />
      </section>
    </div>
  );
}
