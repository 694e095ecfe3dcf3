import { HOME_DEVICE_KINDS } from './device-kinds-home';
import { SAFETY_DEVICE_KINDS } from './device-kinds-safety';

export type { DeviceKindSpec } from './device-kind-spec';

/** Every device kind a template home can hold, keyed by a short name (tables by topic, in this order). */
export const DEVICE_KINDS = { ...HOME_DEVICE_KINDS, ...SAFETY_DEVICE_KINDS } as const;

/** A key of DEVICE_KINDS. */
export type DeviceKind = keyof typeof DEVICE_KINDS;
