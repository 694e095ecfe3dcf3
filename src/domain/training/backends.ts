/** Backend names, free of TF.js so the UI can list them without loading TensorFlow. */
export const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Which TF.js backend a run asked for and which one really runs. */
export interface BackendChoice {
  requested: BackendName;
  active: string;
  /** Why the active backend differs from the requested one, if it does. */
  note: string | null;
}
