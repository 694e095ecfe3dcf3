import type { Metric } from '../device-types';
import { METRICS } from '../device-types';
import { pythonRound } from './python-round';

/** Risk bands of the original, highest first. */
export const RISK_LEVELS = ['critical', 'high', 'medium', 'low', 'minimal'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The original risk bands (§4) for a probability in [0, 1]: ≥ 0.8 critical, ≥ 0.6 high, ≥ 0.4 medium,
 * ≥ 0.2 low, else minimal. Boundaries belong to the higher band; NaN falls through to minimal as in Python.
 */
export function riskLevel(probability: number): RiskLevel {
  if (probability >= 0.8) return 'critical';
  if (probability >= 0.6) return 'high';
  if (probability >= 0.4) return 'medium';
  if (probability >= 0.2) return 'low';
  return 'minimal';
}

/** Device metrics as the prediction API received them; missing entries use the original defaults. */
export type DeviceMetrics = Partial<Record<Metric, number>>;

/** The original recommendation texts, verbatim. */
export const RECOMMENDATIONS = {
  maintenance: 'Schedule immediate maintenance - high failure risk',
  battery: 'Replace or charge battery immediately',
  connectivity: 'Check device connectivity and configuration',
  signal: 'Reposition device for better signal strength',
  performance: 'Optimize device performance or consider replacement',
  anomaly: 'Device showing unusual behavior - investigate',
  normal: 'Device operating normally - continue monitoring',
} as const;

/**
 * The original recommendations, in its order and wording. Missing metrics default to error_rate 0,
 * battery 100, response 0, signal −50 (so a missing metric never triggers a recommendation).
 */
export function recommendations(probability: number, metrics: DeviceMetrics, anomalyScore: number): string[] {
  const out: string[] = [];
  if (probability > 0.6) out.push(RECOMMENDATIONS.maintenance);
  if ((metrics.battery_level ?? 100) < 20) out.push(RECOMMENDATIONS.battery);
  if ((metrics.error_rate ?? 0) > 0.1) out.push(RECOMMENDATIONS.connectivity);
  if ((metrics.signal_strength ?? -50) < -70) out.push(RECOMMENDATIONS.signal);
  if ((metrics.response_time ?? 0) > 1000) out.push(RECOMMENDATIONS.performance);
  if (anomalyScore < -0.5) out.push(RECOMMENDATIONS.anomaly);
  if (out.length === 0) out.push(RECOMMENDATIONS.normal);
  return out;
}

/** The original prediction object (§4), field names as its API returned them. */
export interface FailurePrediction {
  device_id: string;
  /** A percent, rounded to 2 decimals. */
  failure_probability: number;
  risk_level: RiskLevel;
  anomaly_score: number;
  is_anomaly: boolean;
  confidence: number;
  recommendations: string[];
  /** ISO time, passed in (the domain never reads the clock). */
  predicted_at: string;
  model_version: string;
}

/** A model's output for one device plus what the prediction object needs besides it. */
export interface ModelPredictionInput {
  deviceId: string;
  /** P(failure) in [0, 1] from the model. */
  probability: number;
  /** Anomaly model's decision value (negative = more anomalous); 0 when there is no anomaly model. */
  anomalyScore: number;
  isAnomaly: boolean;
  metrics: DeviceMetrics;
  predictedAt: string;
  /** The stored model's version (the original hard-coded "1.0"; we report the real one). */
  modelVersion: string;
}

/** Builds the prediction object from a model's output, with the original confidence rule. */
export function modelPrediction(input: ModelPredictionInput): FailurePrediction {
  const p = input.probability;
  const anomaly = pythonRound(input.anomalyScore, 3);
  // The original's float steps (0.8, +0.1, +0.1), capped at 1.0.
  let confidence = 0.8;
  if (p > 0.8 || p < 0.2) confidence += 0.1;
  if (Math.abs(anomaly) > 0.5) confidence += 0.1;
  return {
    device_id: input.deviceId,
    failure_probability: pythonRound(p * 100, 2),
    risk_level: riskLevel(p),
    anomaly_score: anomaly,
    is_anomaly: input.isAnomaly,
    confidence: Math.min(confidence, 1),
    recommendations: recommendations(p, input.metrics, anomaly),
    predicted_at: input.predictedAt,
    model_version: input.modelVersion,
  };
}

/**
 * The original rule-based fallback: score = 30·[error_rate > 0.1] + 25·[battery < 20] +
 * 20·[response_time > 2000] + 15·[signal < −80] + 10·[drops > 10] (missing metrics use the defaults above,
 * drops 0); failure_probability = min(score, 100), already a percent; risk from score / 100.
 */
export function ruleBasedPrediction(deviceId: string, metrics: DeviceMetrics, predictedAt: string): FailurePrediction {
  let score = 0;
  if ((metrics.error_rate ?? 0) > 0.1) score += 30;
  if ((metrics.battery_level ?? 100) < 20) score += 25;
  if ((metrics.response_time ?? 0) > 2000) score += 20;
  if ((metrics.signal_strength ?? -50) < -80) score += 15;
  if ((metrics.connection_drops ?? 0) > 10) score += 10;
  const p = score / 100;
  return {
    device_id: deviceId,
    failure_probability: Math.min(score, 100),
    risk_level: riskLevel(p),
    anomaly_score: 0,
    is_anomaly: score > 50,
    confidence: 0.7,
    recommendations: recommendations(p, metrics, 0),
    predicted_at: predictedAt,
    model_version: 'rule-based',
  };
}

/**
 * One raw metric as the original turned it into a feature: numbers (and booleans, which are ints in
 * Python) as floats, strings as length / 100, anything else (missing, null, objects) as 0.
 */
export function originalFeatureValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return value.length / 100;
  return 0;
}

/** The 11 features in the original order from an untrusted metrics object. */
export function originalFeatureVector(metrics: Readonly<Record<string, unknown>>): Float64Array {
  return Float64Array.from(METRICS, (name) => originalFeatureValue(metrics[name]));
}
