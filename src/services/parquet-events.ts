import type { HomeEvents } from '../domain/homes/event-buffer';
import type { Home } from '../domain/homes/home-schema';
import { BlobSink } from './parquet/blob-sink';
import { FlatParquetWriter, type FlatColumn } from './parquet/flat-parquet-writer';

/** The key-value metadata key describing the homes in an events file. */
export const PARQUET_HOMES_KEY = 'homesynth.homes';
const ROW_GROUP_ROWS = 100_000;

type EventHome = Pick<Home, 'id' | 'home_type' | 'source' | 'devices'>;
/** 'file': one file of every home; 'partitioned': a Hive partition by home type (no home_type column, which is
 * the partition key) with the home's index, so the declared sort (home_index, time) is numeric. */
export type EventsLayout = 'file' | 'partitioned';

/**
 * Home events as one Parquet file: a row per state change, sorted by (home, time), with the entity's
 * domain and area beside it and the state parsed as a number where it is one. String columns are
 * dictionary-encoded per row group; a row group holds whole homes (about 100k rows).
 */
export class EventsParquetStream {
  private readonly writer: FlatParquetWriter;
  // Per row group: codes index these tables (cleared after each flush, so memory is one row group's).
  private homes: EventHome[] = [];
  private homeIndex: number[] = [];
  private entities: { home: number; device: number }[] = [];
  private states: string[] = [];
  private homeCode: number[] = [];
  private entityCode: number[] = [];
  private stateCode: number[] = [];
  private numeric: number[] = [];
  private time: number[] = [];
  private timeMin = Infinity;
  private timeMax = -Infinity;

  constructor(sink: (bytes: Uint8Array) => void | Promise<void>, homesJson: string, layout: EventsLayout = 'file') {
    const device = (c: number) => {
      const e = this.entities[c];
      return e === undefined ? undefined : this.homes[e.home]?.devices[e.device];
    };
    const columns: FlatColumn[] = [
      { name: 'home_id', type: 'string', label: (c) => this.homes[c]?.id ?? '' },
      ...(layout === 'partitioned'
        ? [{ name: 'home_index', type: 'int32' } as const]
        : [{ name: 'home_type', type: 'string', label: (c: number) => this.homes[c]?.home_type ?? '' } as const]),
      { name: 'source', type: 'string', label: (c) => this.homes[c]?.source ?? '' },
      { name: 'entity_id', type: 'string', label: (c) => device(c)?.entity_id ?? '' },
      { name: 'domain', type: 'string', label: (c) => device(c)?.domain ?? '' },
      { name: 'area', type: 'string', label: (c) => device(c)?.area ?? '' },
      { name: 'time', type: 'timestamp-ms' },
      { name: 'state', type: 'string', label: (c) => this.states[c] ?? '' },
      { name: 'numeric_state', type: 'float32', nullable: true },
    ];
    this.writer = new FlatParquetWriter({
      columns,
      sink,
      keyValueMetadata: [{ key: PARQUET_HOMES_KEY, value: homesJson }],
      sortedBy: layout === 'partitioned' ? ['home_index', 'time'] : ['home_id', 'time'],
    });
  }

  /** Rows so far, and the earliest and latest event time among them (epoch ms; ±Infinity before any). */
  get written(): { rows: number; timeMin: number; timeMax: number } {
    return { rows: this.writer.rowCount + this.time.length, timeMin: this.timeMin, timeMax: this.timeMax };
  }

  /** Appends a home's events (sorted by time); `index` is its number in the run (the partitioned layout's home_index). */
  async addHome(home: EventHome, events: HomeEvents, index = 0): Promise<void> {
    const h = this.homes.length;
    this.homes.push(home);
    this.homeIndex.push(index);
    const entityBase = this.entities.length;
    home.devices.forEach((_d, device) => this.entities.push({ home: h, device }));
    const stateBase = this.states.length;
    for (const s of events.states) this.states.push(s);
    const numbers = events.states.map((s) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : Number.NaN));
    for (let i = 0; i < events.time.length; i++) {
      const st = events.state[i] ?? 0;
      this.homeCode.push(h);
      this.entityCode.push(entityBase + (events.entityIndex[i] ?? 0));
      this.stateCode.push(stateBase + st);
      this.numeric.push(numbers[st] ?? Number.NaN);
      const t = events.time[i] ?? 0;
      this.time.push(t);
      if (t < this.timeMin) this.timeMin = t;
      if (t > this.timeMax) this.timeMax = t;
    }
    if (this.time.length >= ROW_GROUP_ROWS) await this.flush();
  }

  private async flush(): Promise<void> {
    const n = this.time.length;
    if (n > 0) {
      const homeCode = Int32Array.from(this.homeCode);
      await this.writer.writeRowGroup(
        {
          home_id: homeCode,
          home_index: Int32Array.from(homeCode, (c) => this.homeIndex[c] ?? 0),
          home_type: homeCode,
          source: homeCode,
          entity_id: Int32Array.from(this.entityCode),
          domain: Int32Array.from(this.entityCode),
          area: Int32Array.from(this.entityCode),
          time: Float64Array.from(this.time),
          state: Int32Array.from(this.stateCode),
          numeric_state: Float32Array.from(this.numeric),
        },
        n,
      );
    }
    this.homes = [];
    this.homeIndex = [];
    this.entities = [];
    this.states = [];
    this.homeCode = [];
    this.entityCode = [];
    this.stateCode = [];
    this.numeric = [];
    this.time = [];
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writer.finish();
  }
}

/** Every home's events in one Parquet Blob; `events` is read one home at a time. */
export async function homeEventsParquetBlob(
  homes: readonly EventHome[],
  events: (id: string) => Promise<HomeEvents>,
  homesJson: string,
): Promise<Blob> {
  const sink = new BlobSink();
  const stream = new EventsParquetStream(sink.write, homesJson);
  // Ids compare as strings so that the declared sort (home_id, time) holds for any number of homes.
  for (const home of [...homes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    await stream.addHome(home, await events(home.id));
  await stream.finish();
  return sink.blob();
}
