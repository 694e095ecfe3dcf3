import { type HaHistoryFormat, createHaHistoryWriter, haHistoryFileName } from '../domain/homes/ha-history';
import { homeFileName, homeIndexFromId, homeJsonChunks, summaryJson } from '../domain/homes/home-export';
import type { Home } from '../domain/homes/home-schema';
import type { WorkbenchDb } from '../storage/db';
import { getHome, listHomes, readHomeEvents } from '../storage/homes-repo';
import type { HomeRecord } from '../storage/records';
import type { ExportFile } from '../workers/homes.api';
import { homeEventsParquetBlob } from './parquet-events';
import { createZipWriter } from './zip-archive';

/**
 * Export files of homes, built from the allow-listed Home model only (home-export.ts picks each field),
 * never from settings or run state, so nothing secret can reach a file. Home files are the original
 * format, written in pieces so a large home never exists as one string.
 */

/** The domain Home of a record: exactly the fields the export format knows. */
function domainHome(record: HomeRecord): Home {
  return {
    id: record.id,
    name: record.name,
    home_type: record.home_type,
    size_category: record.size_category,
    description: record.description,
    occupants: record.occupants,
    areas: record.areas,
    devices: record.devices,
    source: record.source,
    seed: record.seed,
    created_at: record.created_at,
    llm: record.llm,
  };
}

function fileNameOf(id: string): string {
  try {
    return homeFileName(homeIndexFromId(id));
  } catch {
    return `${id.replace(/[^A-Za-z0-9_-]+/g, '_')}.json`;
  }
}

async function homePieces(db: WorkbenchDb, record: HomeRecord): Promise<Iterable<string>> {
  const events = await readHomeEvents(db, record.id);
  if (events === null) throw new Error(`The events of ${record.id} are missing; delete the home and make it again.`);
  // generated_at is the home's creation time, so exporting the same home twice gives the same file.
  return homeJsonChunks(domainHome(record), events, record.created_at);
}

/** One home as `home_NNN.json`. */
export async function exportHomeFile(db: WorkbenchDb, id: string): Promise<ExportFile> {
  const record = await getHome(db, id);
  if (record === undefined) throw new Error(`There is no home ${id}; it may have been deleted.`);
  return {
    blob: new Blob([...(await homePieces(db, record))], { type: 'application/json' }),
    fileName: fileNameOf(id),
  };
}

function summaryText(homes: readonly HomeRecord[], nowMs: number): string {
  return `${JSON.stringify(summaryJson(homes, new Date(nowMs).toISOString()), null, 2)}\n`;
}

/** `summary.json` of every stored home. */
export async function exportSummaryFile(db: WorkbenchDb, nowMs: number): Promise<ExportFile> {
  return {
    blob: new Blob([summaryText(await listHomes(db), nowMs)], { type: 'application/json' }),
    fileName: 'summary.json',
  };
}

/** Called after each home of a whole-collection export; it may throw to stop the export (a cancel). */
export type HomesExportProgress = (done: number, total: number) => void;

/** Every home plus `summary.json` in one ZIP (stored, not compressed), one home in memory at a time. */
export async function exportAllHomesFile(
  db: WorkbenchDb,
  nowMs: number,
  progress?: HomesExportProgress,
): Promise<ExportFile> {
  const homes = await listHomes(db);
  if (homes.length === 0) throw new Error('There are no homes to export yet.');
  const zip = createZipWriter(nowMs);
  for (const [i, record] of homes.entries()) {
    zip.addFile(fileNameOf(record.id), await homePieces(db, record));
    progress?.(i + 1, homes.length);
  }
  zip.addFile('summary.json', [summaryText(homes, nowMs)]);
  return { blob: zip.finish(), fileName: 'homes.zip' };
}

/**
 * Every home's events as one Parquet file (`homes.events.parquet`): one home's events in memory at a time,
 * the homes' summary (ids, types, sources, devices) in the key-value metadata.
 */
export async function exportEventsParquetFile(
  db: WorkbenchDb,
  nowMs: number,
  progress?: HomesExportProgress,
): Promise<ExportFile> {
  const homes = await listHomes(db);
  if (homes.length === 0) throw new Error('There are no homes to export yet.');
  let done = 0;
  const blob = await homeEventsParquetBlob(
    homes,
    async (id) => {
      if (done > 0) progress?.(done, homes.length);
      done++;
      const events = await readHomeEvents(db, id);
      if (events === null) throw new Error(`The events of ${id} are missing; delete the home and make it again.`);
      return events;
    },
    summaryText(homes, nowMs),
  );
  progress?.(homes.length, homes.length);
  return { blob, fileName: 'homes.events.parquet' };
}

/**
 * One home's Home Assistant history: the frontend's history CSV or the `state_changed` event JSON. Chunks
 * are read one at a time and each becomes a Blob part, so only one chunk's text is held as strings.
 */
export async function exportHomeHistoryFile(db: WorkbenchDb, id: string, format: HaHistoryFormat): Promise<ExportFile> {
  const record = await getHome(db, id);
  if (record === undefined) throw new Error(`There is no home ${id}; it may have been deleted.`);
  const keys = await db.getAllKeys('homeEvents', IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
  if (keys.length === 0) throw new Error(`The events of ${id} are missing; delete the home and make it again.`);
  const writer = createHaHistoryWriter(
    record.devices.map((d) => ({ entity_id: d.entity_id, name: d.name })),
    format,
  );
  const parts: Blob[] = [];
  for (const key of keys) {
    const chunk = await db.get('homeEvents', key);
    if (chunk === undefined) throw new Error(`The events of ${id} changed during the export; try again.`);
    parts.push(new Blob([writer.write(chunk)]));
  }
  parts.push(new Blob([writer.end()]));
  const type = format === 'csv' ? 'text/csv' : 'application/json';
  return { blob: new Blob(parts, { type }), fileName: haHistoryFileName(id, format) };
}
