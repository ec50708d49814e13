import { describe, expect, it } from 'vitest';
import { javaToString } from './java-text.js';
import { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';
import { markSchemalessDouble } from './schemaless-doubles.js';
import { Struct } from './struct.js';

describe('javaToString of containers', () => {
  it('prints maps in their iteration order, keys and values as Java prints them', () => {
    const map = new Map<unknown, unknown>([
      ['message', 'hello'],
      ['schema_version', 1],
      [2, [1.5, 'x', null]],
      [true, new Map([['inner', -0]])],
    ]);
    expect(javaToString(map)).toBe('{message=hello, schema_version=1, 2=[1.5, x, null], true={inner=-0.0}}');
    expect(javaToString(new Map())).toBe('{}');
    expect(javaToString({})).toBe('{}');
    expect(javaToString([])).toBe('[]');
  });

  it('applies the key and value schemas of a MAP or ARRAY schema to every entry', () => {
    const schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.FLOAT32_SCHEMA).build();
    expect(javaToString(new Map([[1, 0.1], [2, 3]]), schema)).toBe('{1=0.1, 2=3.0}');
    expect(javaToString({ a: 2, b: 'text' }, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())).toBe('{a=2.0, b=text}');
    expect(javaToString([1, 2], SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build())).toBe('[1.0, 2.0]');
  });

  it('prints plain objects in Object.entries order', () => {
    const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    object.b = 1;
    object[2] = 'two';
    object.a = [true, null];
    expect(javaToString(object)).toBe('{2=two, b=1, a=[true, null]}');
  });

  it('prints entries a reader marked as Java Doubles as doubles, while they hold the marked number', () => {
    const map = new Map<string, unknown>([['a', 20], ['b', 3]]);
    markSchemalessDouble(map, 'a', 20);
    expect(javaToString(map)).toBe('{a=20.0, b=3}');
    const list = [1, 2];
    markSchemalessDouble(list, 1, 2);
    expect(javaToString(list)).toBe('[1, 2.0]');
    const object: Record<string, unknown> = { x: 5, y: 6 };
    markSchemalessDouble(object, 'x', 5);
    object.x = 7;
    expect(javaToString(object)).toBe('{x=7, y=6}');
    // A schema decides over a mark.
    expect(javaToString(map, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())).toBe('{a=20, b=3}');
  });

  it('prints a hole of a sparse array as nothing and undefined as null', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(javaToString([1, , 3])).toBe('[1, , 3]');
    expect(javaToString([undefined, 'x'])).toBe('[null, x]');
  });

  it('prints numbers without a schema as integers when integral, else as Java doubles', () => {
    expect([0, -0, 7, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5, NaN, 1e-5].map((n) => javaToString(n))).toEqual([
      '0', '-0.0', '7', '-2147483648', '2147483648', '9.007199254740992E15', '1.5', 'NaN', '1.0E-5',
    ]);
  });

  it('prints structs inside containers', () => {
    const schema = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('score', Schema.FLOAT64_SCHEMA).build();
    const struct = new Struct(schema).put('id', 5n).put('score', 2);
    expect(javaToString(new Map([['s', [struct]]]))).toBe('{s=[Struct{id=5,score=2.0}]}');
  });
});
