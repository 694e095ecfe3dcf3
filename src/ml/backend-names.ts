/** Backend names, free of TF.js so the UI can list them without loading TensorFlow. */
export const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
