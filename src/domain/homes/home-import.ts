import { ZodError } from 'zod';
import type { HomeEvents } from './event-buffer';
import { fromOriginalHomeJson } from './home-export';
import { type Home, homeContentProblems, homeContentSchema } from './home-schema';
import { createZoneClock, formatCivilDate } from './local-time';

/**
 * Reading `home_NNN.json` files (the format home-export.ts writes) back as homes of source 'imported'.
 * Everything in a file is untrusted: it is parsed as JSON, validated with the export's zod schema and the
 * home schema's cross-field checks, and every problem is reported against the file and the field, so a
 * user can fix or drop the file. The caller stores a batch only when every file in it is valid.
 */

/** A file the importer accepts at most (a 90-day home of a large house is a few tens of MB). */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;
/** Files per import at most (the product's run limit). */
export const MAX_IMPORT_FILES = 1000;
/** Problems listed per file; the rest are counted. */
const MAX_PROBLEMS = 6;
const DAY_MS = 86_400_000;

/** A valid file, ready to store: the home (id and source to be assigned), its events and its time span. */
export interface ImportedHome {
  home: Omit<Home, 'id'>;
  /** The id the file carried (the stored home gets a new number). */
  originalId: string;
  events: HomeEvents;
  /** First local day of the events in the chosen time zone, and how many local days they span. */
  startDate: string;
  days: number;
}

export type HomeFileOutcome =
  { fileName: string; ok: true; imported: ImportedHome } | { fileName: string; ok: false; problems: string[] };

function zodProblems(error: ZodError): string[] {
  const problems = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const hint =
      path === 'metadata.occupants'
        ? ' (files of the original Python system have no household and cannot be imported)'
        : '';
    return `${path === '' ? 'the file' : path}: ${issue.message}${hint}`;
  });
  return limit(problems);
}

function limit(problems: string[]): string[] {
  return problems.length <= MAX_PROBLEMS
    ? problems
    : [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}

/** Events in time order (a file may list them in any order; stored homes keep them sorted). */
function sortedByTime(events: HomeEvents): HomeEvents {
  const { time } = events;
  let sorted = true;
  for (let i = 1; i < time.length && sorted; i++) if ((time[i] ?? 0) < (time[i - 1] ?? 0)) sorted = false;
  if (sorted) return events;
  const order = Array.from(time.keys()).sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || a - b);
  return {
    entityIndex: Uint16Array.from(order, (i) => events.entityIndex[i] ?? 0),
    time: Float64Array.from(order, (i) => time[i] ?? 0),
    state: Uint16Array.from(order, (i) => events.state[i] ?? 0),
    states: events.states,
  };
}

/** The local date of the first event and the number of local days up to the last one (at least 1). */
function span(events: HomeEvents, timeZone: string, fallbackIso: string): { startDate: string; days: number } {
  const clock = createZoneClock(timeZone);
  const first = events.time[0];
  const last = events.time[events.time.length - 1];
  const anchor = first ?? Date.parse(fallbackIso);
  const at = Number.isNaN(anchor) ? 0 : anchor;
  const localDay = (utc: number): number => Math.floor((utc + clock.offsetMs(utc)) / DAY_MS);
  const startDay = localDay(at);
  const d = new Date(startDay * DAY_MS);
  const startDate = formatCivilDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  const days = last === undefined ? 1 : Math.min(3660, Math.max(1, localDay(last) - startDay + 1));
  return { startDate, days };
}

/**
 * Parses and validates one file's text. `timeZone` is where the home is (the file does not say): its
 * events' local days and hours are read in it.
 */
export function parseHomeFile(fileName: string, text: string, timeZone: string): HomeFileOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      fileName,
      ok: false,
      problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  let parsed: ReturnType<typeof fromOriginalHomeJson>;
  try {
    parsed = fromOriginalHomeJson(json);
  } catch (error) {
    if (error instanceof ZodError) return { fileName, ok: false, problems: zodProblems(error) };
    return { fileName, ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const { id, source: _source, ...rest } = parsed.home;
  const content = homeContentSchema.safeParse(rest);
  if (!content.success) return { fileName, ok: false, problems: zodProblems(content.error) };
  const problems = homeContentProblems(content.data);
  if (problems.length > 0) return { fileName, ok: false, problems: limit(problems) };
  const events = sortedByTime(parsed.events);
  return {
    fileName,
    ok: true,
    imported: {
      home: { ...rest, ...content.data, source: 'imported' },
      originalId: id,
      events,
      ...span(events, timeZone, rest.created_at),
    },
  };
}
