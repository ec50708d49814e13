import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ReadTarget } from './line-buffer.js';

/** Where the source task's bytes come from: a file read by position, or a stream such as stdin. */
export interface ByteInput {
  /** Reads what is available now into `target`; 0 when nothing is (end of file so far, or an idle stream). */
  read(target: ReadTarget): Promise<number>;
  close(): Promise<void>;
}

/** A file read with positional reads from a byte position, so a growing file is simply read further. */
export class FileInput implements ByteInput {
  #position: number;

  constructor(
    private readonly handle: FileHandle,
    position: number,
  ) {
    this.#position = position;
  }

  async read(target: ReadTarget): Promise<number> {
    const { bytesRead } = await this.handle.read(target.buffer, target.offset, target.length, this.#position);
    this.#position += bytesRead;
    return bytesRead;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * A readable stream (standard input, or one a test injects) read in paused mode, so it is only
 * drained as fast as polls consume it. `onReadable` fires when new data (or the end) arrives.
 * Closing detaches without destroying the stream: the process owns stdin.
 */
export class StreamInput implements ByteInput {
  #leftover: Buffer | null = null;
  #error: Error | null = null;
  readonly #onError = (err: Error): void => {
    this.#error = err;
    this.onReadable();
  };

  constructor(
    private readonly stream: Readable,
    private readonly onReadable: () => void,
  ) {
    stream.on('readable', onReadable);
    stream.on('error', this.#onError);
  }

  async read(target: ReadTarget): Promise<number> {
    if (this.#error !== null) throw this.#error;
    let copied = 0;
    while (copied < target.length) {
      const chunk = this.#leftover ?? (this.stream.read() as Buffer | string | null);
      if (chunk === null) break;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const n = bytes.copy(target.buffer, target.offset + copied, 0, Math.min(bytes.length, target.length - copied));
      copied += n;
      this.#leftover = n < bytes.length ? bytes.subarray(n) : null;
    }
    return copied;
  }

  async close(): Promise<void> {
    this.stream.off('readable', this.onReadable);
    this.stream.off('error', this.#onError);
  }
}
