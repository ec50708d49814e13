import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileOffsetBackingStore, MemoryOffsetBackingStore, type OffsetBackingStore } from './offset-store.js';
import { offsetFromJson, OffsetStorageReader, OffsetStorageWriter, offsetKey, offsetToJson, parseOffsetKey } from './offset-storage.js';

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

  it('writes without blocking, in order, and a failed write fails only its own flush', async () => {
    const path = tempFile();
    const store = new FileOffsetBackingStore(path);
    await store.start();
    const writes = Array.from({ length: 20 }, (_, i) => store.set(new Map([['k', String(i)]])));
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(path, 'utf8')).offsets).toEqual({ k: '19' });

    // A directory where the temporary file goes makes the next write fail.
    mkdirSync(`${path}.tmp`);
    await expect(store.set(new Map([['k', 'lost']]))).rejects.toThrow();
    rmSync(`${path}.tmp`, { recursive: true });
    await store.set(new Map([['k', 'after']]));
    await store.stop();
    expect(JSON.parse(readFileSync(path, 'utf8')).offsets).toEqual({ k: 'after' });
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

describe('offset values', () => {
  it('keep integers past 2^53 exact: bigint written as integer text, read back as bigint', async () => {
    const store = new MemoryOffsetBackingStore();
    const writer = new OffsetStorageWriter('c', store);
    writer.offset({ table: 't' }, { timestamp_nanos: 0, incrementing: 9_223_372_036_854_775_807n, timestamp: 1_659_312_000_123 });
    writer.offset({ table: 'u' }, { incrementing: 42n, small: -(2n ** 53n) - 1n });
    await writer.flush();
    const stored = await store.get([offsetKey('c', { table: 't' })]);
    // The text a Java worker's JsonConverter writes for a Long.
    expect([...stored.values()]).toEqual(['{"timestamp_nanos":0,"incrementing":9223372036854775807,"timestamp":1659312000123}']);
    const reader = new OffsetStorageReader('c', store);
    expect(await reader.offset({ table: 't' })).toEqual({ timestamp_nanos: 0, incrementing: 9_223_372_036_854_775_807n, timestamp: 1_659_312_000_123 });
    expect(await reader.offset({ table: 'u' })).toEqual({ incrementing: 42, small: -(2n ** 53n) - 1n });
  });

  it('read and write everything else as JSON.parse and JSON.stringify do', () => {
    const samples = [
      { position: 10, file: 'a.txt', done: false, none: null },
      { nested: { list: [1, 'two', [3.5, null]], when: new Date(0) }, skipped: undefined, digits: '12345678901234567890' },
      {},
    ];
    for (const sample of samples) {
      const text = offsetToJson(sample);
      expect(text).toBe(JSON.stringify(sample));
      expect(offsetFromJson(text)).toEqual(JSON.parse(text));
    }
    expect(offsetFromJson('{"big":[12345678901234567890,-9007199254740993],"n":9007199254740991,"x":1.25,"s":"9007199254740993"}')).toEqual({
      big: [12_345_678_901_234_567_890n, -9_007_199_254_740_993n],
      n: 9_007_199_254_740_991,
      x: 1.25,
      s: '9007199254740993',
    });
  });
});
