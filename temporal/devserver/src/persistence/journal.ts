import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Append-only journal of JSON lines with group commit: `append()` buffers a record, `sync()` resolves once
 * every record appended so far is written and fdatasync'ed. Concurrent callers share one fsync, so the
 * cost per RPC stays low under load. `rewrite()` atomically replaces the file with a snapshot (compaction).
 */
export class Journal {
  private fd: number;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  private bytes: number;
  private closed = false;
  private snapshot: (() => Iterable<unknown>) | undefined;
  private compactAt = Infinity;
  private minCompactBytes = 0;

  private constructor(
    private readonly file: string,
    initialBytes: number,
  ) {
    this.fd = fs.openSync(file, 'a');
    this.bytes = initialBytes;
  }

  /**
   * Opens (creating if needed) the journal and returns it with the records found. A torn last line
   * (the process died mid-write) is skipped.
   */
  static open(file: string): { journal: Journal; records: unknown[] } {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const records: unknown[] = [];
    let size = 0;
    if (fs.existsSync(file)) {
      let text = fs.readFileSync(file, 'utf8');
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length) {
        // Cut a torn last record so the next append starts on a fresh line.
        text = text.slice(0, end);
        fs.truncateSync(file, Buffer.byteLength(text));
      }
      size = Buffer.byteLength(text);
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          records.push(JSON.parse(line));
        } catch {
          // Torn or corrupt record: everything acknowledged was fsync'ed before, so it is not one of them.
        }
      }
    }
    return { journal: new Journal(file, size), records };
  }

  /** Size of the file in bytes, including records not yet flushed. */
  get size(): number {
    return this.bytes;
  }

  append(record: unknown): void {
    const line = JSON.stringify(record) + '\n';
    this.bytes += Buffer.byteLength(line);
    this.pending.push(line);
  }

  /** Resolves when everything appended so far is durable. */
  sync(): Promise<void> {
    if (this.pending.length === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Enables automatic compaction: once the file exceeds `minBytes` and twice its last snapshot size, it is
   * rewritten from `snapshot()` between flushes.
   */
  enableCompaction(snapshot: () => Iterable<unknown>, minBytes: number): void {
    this.snapshot = snapshot;
    this.minCompactBytes = minBytes;
    this.compactAt = Math.max(minBytes, this.bytes * 2);
  }

  /** Atomically replaces the journal with `records` (a snapshot of the live state). Synchronous. */
  rewrite(records: Iterable<unknown>): void {
    const tmp = `${this.file}.compact`;
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    let chunk: string[] = [];
    const writeChunk = () => {
      const data = chunk.join('');
      fs.writeSync(fd, data);
      bytes += Buffer.byteLength(data);
      chunk = [];
    };
    for (const record of records) {
      chunk.push(JSON.stringify(record) + '\n');
      if (chunk.length >= 512) writeChunk();
    }
    writeChunk();
    fs.fdatasyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    // Pending lines are rewritten after the snapshot: records are idempotent, replaying them is harmless.
    this.bytes = bytes + this.pending.reduce((n, line) => n + Buffer.byteLength(line), 0);
    this.compactAt = Math.max(this.minCompactBytes, bytes * 2);
  }

  async close(): Promise<void> {
    await this.sync();
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 || this.waiters.length > 0) {
      const data = this.pending.join('');
      this.pending = [];
      const waiters = this.waiters;
      this.waiters = [];
      try {
        if (data) {
          await writeAll(this.fd, Buffer.from(data));
          await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())));
        }
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    if (this.snapshot && this.bytes > this.compactAt && !this.closed) {
      try {
        this.rewrite(this.snapshot());
      } catch {
        // Compaction is an optimisation: the journal stays valid, retry after it grows further.
        this.compactAt = this.bytes * 2;
      }
    }
    this.flushing = false;
  }
}

function writeAll(fd: number, buffer: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number) => {
      if (offset >= buffer.length) return resolve();
      fs.write(fd, buffer, offset, buffer.length - offset, null, (error, written) => {
        if (error) reject(error);
        else step(offset + written);
      });
    };
    step(0);
  });
}
