import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';

/** Writes a file so that a crash leaves either the old or the new content: write, fsync, rename. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    if (typeof content === 'string') writeSync(fd, content);
    else writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * writeFileAtomic without blocking the event loop: an fsync can take hundreds of milliseconds
 * while the disk is busy, which would stall every task of a worker. Callers serialize their writes.
 */
export async function writeFileAtomicAsync(path: string, content: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}
