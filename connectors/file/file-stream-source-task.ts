import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ConnectError, type SourcePartition, type SourceTask, type SourceTaskContext } from '../../src/connect/index.js';
import { Schema, SourceRecord } from '../../src/data/index.js';
import type { Logger } from '../../src/util/logger.js';
import { FileInput, StreamInput, type ByteInput } from './byte-input.js';
import { fileConnectorLogger } from './file-connector-logger.js';
import { parseSourceConfig, type FileStreamSourceSettings } from './file-stream-source-config.js';
import { IdleWait } from './idle-wait.js';
import { LineBuffer } from './line-buffer.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

export const FILENAME_FIELD = 'filename';
export const POSITION_FIELD = 'position';

/** Kafka's FileStreamSourceTask sleeps this long when there is nothing to read. */
export const DEFAULT_IDLE_WAIT_MS = 1000;

export interface FileStreamSourceTaskOptions {
  /** Read when `file` is unset, instead of process.stdin. */
  stdin?: Readable;
  logger?: Logger;
  /** How long poll() waits when there is nothing to read. */
  idleWaitMs?: number;
  /** Called when poll() starts waiting at the end of the file (tests synchronise on it). */
  onIdle?: () => void;
  /** Initial line buffer size in bytes; it doubles for longer lines. */
  initialBufferBytes?: number;
}

/**
 * Reads lines from a file (or stdin) as Kafka's FileStreamSourceTask does: one record per line,
 * following the file as it grows, resuming from the stored position.
 *
 * Positions count bytes of the file. Kafka counts chars read through a UTF-8 reader, which is the
 * same for ASCII files; for files with multi-byte characters the offsets differ from a Java
 * worker's, so a Java worker's stored position must not be reused for such a file (nor ours by it).
 */
export class FileStreamSourceTask implements SourceTask {
  static readonly CLASS_NAME = 'org.apache.kafka.connect.file.FileStreamSourceTask';

  readonly #stdin: Readable | undefined;
  readonly #logger: Logger;
  readonly #idleWaitMs: number;
  readonly #onIdle: (() => void) | undefined;
  readonly #lines: LineBuffer;
  readonly #idle = new IdleWait();
  #watcher: FSWatcher | null = null;
  #context: SourceTaskContext | null = null;
  #settings: FileStreamSourceSettings | null = null;
  /** {"filename": <file>}, or null for stdin, whose offsets are not tracked. */
  #partition: SourcePartition | null = null;
  #input: ByteInput | null = null;
  /** File position at which #lines started counting consumed bytes. */
  #basePosition = 0;
  #reportedMissing = false;
  #stopping = false;
  #polling: Promise<SourceRecord[] | null> | null = null;

  constructor(options: FileStreamSourceTaskOptions = {}) {
    this.#stdin = options.stdin;
    this.#logger = options.logger ?? fileConnectorLogger();
    this.#idleWaitMs = options.idleWaitMs ?? DEFAULT_IDLE_WAIT_MS;
    this.#onIdle = options.onIdle;
    this.#lines = new LineBuffer(options.initialBufferBytes);
  }

  version(): string {
    return SLUICE_VERSION;
  }

  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  start(config: Record<string, string>): void {
    const settings = parseSourceConfig(config);
    // Kafka returns after the first line when batch.size < 1, as a batch of one does.
    this.#settings = { ...settings, batchSize: Math.max(1, settings.batchSize) };
    if (settings.file === null) {
      this.#input = new StreamInput(this.#stdin ?? process.stdin, () => this.#idle.wake());
    } else {
      this.#partition = Object.freeze({ [FILENAME_FIELD]: settings.file });
    }
  }

