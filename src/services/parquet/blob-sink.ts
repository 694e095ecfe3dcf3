/**
 * Collects a file's bytes as Blobs, so they leave the JS heap for the browser's blob storage (which may keep
 * them on disk) as they are written: a large piece (a column chunk) becomes a Blob at once, which copies it
 * out of the writer's reused buffers; small pieces (page headers) are gathered first. Memory stays bounded
 * by one gathering, whatever the file size.
 */
export class BlobSink {
  private readonly blobs: Blob[] = [];
  private parts: Uint8Array<ArrayBuffer>[] = [];
  private pending = 0;
  private readonly gatherBytes: number;

  constructor(gatherBytes = 1 << 20) {
    this.gatherBytes = gatherBytes;
  }

  /** The writer's callback. */
  readonly write = (bytes: Uint8Array): void => {
    if (bytes.length >= this.gatherBytes >> 4) {
      this.fold();
      // The Blob constructor copies the bytes now, so a view of a buffer the writer reuses is safe.
      this.blobs.push(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      return;
    }
    this.parts.push(new Uint8Array(bytes));
    this.pending += bytes.length;
    if (this.pending >= this.gatherBytes) this.fold();
  };

  private fold(): void {
    if (this.parts.length === 0) return;
    this.blobs.push(new Blob(this.parts));
    this.parts = [];
    this.pending = 0;
  }

  blob(type = 'application/vnd.apache.parquet'): Blob {
    this.fold();
    return new Blob(this.blobs, { type });
  }
}
