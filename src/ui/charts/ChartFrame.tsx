import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import { useInView } from './use-in-view';

/**
 * A chart's figure: its caption (also its accessible name) and the plot, which mounts only once the figure
 * nears the viewport (see `useInView`); until then an empty box of the same height holds its place, so the
 * page does not jump when it appears.
 */
export function ChartFrame({ title, height, children }: { title: string; height: number; children: ReactElement }) {
  const { ref, inView } = useInView<HTMLElement>();
  return (
    <figure className="chart" aria-label={title} ref={ref}>
      <figcaption>{title}</figcaption>
      {inView ? (
        <ResponsiveContainer width="100%" height={height}>
          {children}
        </ResponsiveContainer>
      ) : (
        <div style={{ height }} />
      )}
    </figure>
  );
}