  async poll(): Promise<SourceRecord[] | null> {
    const settings = this.#settings;
    if (settings === null) throw new ConnectError('FileStreamSourceTask polled before start()');
    if (this.#stopping) return null;
    const polling = this.#readBatch(settings);
    this.#polling = polling;
    try {
      return await polling;
    } finally {
      this.#polling = null;
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#watcher?.close();
    this.#watcher = null;
    this.#idle.wake();
    await this.#polling?.catch(() => null);
    const input = this.#input;
    this.#input = null;
    await input?.close();
  }

  async #readBatch(settings: FileStreamSourceSettings): Promise<SourceRecord[] | null> {
    const input = this.#input ?? (await this.#openFile(settings));
    if (input === null) {
      if (!this.#stopping) await this.#idle.wait(this.#idleWaitMs);
      return null;
    }
    const records: SourceRecord[] = [];
    this.#takeLines(records, settings, Date.now());
    let readSomething = false;
    while (records.length < settings.batchSize && !this.#stopping) {
      const target = this.#lines.readTarget();
      const bytes = await input.read(target);
      if (bytes === 0) break;
      this.#lines.commit(bytes);
      readSomething = true;
      this.#takeLines(records, settings, Date.now());
    }
    if (this.#stopping) return null;
    if (records.length > 0) return records;
    if (!readSomething) {
      this.#onIdle?.();
      await this.#idle.wait(this.#idleWaitMs);
    }
    return null;
  }

  #takeLines(records: SourceRecord[], settings: FileStreamSourceSettings, timestamp: number): void {
    const partition = this.#partition;
    while (records.length < settings.batchSize) {
      const line = this.#lines.nextLine();
      if (line === null) return;
      records.push(
        new SourceRecord({
          sourcePartition: partition,
          sourceOffset: partition === null ? null : { [POSITION_FIELD]: this.#basePosition + this.#lines.consumed },
          topic: settings.topic,
          valueSchema: Schema.STRING_SCHEMA,
          value: line,
          timestamp,
        }),
      );
    }
  }

  /** Opens the file and seeks to the stored position; null while the file does not exist. */
  async #openFile(settings: FileStreamSourceSettings): Promise<ByteInput | null> {
    const file = settings.file as string;
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConnectError(`Error while trying to open file ${file}`, 500, { cause: err });
      if (!this.#reportedMissing) this.#logger.warn(`Couldn't find file ${file} for FileStreamSourceTask, sleeping to wait for it to be created`);
      this.#reportedMissing = true;
      return null;
    }
    let position: number;
    try {
      position = await this.#storedPosition(file);
      if (position > 0) await this.#warnIfBeyondEnd(handle, file, position);
    } catch (err) {
      await handle.close();
      throw err;
    }
    if (this.#stopping) {
      await handle.close();
      return null;
    }
    this.#basePosition = position;
    this.#input = new FileInput(handle, position);
    this.#watchForAppends(file);
    this.#logger.debug(`Opened ${file} for reading at byte ${position}`);
    return this.#input;
  }

  /**
   * Ends the idle wait as soon as the file changes, so an appended line is read within
   * milliseconds instead of after the 1 s wait (which stays as the fallback when watching fails).
   */
  #watchForAppends(file: string): void {
    try {
      this.#watcher = watch(file, { persistent: false }, () => this.#idle.wake());
      this.#watcher.on('error', () => {
        this.#watcher?.close();
        this.#watcher = null;
      });
    } catch {
      this.#watcher = null;
    }
  }

  async #storedPosition(file: string): Promise<number> {
    if (this.#context === null) throw new ConnectError('FileStreamSourceTask started without initialize()');
    const offset = await this.#context.offsetStorageReader().offset(this.#partition as SourcePartition);
    const position = offset?.[POSITION_FIELD] ?? null;
    if (position === null) return 0;
    // Stored offsets come back from JSON, so a Java Long arrives as an integral number.
    const value = typeof position === 'bigint' ? Number(position) : position;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new ConnectError('Offset position is the incorrect type');
    if (value < 0) throw new ConnectError(`Offset position ${value} stored for ${file} is negative`);
    this.#logger.debug(`Found previous offset, trying to skip to file offset ${value}`);
    return value;
  }

  async #warnIfBeyondEnd(handle: FileHandle, file: string, position: number): Promise<void> {
    const { size } = await handle.stat();
    if (position > size) {
      this.#logger.warn(`Stored position ${position} is beyond the end of ${file} (${size} bytes); waiting for the file to grow past it`);
    }
  }
}
