import { describe, expect, it } from 'vitest';
import { Schema, SchemaBuilder } from '../../src/data/index.js';
import { SchemaCache } from './schema-cache.js';

const structWith = (name: string) => SchemaBuilder.struct().field(name, Schema.INT32_SCHEMA).build();

describe('SchemaCache', () => {
  it('finds entries by identity and by schema equality', () => {
    const cache = new SchemaCache<string>();
    cache.put(structWith('a'), 'derived');
    expect(cache.get(structWith('a'))).toBe('derived');
    expect(cache.get(structWith('b'))).toBeUndefined();
  });

  it('evicts the least recently used beyond 16 entries', () => {
    const cache = new SchemaCache<number>();
    for (let i = 0; i < 16; i++) cache.put(structWith(`f${i}`), i);
    expect(cache.get(structWith('f0'))).toBe(0);
    cache.put(structWith('f16'), 16);
    expect(cache.size()).toBe(16);
    expect(cache.get(structWith('f1'))).toBeUndefined();
    expect(cache.get(structWith('f0'))).toBe(0);
  });

  it('computeIfAbsent derives once', () => {
    const cache = new SchemaCache<object>();
    let calls = 0;
    const derive = () => ({ n: ++calls });
    const first = cache.computeIfAbsent(structWith('a'), derive);
    expect(cache.computeIfAbsent(structWith('a'), derive)).toBe(first);
    expect(calls).toBe(1);
  });
});
