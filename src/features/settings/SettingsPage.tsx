import { StoragePanel } from './StoragePanel';

export function SettingsPage() {
  return (
    <div className="page-stack">
      <StoragePanel />
    </div>
  );
}
