import type { ModelEvaluation } from '../../workers/evaluation.api';
import { FAMILY_LABELS } from './comparison-rows';

/** "global", "single family" … */
export const slotName = (slot: string): string => (slot === 'global' ? 'global' : slot.replace(/_/g, ' '));

/** "single family · boosted trees" */
export const modelName = (m: Pick<ModelEvaluation, 'slot' | 'family'>): string =>
  `${slotName(m.slot)} · ${FAMILY_LABELS[m.family]}`;
