import fs from 'node:fs';
import path from 'node:path';

const NEWLINE = 0x0a;
const REWRITE_CHUNK = 1 << 16;

export interface JsonLinesLogOptions {
  /** fsync after every append (survives power loss, not just a process kill). Default false. */
  syncEveryAppend?: boolean;
}

export interface OpenedLog {
  log: JsonLinesLog;
  records: unknown[];
  /** Bytes after the last newline: an append interrupted by a crash, never acknowledged; cut off. */
  tornBytes: number;
  /** Complete lines that were not valid JSON; skipped. */
  badLines: number;
}

/**
 * An append-only file of JSON records, one per line. A record counts only once its newline is on disk,
 * so a torn tail left by kill -9 is discarded on open. `rewrite` replaces the whole file atomically.
 */
export class JsonLinesLog {
  private constructor(
    readonly file: string,
    private fd: number,
    private bytes: number,
    private readonly syncEveryAppend: boolean,
  ) {}

  static open(file: string, options: JsonLinesLogOptions = {}): OpenedLog {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(tempPath(file), { force: true });
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      data = Buffer.alloc(0);
    }
    const end = data.lastIndexOf(NEWLINE) + 1;
    const tornBytes = data.length - end;
    if (tornBytes > 0) fs.truncateSync(file, end);

    const records: unknown[] = [];
    let badLines = 0;
    let start = 0;
    while (start < end) {
      const nl = data.indexOf(NEWLINE, start);
      const line = data.toString('utf8', start, nl);
      start = nl + 1;
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as unknown);
      } catch {
        badLines++;
      }
    }
    const fd = fs.openSync(file, 'a');
    return { log: new JsonLinesLog(file, fd, end, options.syncEveryAppend ?? false), records, tornBytes, badLines };
  }

  get size(): number {
    return this.bytes;
  }

  /** Synchronous so the record is in the file (page cache at least) before the caller acknowledges it. */
  append(record: unknown): void {
    const buf = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    try {
      writeFully(this.fd, buf);
      if (this.syncEveryAppend) fs.fsyncSync(this.fd);
    } catch (err) {
      // Cut a partial line so the next append does not fuse with it.
      try {
        fs.ftruncateSync(this.fd, this.bytes);
      } catch {
        /* the load-time torn-tail handling still applies */
      }
      throw err;
    }
    this.bytes += buf.length;
  }

  /** Replaces the file with the given records: temp file, fsync, rename, then fsync the directory. */
  rewrite(records: Iterable<unknown>): void {
    const tmp = tempPath(this.file);
    const fd = fs.openSync(tmp, 'w');
    let written = 0;
    try {
      let chunk: string[] = [];
      let chunkLen = 0;
      const flush = (): void => {
        const buf = Buffer.from(chunk.join(''), 'utf8');
        writeFully(fd, buf);
        written += buf.length;
        chunk = [];
        chunkLen = 0;
      };
      for (const r of records) {
        const line = `${JSON.stringify(r)}\n`;
        chunk.push(line);
        chunkLen += line.length;
        if (chunkLen >= REWRITE_CHUNK) flush();
      }
      flush();
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    syncDirectory(path.dirname(this.file));
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    this.bytes = written;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function tempPath(file: string): string {
  return `${file}.tmp`;
}

function writeFully(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

function syncDirectory(dir: string): void {
  let fd = -1;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported everywhere (e.g. Windows); the rename itself is still atomic.
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
