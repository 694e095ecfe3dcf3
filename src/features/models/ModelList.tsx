import { formatBytes } from '../../ui/format-bytes';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { Link } from '../../ui/Link';
import type { ModelSummary } from '../../workers/models.api';
import {
  modelFamilyLabel,
  featureSetLabel,
  fmt,
  fmtThreshold,
  manifestSummary,
  slotLabel,
  thresholdRuleText,
} from './model-format';

/** Every stored model, newest first; the selected one is marked, each row links to its details. */
export function ModelList({
  models,
  selectedId,
  onDelete,
}: {
  models: ModelSummary[];
  selectedId: string | null;
  onDelete: (id: string) => Promise<void>;
}) {
  return (
    <div
      className="table-scroll"
      style={{ maxHeight: 360 }}
      role="region"
      aria-label="Stored models (scrollable)"
      tabIndex={0}
    >
      <table className="list-table" aria-label="Stored models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Slot</th>
            <th scope="col">Family</th>
            <th scope="col">Version</th>
            <th scope="col">Trained</th>
            <th scope="col">Dataset</th>
            <th scope="col">Inputs</th>
            <th scope="col" className="num">
              F1
            </th>
            <th scope="col" className="num">
              ROC-AUC
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col">Backend</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr
              key={m.id}
              aria-current={m.id === selectedId ? 'true' : undefined}
              style={m.id === selectedId ? { fontWeight: 600 } : undefined}
            >
              <td>
                <Link href={`/models?model=${encodeURIComponent(m.id)}`}>{m.name}</Link>
                {m.imported ? <span className="badge">imported</span> : null}
              </td>
              <td>{slotLabel(m.slot)}</td>
              <td>{modelFamilyLabel(m)}</td>
              <td>{m.version}</td>
              <td>{new Date(m.createdAt).toLocaleString()}</td>
              <td>{manifestSummary(m)}</td>
              <td>{featureSetLabel(m)}</td>
              <td className="num">{fmt(m.metrics.f1.estimate)}</td>
              <td className="num">{fmt(m.metrics.rocAuc.estimate)}</td>
              <td className="num" title={thresholdRuleText(m)}>
                {fmtThreshold(m.threshold)}
              </td>
              <td>{m.backend}</td>
              <td className="num">{formatBytes(m.sizeBytes)}</td>
              <td>
                <ConfirmButton
                  label={`Delete model ${m.name} (${modelFamilyLabel(m).toLowerCase()}) v${m.version}`}
                  title={`Delete model "${m.name}" (${modelFamilyLabel(m).toLowerCase()}) v${m.version}?`}
                  confirmLabel="Delete model"
                  className="danger small"
                  onConfirm={() => onDelete(m.id)}
                >
                  The model is removed from this browser; export it first if you need it. Its training run stays.
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
