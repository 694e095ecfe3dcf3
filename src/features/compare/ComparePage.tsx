import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

export function ComparePage() {
  return (
    <EmptyState title="Nothing to compare yet" action={<Link href="/training">Go to Training</Link>}>
      Once models are trained, this page compares them side by side with confidence intervals and baselines.
    </EmptyState>
  );
}
