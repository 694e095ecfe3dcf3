import type { HomeType } from '../home-types';
import type { DeviceProfile } from './template-device-profile-types';
import { FLAT_DEVICE_PROFILES } from './template-device-profiles-flats';
import { HOUSE_DEVICE_PROFILES } from './template-device-profiles-houses';

export type { CoreProbabilities, DeviceProfile } from './template-device-profile-types';

/** The device profile of each home type (tables by topic: houses, flats). */
export const DEVICE_PROFILES: Readonly<Record<HomeType, DeviceProfile>> = {
  single_family_house: HOUSE_DEVICE_PROFILES.single_family_house,
  apartment: FLAT_DEVICE_PROFILES.apartment,
  condo: FLAT_DEVICE_PROFILES.condo,
  townhouse: HOUSE_DEVICE_PROFILES.townhouse,
  cottage: HOUSE_DEVICE_PROFILES.cottage,
  studio: FLAT_DEVICE_PROFILES.studio,
  multi_story: HOUSE_DEVICE_PROFILES.multi_story,
  ranch_house: HOUSE_DEVICE_PROFILES.ranch_house,
};
