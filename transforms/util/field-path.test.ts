import { describe, expect, it } from 'vitest';
import { ConfigException, ParsedConfig, ConfigDef } from '../../src/config/index.js';
import { Schema, SchemaBuilder, Struct } from '../../src/data/index.js';
import { SingleFieldPath, appendFieldSyntaxVersionConfig, fieldSyntaxVersionFromConfig } from './field-path.js';

const v2 = (path: string): SingleFieldPath => new SingleFieldPath(path, 'V2');
const stepsV2 = (path: string): readonly string[] => v2(path).steps();

describe('SingleFieldPath parsing (Kafka FieldPathNotationTest)', () => {
  it('V1 keeps the whole text as one step', () => {
    for (const path of ['foo.bar.baz', 'foo`bar`', 'foo.`bar.baz`']) expect(new SingleFieldPath(path, 'V1').steps()).toEqual([path]);
  });

  it('V2 includes empty field names', () => {
    expect(stepsV2('..')).toEqual(['', '', '']);
    expect(stepsV2('foo..')).toEqual(['foo', '', '']);
    expect(stepsV2('.bar.')).toEqual(['', 'bar', '']);
    expect(stepsV2('..baz')).toEqual(['', '', 'baz']);
  });

  it('V2 splits on dots, empty path has no steps', () => {
    expect(stepsV2('')).toEqual([]);
    expect(stepsV2('foobarbaz')).toEqual(['foobarbaz']);
    expect(stepsV2('foo.bar.baz')).toEqual(['foo', 'bar', 'baz']);
    expect(stepsV2('foo`bar`baz')).toEqual(['foo`bar`baz']);
  });

  it('V2 backtick pairs wrap names with dots', () => {
    expect(stepsV2('`foo.bar.baz`')).toEqual(['foo.bar.baz']);
    expect(stepsV2('foo.`bar.baz`')).toEqual(['foo', 'bar.baz']);
    expect(stepsV2('`foo.bar`.baz')).toEqual(['foo.bar', 'baz']);
    expect(stepsV2('foo.`bar`.baz')).toEqual(['foo', 'bar', 'baz']);
  });

  it('V2 keeps backticks that do not wrap', () => {
    expect(stepsV2('foo.``bar.baz`')).toEqual(['foo', '`bar.baz']);
    expect(stepsV2('foo.`bar.baz``')).toEqual(['foo', 'bar.baz`']);
    expect(stepsV2('foo.`ba`r.baz`')).toEqual(['foo', 'ba`r.baz']);
    expect(stepsV2('foo.ba`r.baz')).toEqual(['foo', 'ba`r', 'baz']);
    expect(stepsV2('foo.``bar``.baz')).toEqual(['foo', '`bar`', 'baz']);
    expect(stepsV2('``foo.bar.baz``')).toEqual(['`foo.bar.baz`']);
  });

  it('V2 escapes backticks with a backslash', () => {
    expect(stepsV2('foo.`bar\\`.baz`')).toEqual(['foo', 'bar`.baz']);
    expect(stepsV2('foo.`bar.`baz`')).toEqual(['foo', 'bar.`baz']);
    expect(stepsV2('foo.`bar\\`.`baz`')).toEqual(['foo', 'bar`.`baz']);
    expect(stepsV2('foo.`bar\\\\`.\\`baz`')).toEqual(['foo', 'bar\\`.\\`baz']);
  });

  it('V2 rejects an incomplete backtick pair', () => {
    const cases: Array<[string, number]> = [
      ['`foo.bar.baz', 0],
      ['foo.`bar.baz', 4],
      ['foo.bar.`baz', 8],
      ['foo.bar.`baz\\`', 8],
    ];
    for (const [path, position] of cases) {
      expect(() => v2(path)).toThrow(ConfigException);
      expect(() => v2(path)).toThrow(
        `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${position} to escape it`,
      );
    }
  });
});

describe('SingleFieldPath access (Kafka SingleFieldPathTest)', () => {
  const barSchema = SchemaBuilder.struct().field('bar', Schema.INT32_SCHEMA).build();
  const schema = SchemaBuilder.struct().field('foo', barSchema).build();

  it('finds fields in schemas', () => {
    expect(v2('foo.bar').fieldFrom(schema)?.equals(barSchema.field('bar'))).toBe(true);
    expect(v2('foo').fieldFrom(schema)?.equals(schema.field('foo'))).toBe(true);
    expect(v2('un.known').fieldFrom(schema)).toBeNull();
    expect(v2('foo.unknown').fieldFrom(schema)).toBeNull();
    expect(v2('unknown').fieldFrom(schema)).toBeNull();
    expect(v2('test').fieldFrom(null)).toBeNull();
  });

  it('finds values in maps, null when missing', () => {
    const map = new Map<string, unknown>([['foo', new Map<string, unknown>([['bar', 42], ['baz', null]])]]);
    expect(v2('foo.bar').valueFromMap(map)).toBe(42);
    expect(v2('foo.baz').valueFromMap(map)).toBeNull();
    expect(v2('un.known').valueFromMap(map)).toBeNull();
    expect(v2('foo.unknown').valueFromMap(map)).toBeNull();
    expect(v2('unknown').valueFromMap(map)).toBeNull();
    expect(v2('foo.baz.inner').valueFromMap(map)).toBeNull();
    expect(v2('foo.bar').valueFromMap({ foo: { bar: 7 } })).toBe(7);
  });

  it('finds values in structs, null when missing', () => {
    const bazSchema = SchemaBuilder.struct().field('inner', Schema.STRING_SCHEMA).optional().build();
    const bar = SchemaBuilder.struct().field('bar', Schema.INT32_SCHEMA).field('baz', bazSchema).build();
    const root = SchemaBuilder.struct().field('foo', bar).build();
    const struct = new Struct(root).put('foo', new Struct(bar).put('bar', 42).put('baz', null));
    expect(v2('foo.bar').valueFromStruct(struct)).toBe(42);
    expect(v2('foo.baz').valueFromStruct(struct)).toBeNull();
    expect(v2('un.known').valueFromStruct(struct)).toBeNull();
    expect(v2('foo.unknown').valueFromStruct(struct)).toBeNull();
    expect(v2('unknown').valueFromStruct(struct)).toBeNull();
    expect(v2('foo.baz.inner').valueFromStruct(struct)).toBeNull();
  });
});

describe('field.syntax.version', () => {
  const def = appendFieldSyntaxVersionConfig(new ConfigDef());

  it('defaults to V1 and ignores case', () => {
    expect(fieldSyntaxVersionFromConfig(new ParsedConfig(def, {}))).toBe('V1');
    expect(fieldSyntaxVersionFromConfig(new ParsedConfig(def, { 'field.syntax.version': 'v2' }))).toBe('V2');
  });

  it('rejects other values naming the key', () => {
    expect(() => new ParsedConfig(def, { 'field.syntax.version': 'V3' })).toThrow(
      'Invalid value V3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2',
    );
  });
});
