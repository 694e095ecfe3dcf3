import type { HomeSource } from './home-schema';

/**
 * How the app names each home source, in one place so the Homes list, a home's page, the run panel and
 * the jobs panel agree (and a new source is a compile error until it has words here).
 */
export const HOME_SOURCE_WORDS: Readonly<Record<HomeSource, { label: string; origin: string }>> = {
  /** `label`: a home's source in a table cell; `origin`: where a run's homes come from, after "from". */
  template: { label: 'template', origin: 'templates' },
  llm: { label: 'LLM', origin: 'the LLM' },
  survey: { label: 'survey', origin: 'survey statistics' },
  imported: { label: 'imported', origin: 'imported files' },
};

/** A home's source for a table or a facts list; LLM homes name their model. */
export function homeSourceLabel(home: { source: HomeSource; llm: { model: string } | null }): string {
  return home.source === 'llm' ? `LLM (${home.llm?.model ?? '?'})` : HOME_SOURCE_WORDS[home.source].label;
}
