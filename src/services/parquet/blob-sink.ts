/**
 * Collects a file's bytes as Blob parts, folding them into a Blob every `foldBytes` so the bytes leave
 * the JS heap for the browser's blob storage (which may keep them on disk): memory stays bounded by one
 * fold whatever the file size.
 */
export class BlobSink {
  private readonly blobs: Blob[] = [];
  private parts: Uint8Array<ArrayBuffer>[] = [];
  private pending = 0;
  private readonly foldBytes: number;

  constructor(foldBytes = 32 << 20) {
    this.foldBytes = foldBytes;
  }

  /** The writer's callback; the bytes are copied because writers may hand out views of reused buffers. */
  readonly write = (bytes: Uint8Array): void => {
    this.parts.push(new Uint8Array(bytes));
    this.pending += bytes.length;
    if (this.pending >= this.foldBytes) this.fold();
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
