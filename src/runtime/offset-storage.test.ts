import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileOffsetBackingStore, MemoryOffsetBackingStore, type OffsetBackingStore } from './offset-store.js';
import { OffsetStorageReader, OffsetStorageWriter, offsetKey, parseOffsetKey } from './offset-storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'sluice-offsets-'));
  dirs.push(d);
  return join(d, 'connect.offsets');
}

describe('offset keys', () => {
  it('use the offsets-topic JSON form Java workers write', () => {
    expect(offsetKey('local-file-source', { filename: 'test.txt' })).toBe('["local-file-source",{"filename":"test.txt"}]');
    expect(parseOffsetKey('["c",{"table":"t"}]')).toEqual({ connector: 'c', partition: { table: 't' } });
    expect(parseOffsetKey('{"not":"a key"}')).toBeNull();
    expect(parseOffsetKey('garbage')).toBeNull();
  });
});

describe('FileOffsetBackingStore', () => {
  it('persists offsets across instances and deletes with null', async () => {
    const path = tempFile();
    const first = new FileOffsetBackingStore(path);
    await first.start();
    const writer = new OffsetStorageWriter('src', first);
    writer.offset({ filename: 'a' }, { position: 10 });
    writer.offset({ filename: 'b' }, { position: 20 });
    expect(await writer.flush()).toBe(true);
    writer.offset({ filename: 'b' }, null);
    await writer.flush();
    await first.stop();

    const second = new FileOffsetBackingStore(path);
    await second.start();
    const reader = new OffsetStorageReader('src', second);
    expect(await reader.offset({ filename: 'a' })).toEqual({ position: 10 });
    expect(await reader.offset({ filename: 'b' })).toBeNull();
    expect(await new OffsetStorageReader('other', second).offset({ filename: 'a' })).toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8')).offsets).toEqual({ '["src",{"filename":"a"}]': '{"position":10}' });
  });

  it('treats a missing or unreadable file as no offsets', async () => {
    const path = tempFile();
    writeFileSync(path, Buffer.from([0xac, 0xed, 0x00, 0x05]));
    const store = new FileOffsetBackingStore(path);
    await store.start();
    expect(await store.keys()).toEqual([]);
  });
});

describe('OffsetStorageWriter', () => {
  it('keeps a failed flush for the next attempt without overwriting newer offsets', async () => {
    let fail = true;
    const inner = new MemoryOffsetBackingStore();
    const flaky: OffsetBackingStore = {
      start: () => inner.start(),
      stop: () => inner.stop(),
      get: (k) => inner.get(k),
      keys: () => inner.keys(),
      set: async (e) => {
        if (fail) throw new Error('store down');
        await inner.set(e);
      },
    };
    const writer = new OffsetStorageWriter('c', flaky);
    writer.offset({ p: 1 }, { o: 1 });
    writer.offset({ p: 2 }, { o: 1 });
    await expect(writer.flush()).rejects.toThrow('store down');
    writer.offset({ p: 1 }, { o: 2 });
    fail = false;
    await writer.flush();
    const reader = new OffsetStorageReader('c', inner);
    expect(await reader.offset({ p: 1 })).toEqual({ o: 2 });
    expect(await reader.offset({ p: 2 })).toEqual({ o: 1 });
    expect(await writer.flush()).toBe(false);
  });
});
