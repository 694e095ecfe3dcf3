/**
 * The app's route table: which page a URL path shows. It belongs to the composition root (src/app); the
 * History-API plumbing in src/ui/router.ts stays generic so features and links can navigate without it.
 */
export type Route =
  | { page: 'datasets'; datasetId: string | null }
  | { page: 'homes' }
  | { page: 'training' }
  | { page: 'compare' }
  | { page: 'models' }
  | { page: 'settings' }
  | { page: 'not-found'; path: string };

export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  const [head, id] = parts;
  switch (head) {
    case undefined:
    case 'datasets':
      return { page: 'datasets', datasetId: id ? decodeURIComponent(id) : null };
    case 'homes':
    case 'training':
    case 'compare':
    case 'models':
    case 'settings':
      return { page: head };
    default:
      return { page: 'not-found', path };
  }
}
