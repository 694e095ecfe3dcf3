/** Pieces both DataTable bodies draw: the fixed row height their scrolling assumes, spacer rows and sort marks. */

export const ROW_HEIGHT = 30;

/** An empty row standing in for the rows scrolled out of view (virtualised and windowed tables alike). */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}

/** ▲ / ▼ after a sorted column's header (its `aria-sort` says the same to assistive technology). */
export function SortMark({ direction }: { direction: unknown }) {
  return <span aria-hidden="true">{direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}</span>;
}
