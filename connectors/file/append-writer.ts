import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** Where the sink task's text goes: a file opened for append, or a stream such as stdout. */
export interface TextDestination {
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export class FileDestination implements TextDestination {
  constructor(private readonly handle: FileHandle) {}

  async write(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      // position null: the file is opened with O_APPEND, so every write lands at the end.
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** A stream the process owns (stdout): written to, never ended. */
export class StreamDestination implements TextDestination {
  constructor(private readonly stream: Writable) {}

  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  async close(): Promise<void> {}
}

/** Past this many queued chars append() waits for the write in progress, bounding memory. */
const DEFAULT_HIGH_WATER_CHARS = 8 * 1024 * 1024;

/**
 * Appends text with one write in flight at a time: whatever was appended while a write ran goes
 * out in the next one, so a busy sink makes few large writes and put() rarely waits. A failed
 * write fails every later append and flush (the data it held is lost, so the task must fail
 * rather than commit offsets past it).
 */
export class AppendWriter {
  #queued: string[] = [];
  #queuedChars = 0;
  #writing: Promise<void> | null = null;
  #failure: unknown = null;

  constructor(
    private readonly destination: TextDestination,
    private readonly highWaterChars = DEFAULT_HIGH_WATER_CHARS,
  ) {}

  async append(text: string): Promise<void> {
    this.#throwIfFailed();
    if (text.length === 0) return;
    this.#queued.push(text);
    this.#queuedChars += text.length;
    this.#startWriting();
    if (this.#queuedChars > this.highWaterChars) await this.#writing;
    this.#throwIfFailed();
  }

  /** Resolves once everything appended so far has been handed to the OS. */
  async flush(): Promise<void> {
    this.#startWriting();
    while (this.#writing !== null) await this.#writing;
    this.#throwIfFailed();
  }

  /** Flushes, then closes the destination even if the flush failed. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.destination.close();
    }
  }

  #startWriting(): void {
    if (this.#writing === null && this.#queued.length > 0 && this.#failure === null) this.#writing = this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queued.length > 0) {
        const text = this.#queued.length === 1 ? this.#queued[0] : this.#queued.join('');
        this.#queued = [];
        this.#queuedChars = 0;
        await this.destination.write(Buffer.from(text, 'utf8'));
      }
    } catch (err) {
      this.#failure = err;
    } finally {
      this.#writing = null;
    }
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw this.#failure;
  }
}
