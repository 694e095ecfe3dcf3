import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

export function ModelsPage() {
  return (
    <EmptyState title="No models yet" action={<Link href="/training">Go to Training</Link>}>
      Trained models appear here with their version, metrics and health, ready to export as TF.js model JSON.
    </EmptyState>
  );
}
