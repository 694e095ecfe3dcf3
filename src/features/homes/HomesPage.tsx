import { EmptyState } from '../../ui/EmptyState';

export function HomesPage() {
  return (
    <EmptyState title="No homes yet">
      Whole homes (areas, devices, occupants and 90 days of events) will be synthesised here from templates or with your own
      OpenAI key. This part of the workbench is not built yet; datasets of device telemetry work today on the Datasets page.
    </EmptyState>
  );
}
