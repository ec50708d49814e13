import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { SourceTaskContext } from '../../src/connect/index.js';
import { OffsetStorageReader, OffsetStorageWriter, type SourceOffset, type SourcePartition } from '../../src/runtime/offset-storage.js';
import { MemoryOffsetBackingStore } from '../../src/runtime/offset-store.js';
import type { Logger } from '../../src/util/logger.js';

export const CONNECTOR_NAME = 'local-file-source';

/** Temp directories under os.tmpdir(), removed by removeAll() in afterEach. */
export class TempDirs {
  readonly #dirs: string[] = [];

  make(prefix = 'sluice-file-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** A source task context over a memory offset store, pre-filled with `offsets`. */
export async function sourceContext(
  config: Record<string, string>,
  offsets: Array<[SourcePartition, SourceOffset]> = [],
): Promise<SourceTaskContext> {
  const store = new MemoryOffsetBackingStore();
  await store.start();
  const writer = new OffsetStorageWriter(CONNECTOR_NAME, store);
  for (const [partition, offset] of offsets) writer.offset(partition, offset);
  await writer.flush();
  const reader = new OffsetStorageReader(CONNECTOR_NAME, store);
  return { configs: () => config, offsetStorageReader: () => reader };
}

/** A real pino logger whose messages land in `messages`. */
export function capturingLogger(): { logger: Logger; messages: Array<{ level: number; msg: string }> } {
  const messages: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => messages.push(JSON.parse(line) as { level: number; msg: string }) });
  return { logger, messages };
}
