import { OpenAiSettings } from './OpenAiSettings';
import { StoragePanel } from './StoragePanel';

export function SettingsPage() {
  return (
    <div className="page-stack">
      <OpenAiSettings />
      <StoragePanel />
    </div>
  );
}
