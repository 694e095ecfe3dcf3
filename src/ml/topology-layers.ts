/*
 * Reading a stored Keras-style topology without TF.js (it is stored data, so read defensively): used by the
 * model summaries on the main thread and by model cards.
 */

/** Name of the frozen Dense layer that starts a network with piecewise-linear encoding (see dense-network.ts). */
export const PIECEWISE_LINEAR_ENCODING_LAYER = 'piecewise_linear_encoding';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function layersOf(topology: object): unknown[] {
  const config: unknown = 'config' in topology ? topology.config : undefined;
  const layers: unknown = isRecord(config) ? config.layers : undefined;
  return Array.isArray(layers) ? layers : [];
}

/** "Dense 32 relu", "Dropout 0.1", "ReLU": the layers of a topology, in order. */
export function layerNames(topology: object): string[] {
  return layersOf(topology).map((l: unknown) => {
    if (!isRecord(l)) return '?';
    const c = isRecord(l.config) ? l.config : {};
    const parts = [String(l.class_name ?? '?')];
    if (typeof c.units === 'number') parts.push(String(c.units));
    if (typeof c.activation === 'string') parts.push(c.activation);
    if (typeof c.rate === 'number') parts.push(String(c.rate));
    return parts.join(' ');
  });
}

/** Encoded columns of the piecewise-linear encoding that starts the network; null when it has none. */
export function piecewiseLinearEncodingWidth(topology: object): number | null {
  for (const l of layersOf(topology)) {
    if (!isRecord(l) || !isRecord(l.config)) continue;
    const name = l.config.name;
    if (typeof name === 'string' && name.startsWith(PIECEWISE_LINEAR_ENCODING_LAYER)) {
      return typeof l.config.units === 'number' ? l.config.units : 0;
    }
  }
  return null;
}
