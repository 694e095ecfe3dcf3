import { homeContentProblems, homeContentSchema, type HomeContent } from '../domain/homes/home-schema';
import type { HomeRequest } from './home-prompt';

/**
 * Local validation of an LLM home. Strict structured output constrains the shape, but compatible servers
 * may treat the schema as a hint, string lengths are not enforced in strict mode, and cross-field rules
 * (a device's area exists, entity ids unique) are not expressible at all — so every reply goes through
 * zod and `homeContentProblems`.
 */

export type HomeReplyCheck = { ok: true; content: HomeContent } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 40;

/**
 * Parses and validates a reply. The plan is authoritative for the size category (a valid reply of another
 * size is corrected, not re-asked), but not for the home type: that is the label the home-type classifier
 * learns, so a home of another type keeps its own (the caller decides whether to re-ask).
 */
export function checkHomeReply(content: string | null, request: Pick<HomeRequest, 'sizeCategory'>): HomeReplyCheck {
  if (content === null || content.trim().length === 0) return { ok: false, problems: ['the reply is empty'] };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'parse error';
    return { ok: false, problems: [`the reply is not valid JSON (${reason})`] };
  }
  const parsed = homeContentSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
      const path = issue.path.map(String).join('.');
      return path.length > 0 ? `${path}: ${issue.message}` : issue.message;
    });
    return { ok: false, problems };
  }
  const home: HomeContent = { ...parsed.data, size_category: request.sizeCategory };
  const problems = homeContentProblems(home);
  const areaNames = home.areas.map((a) => a.name);
  const duplicateAreas = areaNames.filter((name, i) => areaNames.indexOf(name) !== i);
  for (const name of new Set(duplicateAreas)) problems.push(`area name "${name}" is used twice`);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, content: home };
}
