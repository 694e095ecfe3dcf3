/**
 * Byte sizes for display. Only screens show sizes, so this lives with the presentational pieces rather than in
 * the domain's job-timing module where it used to sit.
 */

/** Bytes in the units people read: "512 B", "3.4 KB", "12.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i] ?? 'TB'}`;
}
