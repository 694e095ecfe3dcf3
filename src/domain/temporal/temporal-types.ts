import type { HomeProfile } from './homes';

/** One row per device (global, stable device order), typed-array columns. */
export interface DeviceColumns {
  deviceIndex: Uint32Array;
  homeIndex: Uint32Array;
  /** Index into HOME_TYPES. */
  homeType: Uint8Array;
  /** Index into DEVICE_TYPES. */
  deviceType: Uint8Array;
  batteryPowered: Uint8Array;
  outdoor: Uint8Array;
  /** Index into FAILURE_SCENARIOS, −1 for a healthy device. */
  scenario: Int8Array;
  /** Epoch ms; NaN for a healthy device. May precede the series start. */
  precursorStart: Float64Array;
  /** Epoch ms; NaN for a healthy device. */
  failureTime: Float64Array;
}

/** One row per sample (device × sample time), typed-array columns. */
export interface SampleColumns {
  deviceIndex: Uint32Array;
  /** Sample time t, epoch ms: a local midnight; the window covers the W local days before it. */
  time: Float64Array;
  /** Row-major n × FEATURE_NAMES.length. */
  features: Float32Array;
  /** 1 when the device fails in (t, t + H days]: ground truth, never a rule over the features. */
  label: Uint8Array;
  /** The original three-threshold rule on the window's last values. Leaks; a baseline only. */
  legacyLabel: Uint8Array;
}

/** Sample columns with the features column-major: one array per FEATURE_NAMES entry, n values each. */
export interface ColumnarSampleColumns extends Omit<SampleColumns, 'features'> {
  featureColumns: Float32Array[];
}

/** Whole homes, their devices and those devices' samples; chunks concatenated are the whole dataset. */
export interface TemporalChunk {
  homes: HomeProfile[];
  devices: DeviceColumns;
  samples: SampleColumns;
  /** Cumulative over the chunks so far. */
  progress: { homesDone: number; homesTotal: number; devicesDone: number; deviceSteps: number };
}

/** A chunk whose features are column-major (what a columnar file writer wants: no transposition). */
export interface ColumnarTemporalChunk extends Omit<TemporalChunk, 'samples'> {
  samples: ColumnarSampleColumns;
}
