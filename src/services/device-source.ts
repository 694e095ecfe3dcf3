import { HOME_TYPES, isHomeType, type HomeType } from '../domain/home-types';
import type { PredictRequest } from '../workers/models.api';

/** One device to predict: its id, home type and raw feature values, from the form or pasted JSON. */
export interface DeviceSource {
  deviceId: string;
  homeType: HomeType | null;
  values: Readonly<Record<string, unknown>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parsePasted(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `The pasted text is not JSON${e instanceof Error ? ` (${e.message})` : ''}. Paste an object such as {"device_id": "d1", "metrics": {"battery_level": 15}}.`,
    );
  }
  if (!isRecord(data)) throw new Error('Paste one JSON object (a device), not a list or a single value.');
  return data;
}

/**
 * The device of a prediction request. Pasted JSON may be the original `/predict` body
 * `{"device_id", "metrics": {…}}` or a flat object of features; a `device_id` or `home_type` in it
 * overrides the form's. An unknown home type is an error rather than a silent global prediction.
 */
export function deviceSource(req: PredictRequest): DeviceSource {
  if (req.input.kind === 'form') return { deviceId: req.deviceId, homeType: req.homeType, values: req.input.values };
  const data = parsePasted(req.input.text);
  const { device_id: id, home_type: home, metrics, ...rest } = data;
  if (metrics !== undefined && !isRecord(metrics)) throw new Error('"metrics" must be an object of feature values.');
  let homeType = req.homeType;
  if (typeof home === 'string' && home !== '') {
    if (!isHomeType(home)) throw new Error(`Unknown home type "${home}". Use one of: ${HOME_TYPES.join(', ')}.`);
    homeType = home;
  }
  return {
    deviceId: typeof id === 'string' && id.trim() !== '' ? id : typeof id === 'number' ? String(id) : req.deviceId,
    homeType,
    values: metrics ?? rest,
  };
}
