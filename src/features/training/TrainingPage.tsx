import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

export function TrainingPage() {
  return (
    <EmptyState title="No training runs yet" action={<Link href="/datasets">Go to Datasets</Link>}>
      Training of failure predictors in the browser is not built yet. Generate a dataset first; runs will be listed here.
    </EmptyState>
  );
}
