import type { CSSProperties, ReactNode } from 'react';

/** A list of named facts (`dl.params`): each term with its value. Terms must be unique: they key the rows. */
export function KeyValueList({
  items,
  valueStyle,
}: {
  items: readonly (readonly [term: string, value: ReactNode])[];
  valueStyle?: CSSProperties;
}) {
  return (
    <dl className="params">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd style={valueStyle}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
