/** The 8 latent device types of the original generator, with its base weights (§1.3, sum 100). */
export const DEVICE_TYPES = [
  'sensor',
  'switch',
  'light',
  'climate',
  'security',
  'battery_powered',
  'media',
  'vacuum',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_TYPE_WEIGHTS: Readonly<Record<DeviceType, number>> = {
  sensor: 30,
  switch: 20,
  light: 15,
  climate: 10,
  security: 10,
  battery_powered: 8,
  media: 5,
  vacuum: 2,
};

/** The 11 telemetry metrics, in the original feature order (§3). */
export const METRICS = [
  'response_time',
  'error_rate',
  'battery_level',
  'signal_strength',
  'usage_frequency',
  'temperature',
  'humidity',
  'uptime_hours',
  'restart_count',
  'connection_drops',
  'data_transfer_rate',
] as const;
export type Metric = (typeof METRICS)[number];

export type Range = readonly [number, number];

/** `DEVICE_CHARACTERISTICS` of the original generator (§1.4), in METRICS order. */
export const DEVICE_CHARACTERISTICS: Readonly<Record<DeviceType, Readonly<Record<Metric, Range>>>> = {
  sensor: {
    response_time: [50, 200],
    error_rate: [0, 0.05],
    battery_level: [20, 100],
    signal_strength: [-70, -40],
    usage_frequency: [0.3, 0.8],
    temperature: [18, 28],
    humidity: [30, 70],
    uptime_hours: [100, 2000],
    restart_count: [0, 5],
    connection_drops: [0, 2],
    data_transfer_rate: [100, 500],
  },
  switch: {
    response_time: [100, 300],
    error_rate: [0, 0.03],
    battery_level: [100, 100],
    signal_strength: [-65, -35],
    usage_frequency: [0.2, 0.6],
    temperature: [20, 26],
    humidity: [40, 60],
    uptime_hours: [500, 3000],
    restart_count: [0, 3],
    connection_drops: [0, 1],
    data_transfer_rate: [200, 800],
  },
  light: {
    response_time: [150, 400],
    error_rate: [0, 0.05],
    battery_level: [100, 100],
    signal_strength: [-70, -40],
    usage_frequency: [0.4, 0.9],
    temperature: [22, 28],
    humidity: [30, 60],
    uptime_hours: [300, 2500],
    restart_count: [0, 5],
    connection_drops: [0, 3],
    data_transfer_rate: [150, 600],
  },
  climate: {
    response_time: [200, 500],
    error_rate: [0, 0.08],
    battery_level: [100, 100],
    signal_strength: [-65, -35],
    usage_frequency: [0.5, 0.95],
    temperature: [18, 25],
    humidity: [30, 60],
    uptime_hours: [1000, 5000],
    restart_count: [0, 2],
    connection_drops: [0, 1],
    data_transfer_rate: [300, 1000],
  },
  security: {
    response_time: [80, 250],
    error_rate: [0, 0.1],
    battery_level: [30, 100],
    signal_strength: [-75, -45],
    usage_frequency: [0.1, 0.5],
    temperature: [15, 30],
    humidity: [20, 80],
    uptime_hours: [200, 1800],
    restart_count: [0, 8],
    connection_drops: [0, 5],
    data_transfer_rate: [50, 300],
  },
  battery_powered: {
    response_time: [100, 300],
    error_rate: [0, 0.06],
    battery_level: [10, 100],
    signal_strength: [-80, -50],
    usage_frequency: [0.2, 0.7],
    temperature: [18, 28],
    humidity: [30, 70],
    uptime_hours: [50, 1000],
    restart_count: [0, 10],
    connection_drops: [0, 4],
    data_transfer_rate: [100, 400],
  },
  media: {
    response_time: [200, 600],
    error_rate: [0, 0.05],
    battery_level: [100, 100],
    signal_strength: [-60, -30],
    usage_frequency: [0.3, 0.8],
    temperature: [22, 30],
    humidity: [30, 60],
    uptime_hours: [400, 2000],
    restart_count: [0, 6],
    connection_drops: [0, 2],
    data_transfer_rate: [500, 2000],
  },
  vacuum: {
    response_time: [300, 800],
    error_rate: [0, 0.1],
    battery_level: [20, 100],
    signal_strength: [-70, -40],
    usage_frequency: [0.1, 0.4],
    temperature: [20, 28],
    humidity: [40, 70],
    uptime_hours: [100, 800],
    restart_count: [0, 15],
    connection_drops: [0, 6],
    data_transfer_rate: [200, 800],
  },
};

/** The five failure scenarios of the original (§1.7). */
export const FAILURE_SCENARIOS = [
  'progressive',
  'sudden',
  'intermittent',
  'battery_depletion',
  'network_issues',
] as const;
export type FailureScenario = (typeof FAILURE_SCENARIOS)[number];

/** Hard clamps and rounding of the original output record (§1.2). */
export const METRIC_CLAMPS: Readonly<Record<Metric, { min: number; max: number; decimals: number | 'int' }>> = {
  response_time: { min: 10, max: 5000, decimals: 2 },
  error_rate: { min: 0, max: 1, decimals: 4 },
  battery_level: { min: 0, max: 100, decimals: 1 },
  signal_strength: { min: -100, max: -10, decimals: 1 },
  usage_frequency: { min: 0, max: 1, decimals: 3 },
  temperature: { min: -10, max: 50, decimals: 1 },
  humidity: { min: 0, max: 100, decimals: 1 },
  uptime_hours: { min: 1, max: Number.POSITIVE_INFINITY, decimals: 1 },
  restart_count: { min: 0, max: Number.POSITIVE_INFINITY, decimals: 'int' },
  connection_drops: { min: 0, max: Number.POSITIVE_INFINITY, decimals: 'int' },
  data_transfer_rate: { min: 10, max: Number.POSITIVE_INFINITY, decimals: 1 },
};
