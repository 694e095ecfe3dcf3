import { describe, expect, it } from 'vitest';
import { chartHeight, hoveredX, markerLabels, tooltipTexts, yAxisProps } from './chart-parts';

describe('markerLabels', () => {
  it('keeps a marker label and a band label apart even when their lines coincide', () => {
    const failure = { x: 100, label: 'failure', color: '#D55E00' };
    for (const x1 of [20, 99, 100]) {
      const { markers, band } = markerLabels([failure], { x1, x2: 100, label: 'precursor' }, 50);
      expect(markers[0]?.position).toBe('insideTopRight');
      expect(band?.position).toBe('insideBottomRight');
    }
  });

  it('stacks several markers and turns labels inwards at the left of the plot', () => {
    const { markers, band } = markerLabels(
      [
        { x: 10, label: 'a', color: 'red' },
        { x: 10, label: 'b', color: 'blue' },
      ],
      { x1: 0, x2: 10, label: 'band' },
      50,
    );
    expect(markers.map((m) => m.position)).toEqual(['insideTopLeft', 'insideTopLeft']);
    expect(markers.map((m) => m.dy)).toEqual([0, 16]);
    expect(band?.position).toBe('insideBottomLeft');
    expect(markerLabels([], null, null)).toEqual({ markers: [], band: null });
  });
});

describe('hoveredX and chartHeight', () => {
  it('reads the hovered row’s x, falling back to the label', () => {
    expect(hoveredX(1_700_000_000_000, [{ payload: { t: 1_700_000_123_456, v: 0.5 } }], 't')).toBe(1_700_000_123_456);
    expect(hoveredX('Mon', [{ payload: { weekday: 'Tue' } }], 'weekday')).toBe('Tue');
    expect(hoveredX('Mon', [], 'weekday')).toBe('Mon');
    expect(hoveredX('Mon', undefined, 'weekday')).toBe('Mon');
  });

  it('gives charts with many series more room for their legend', () => {
    expect(chartHeight(1)).toBe(240);
    expect(chartHeight(8)).toBe(280);
  });
});

describe('yAxisProps and tooltipTexts', () => {
  it('formats y ticks with 4 significant digits unless told otherwise, and labels the axis only when asked', () => {
    const plain = yAxisProps([0, 'auto'], undefined, undefined);
    expect(plain.domain).toEqual([0, 'auto']);
    expect(plain.tickFormatter(1234.5678)).toBe('1,235');
    expect('label' in plain).toBe(false);
    const custom = yAxisProps(['auto', 'auto'], 'Rate', (v) => `${v}/s`);
    expect(custom.tickFormatter(2)).toBe('2/s');
    expect(custom.label).toEqual({ value: 'Rate', angle: -90, position: 'insideLeft', fill: 'var(--muted)' });
  });

  it('formats tooltip values with the unit or the given format, and heads them with the hovered row’s x', () => {
    const heading = (x: unknown): string => `at ${String(x)}`;
    const withUnit = tooltipTexts({ valueFormat: undefined, unit: 'ms', heading, xKey: 'hour' });
    expect(withUnit.formatter(0.123456)).toBe('0.1235 ms');
    expect(withUnit.formatter([1, 2])).toBe('1 ms – 2 ms');
    expect(withUnit.labelFormatter(0, [{ payload: { hour: 7 } }])).toBe('at 7');
    expect(withUnit.labelFormatter('tick', undefined)).toBe('at tick');
    const percent = tooltipTexts({ valueFormat: (v) => `${v * 100} %`, unit: 'ms', heading, xKey: 'hour' });
    expect(percent.formatter(0.5)).toBe('50 %');
  });
});
