import type { LabelProps, LegendProps, TooltipProps } from 'recharts';
import { formatNumber, formatValue } from './format';

/**
 * Settings shared by LineSeriesChart and BarsChart.
 *
 * The legend has no fixed height: recharts measures the rendered legend (it wraps onto several lines when
 * there are many series) and moves the plot down by that much, so the legend never covers the plot.
 */
export const LEGEND_PROPS = {
  verticalAlign: 'top',
  align: 'center',
  iconSize: 10,
  wrapperStyle: { fontSize: 12, lineHeight: '16px', paddingBottom: 6 },
} as const satisfies LegendProps;

export const TOOLTIP_PROPS = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 13, padding: '4px 8px' },
  labelStyle: { fontWeight: 600, marginBottom: 2 },
  itemStyle: { padding: 0 },
  isAnimationActive: false,
} as const satisfies TooltipProps<number, string>;

/** Default chart height: more series mean a legend on more lines, so more room for it. */
export function chartHeight(seriesCount: number): number {
  return seriesCount > 4 ? 280 : 240;
}

type MarkerLabel = Omit<LabelProps, 'ref'>;

/** A halo in the surface colour keeps a label legible over lines and grid. */
const HALO = { stroke: 'var(--surface)', strokeWidth: 3, paintOrder: 'stroke', fontSize: 12 } as const;

/**
 * Where the labels of reference lines and a band go so that none overlaps another, even when the lines
 * coincide: marker labels at the top of their line, stacked one text line apart; the band's label at its
 * bottom. Labels right of the middle of the x extent grow leftwards from their line, the others rightwards,
 * so a line at the edge of the plot keeps its label inside the plot.
 */
export function markerLabels(
  markers: readonly { x: number; label: string; color: string }[],
  band: { x1: number; x2: number; label: string } | null,
  middle: number | null,
): { markers: MarkerLabel[]; band: MarkerLabel | null } {
  const toLeft = (x: number): boolean => middle !== null && x > middle;
  return {
    markers: markers.map((m, i) => ({
      ...HALO,
      value: m.label,
      position: toLeft(m.x) ? 'insideTopRight' : 'insideTopLeft',
      dy: i * 16,
      fill: m.color,
    })),
    band: band
      ? {
          ...HALO,
          value: band.label,
          position: toLeft(band.x2) ? 'insideBottomRight' : 'insideBottomLeft',
          fill: 'var(--text)',
        }
      : null,
  };
}

/**
 * The x value of the hovered row, read from the tooltip payload. recharts' own tooltip label comes from the
 * axis ticks, which on a number axis with explicit ticks is a tick value rather than the hovered point's x.
 */
export function hoveredX(label: unknown, payload: readonly { payload?: unknown }[] | undefined, xKey: string): unknown {
  const row: unknown = payload?.[0]?.payload;
  if (row !== null && typeof row === 'object' && xKey in row) {
    const x: unknown = (row as Record<string, unknown>)[xKey];
    if (typeof x === 'number' || typeof x === 'string') return x;
  }
  return label;
}

/**
 * The y axis both charts draw: ticks through `tickFormat` (default 4 significant digits), the optional label
 * turned along the axis. A function of props rather than a wrapper component, so recharts still finds its
 * own <YAxis> among the chart's children.
 */
export function yAxisProps(
  domain: [number | 'auto', number | 'auto'],
  label: string | undefined,
  tickFormat: ((v: number) => string) | undefined,
) {
  return {
    domain,
    stroke: 'var(--muted)',
    width: 56,
    tick: { fontSize: 12 },
    tickFormatter: tickFormat ?? ((v: number) => formatNumber(v)),
    ...(label ? { label: { value: label, angle: -90, position: 'insideLeft', fill: 'var(--muted)' } as const } : {}),
  };
}

/**
 * The tooltip's texts: values through `valueFormat` (default 4 significant digits with `unit`), the heading
 * from the hovered row's own x (see `hoveredX`) through the chart's `heading`.
 */
export function tooltipTexts({
  valueFormat,
  unit,
  heading,
  xKey,
}: {
  valueFormat: ((v: number) => string) | undefined;
  unit: string | undefined;
  heading: (x: unknown) => string;
  xKey: string;
}) {
  const format = valueFormat ?? ((v: number) => formatNumber(v, unit ? { unit } : {}));
  return {
    formatter: (v: unknown) => formatValue(v, format),
    labelFormatter: (label: unknown, payload: readonly { payload?: unknown }[] | undefined) =>
      heading(hoveredX(label, payload, xKey)),
  };
}
