import { homeSourceLabel } from '../../domain/homes/home-source-labels';
import type { HomeRecord } from '../../storage/records';
import { useHomeCalls } from '../../state/use-service-calls';
import { useWorkbench } from '../../state/use-workbench';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { useExport } from './use-export';

const label = (s: string): string => s.replace(/_/g, ' ');

/** Every stored home with what it is made of, its provenance and cost, and per-home actions. */
export function HomesList({ homes, busy }: { homes: readonly HomeRecord[]; busy: boolean }) {
  const {
    exportHome,
    exportAllHomes: exportAll,
    exportHomesSummary: exportSummary,
    exportHomeEventsParquet: exportEvents,
  } = useHomeCalls();
  const deleteHome = useWorkbench((s) => s.deleteHomeById);
  const deleteAll = useWorkbench((s) => s.deleteAllHomes);
  const ex = useExport();

  if (homes.length === 0) {
    return (
      <EmptyState title="No homes yet">
        Make some above: template homes need no key and work offline; LLM homes use your OpenAI key. Each home gets its
        areas, devices, household and days of events.
      </EmptyState>
    );
  }
  const events = homes.reduce((s, h) => s + h.eventCount, 0);
  return (
    <>
      <div className="actions">
        <button type="button" disabled={ex.busy !== null} onClick={() => ex.run('all', exportAll)}>
          {ex.busy === 'all' ? 'Packing…' : 'Export all homes (.zip)'}
        </button>
        <button type="button" disabled={ex.busy !== null} onClick={() => ex.run('summary', exportSummary)}>
          Download summary.json
        </button>
        <button type="button" disabled={ex.busy !== null} onClick={() => ex.run('events', exportEvents)}>
          {ex.busy === 'events' ? 'Writing…' : 'Export all events (Parquet)'}
        </button>
        <ConfirmButton
          label="Delete all homes"
          title="Delete all homes?"
          confirmLabel="Delete all"
          disabled={busy}
          onConfirm={deleteAll}
        >
          All {homes.length} homes and their {events.toLocaleString('en-US')} events are removed from this browser. This
          cannot be undone.
        </ConfirmButton>
      </div>
      {ex.error ? (
        <p className="error-text" role="alert">
          {ex.error}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="list-table" aria-label="Homes">
          <thead>
            <tr>
              <th scope="col">Home</th>
              <th scope="col">Type</th>
              <th scope="col">Size</th>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Devices
              </th>
              <th scope="col" className="num">
                Areas
              </th>
              <th scope="col" className="num">
                Events
              </th>
              <th scope="col" className="num">
                Tokens
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {homes.map((h) => (
              <tr key={h.id}>
                <th scope="row">
                  <Link href={`/homes?home=${encodeURIComponent(h.id)}`}>{h.id}</Link>
                  <br />
                  <small className="muted">{h.name}</small>
                </th>
                <td>{label(h.home_type)}</td>
                <td>{label(h.size_category)}</td>
                <td>{homeSourceLabel(h)}</td>
                <td className="num">{h.devices.length}</td>
                <td className="num">{h.areas.length}</td>
                <td className="num">{h.eventCount.toLocaleString('en-US')}</td>
                <td className="num">
                  {h.llm ? (h.llm.input_tokens + h.llm.output_tokens).toLocaleString('en-US') : '—'}
                </td>
                <td className="num">{h.costUsd === null ? '—' : `$${h.costUsd.toFixed(4)}`}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      className="small"
                      disabled={ex.busy !== null}
                      onClick={() => ex.run(h.id, () => exportHome(h.id))}
                    >
                      Export {h.id}
                    </button>
                    <ConfirmButton
                      className="danger small"
                      label={`Delete ${h.id}`}
                      title={`Delete ${h.id}?`}
                      confirmLabel="Delete"
                      onConfirm={() => deleteHome(h.id)}
                    >
                      {h.name} and its {h.eventCount.toLocaleString('en-US')} events are removed from this browser.
                    </ConfirmButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
