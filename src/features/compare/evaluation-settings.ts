import { eventObjectiveSchema, type EventObjective } from '../../domain/evaluation/event-threshold';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from '../../workers/evaluation.api';

/** The operating-point controls as typed: which objective, and its numbers as text. */
export interface EvaluationForm {
  kind: 'run' | 'budget' | 'cost';
  budget: string;
  falseAlarmCost: string;
  missCost: string;
  scope: EvaluationSettings['scope'];
}

export const DEFAULT_EVALUATION_FORM: EvaluationForm = {
  kind: 'run',
  budget: '5',
  falseAlarmCost: '1',
  missCost: '20',
  scope: 'global',
};

/** The worker's settings from the form, or what is wrong with it (the last good result stays on screen). */
export function parseEvaluationForm(form: EvaluationForm): { settings: EvaluationSettings } | { error: string } {
  if (form.kind === 'run') return { settings: { ...DEFAULT_EVALUATION_SETTINGS, scope: form.scope } };
  const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
  const candidate: unknown =
    form.kind === 'budget'
      ? { kind: 'budget', falseAlarmsPer100DeviceMonths: number(form.budget) }
      : { kind: 'cost', falseAlarmCost: number(form.falseAlarmCost), missCost: number(form.missCost) };
  const parsed = eventObjectiveSchema.safeParse(candidate);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join('; ') };
  const objective: EventObjective = parsed.data;
  return { settings: { ...DEFAULT_EVALUATION_SETTINGS, objective, scope: form.scope } };
}
