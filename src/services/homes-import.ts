import {
  MAX_IMPORT_FILES,
  MAX_IMPORT_FILE_BYTES,
  type HomeFileOutcome,
  parseHomeFile,
} from '../domain/homes/home-import';
import type { WorkbenchDb } from '../storage/db';
import { saveImportedHomes } from '../storage/homes-import-repo';
import type { HomeFileInput, HomesImportResult } from '../workers/homes.api';

/**
 * "Import homes": reads home_NNN.json files, validates each (home-import.ts) and stores them as homes of
 * source 'imported' — all in one transaction when every file is valid, none otherwise, so a bad file
 * never leaves a half-imported batch; each bad file is reported with its problems.
 */

/** Text read per import at most: parsed homes are held in memory until the batch is stored. */
const MAX_IMPORT_TOTAL_BYTES = 512 * 1024 * 1024;

export interface ImportContext {
  db: WorkbenchDb;
  now(): number;
  /** Lets other messages through between files. */
  yieldToEvents(): Promise<void>;
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`"${timeZone}" is not a time zone this browser knows (e.g. Europe/Berlin, UTC).`);
  }
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Validates every file, then stores all of them or none. */
export async function importHomeFiles(
  ctx: ImportContext,
  files: readonly HomeFileInput[],
  timeZone: string,
): Promise<HomesImportResult> {
  if (files.length === 0) throw new Error('Choose at least one home_NNN.json file.');
  if (files.length > MAX_IMPORT_FILES)
    throw new Error(`At most ${MAX_IMPORT_FILES.toLocaleString('en-US')} files per import.`);
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > MAX_IMPORT_TOTAL_BYTES)
    throw new Error(`The files add up to ${mb(total)}; import at most ${mb(MAX_IMPORT_TOTAL_BYTES)} at a time.`);
  checkTimeZone(timeZone);

  const outcomes: HomeFileOutcome[] = [];
  for (const file of files) {
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      outcomes.push({
        fileName: file.name,
        ok: false,
        problems: [`the file is ${mb(file.size)}, more than the ${mb(MAX_IMPORT_FILE_BYTES)} a home file may be`],
      });
      continue;
    }
    outcomes.push(parseHomeFile(file.name, await file.text(), timeZone));
    await ctx.yieldToEvents();
  }
  const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ fileName: o.fileName, problems: o.problems }]));
  if (failed.length > 0) return { imported: [], failed };

  const valid = outcomes.flatMap((o) => (o.ok ? [o] : []));
  const now = ctx.now();
  const ids = await saveImportedHomes(
    ctx.db,
    valid.map(({ imported }) => ({
      home: {
        ...imported.home,
        createdAt: now,
        runId: `import-${now}`,
        timeZone,
        startDate: imported.startDate,
        days: imported.days,
        eventCount: imported.events.time.length,
        costUsd: null,
      },
      events: imported.events,
    })),
  );
  return {
    imported: valid.map(({ fileName, imported }, i) => ({
      fileName,
      id: ids[i] ?? '',
      originalId: imported.originalId,
      homeType: imported.home.home_type,
      events: imported.events.time.length,
    })),
    failed: [],
  };
}
