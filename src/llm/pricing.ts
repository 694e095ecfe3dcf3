import type { TokenUsage } from './openai-client';

/**
 * Token prices for the cost estimate shown per home and per run. Prices change and compatible servers
 * are often free, so an unknown model yields null ("unknown"), never a guess.
 */

export interface ModelPrice {
  /** US dollars per 1M input tokens. */
  inputPerMillion: number;
  /** US dollars per 1M output tokens (reasoning tokens are billed as output). */
  outputPerMillion: number;
}

/** Published standard prices (openai.md §8, OpenAI model pages, November 2026). */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-6-luna': { inputPerMillion: 0.1, outputPerMillion: 0.5 },
  'gpt-5.4-nano': { inputPerMillion: 0.2, outputPerMillion: 1.25 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
};

/** The price of `model`, also for dated snapshots ("gpt-4o-mini-2024-07-18"); null when unknown. */
export function modelPrice(model: string): ModelPrice | null {
  const exact = MODEL_PRICES[model];
  if (exact !== undefined) return exact;
  const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return MODEL_PRICES[base] ?? null;
}

/** Estimated cost in US dollars of `usage` on `model`; null when the model's price is unknown. */
export function estimateCost(usage: TokenUsage, model: string): number | null {
  const price = modelPrice(model);
  if (price === null) return null;
  return (usage.input_tokens * price.inputPerMillion + usage.output_tokens * price.outputPerMillion) / 1_000_000;
}
