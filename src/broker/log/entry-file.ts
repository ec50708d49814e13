/**
 * An index file of fixed-size entries, appended one entry at a time while its segment is active
 * and rewritten whole when rebuilt. A torn trailing entry (crash mid-write) is ignored on read.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFully } from './files.js';

export class EntryFile {
  private fd: number | null = null;

  constructor(
    readonly path: string,
    readonly entryBytes: number,
  ) {}

  /** The whole entries stored, or null when the file does not exist. */
  read(): Buffer | null {
    if (!existsSync(this.path)) return null;
    const data = readFileSync(this.path);
    return data.subarray(0, data.length - (data.length % this.entryBytes));
  }

  /** Keeps the file open for appends, cut to `entries` entries. */
  openForAppend(entries: number): void {
    if (this.fd === null) this.fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w+');
    ftruncateSync(this.fd, entries * this.entryBytes);
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  write(entry: Buffer, index: number): void {
    if (this.fd !== null) writeFully(this.fd, entry, index * this.entryBytes);
  }

  truncate(entries: number): void {
    if (this.fd !== null) ftruncateSync(this.fd, entries * this.entryBytes);
  }

  /** Replaces the file's content (index rebuilds and compaction output). */
  replace(content: Buffer, path = this.path): void {
    const reopen = this.fd !== null && path === this.path;
    this.close();
    writeFileSync(path, content);
    if (reopen) this.fd = openSync(this.path, 'r+');
  }

  flush(): void {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  delete(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}
