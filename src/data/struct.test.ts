import { describe, expect, it } from 'vitest';
import { BigDecimal } from './big-decimal.js';
import { ConnectDate } from './date.js';
import { Decimal } from './decimal.js';
import { DataException, SchemaBuilderException } from './errors.js';
import { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';
import { chainReuse } from './chain-reuse.js';
import { Struct } from './struct.js';
import { ConnectTimestamp } from './timestamp.js';

const person = SchemaBuilder.struct()
  .name('x')
  .field('ID', Schema.INT64_SCHEMA)
  .field('NAME', Schema.OPTIONAL_STRING_SCHEMA)
  .field('AGE', SchemaBuilder.int8().optional().defaultValue(18).build())
  .build();

describe('Struct', () => {
  it('prints like Java, omitting null fields', () => {
    const struct = new Struct(person).put('ID', 1n).put('NAME', 'x');
    expect(struct.toString()).toBe('Struct{ID=1,NAME=x}');
  });

  it('prints nested values as Java does', () => {
    const inner = SchemaBuilder.struct().field('f', Schema.FLOAT64_SCHEMA).field('g', Schema.FLOAT32_SCHEMA).build();
    const outer = SchemaBuilder.struct()
      .field('inner', inner)
      .field('list', SchemaBuilder.array(Schema.INT32_SCHEMA).build())
      .field('map', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
      .field('price', Decimal.schema(2))
      .field('ts', ConnectTimestamp.SCHEMA)
      .field('bytes', Schema.BYTES_SCHEMA)
      .build();
    const struct = new Struct(outer)
      .put('inner', new Struct(inner).put('f', 1).put('g', 0.1))
      .put('list', [1, 2])
      .put('map', new Map([['a', 2.5], ['b', 3]]))
      .put('price', BigDecimal.fromString('9.99'))
      .put('ts', new Date(0))
      .put('bytes', Buffer.from([1, 2]));
    expect(struct.toString()).toBe(
      'Struct{inner=Struct{f=1.0,g=0.1},list=[1, 2],map={a=2.5, b=3.0},price=9.99,ts=Thu Jan 01 00:00:00 UTC 1970,bytes=[B@3e2}',
    );
  });

  it('returns defaults from get but not from getWithoutDefault', () => {
    const struct = new Struct(person).put('ID', 5n);
    expect(struct.get('AGE')).toBe(18);
    expect(struct.getWithoutDefault('AGE')).toBeNull();
    expect(struct.getInt64('ID')).toBe(5n);
    expect(() => struct.getString('ID')).toThrow("Field 'ID' is not of type STRING");
    expect(() => struct.get('nope')).toThrow('nope is not a valid field name');
  });

  it('validates values on put', () => {
    const struct = new Struct(person);
    expect(() => struct.put('ID', 1)).toThrow(DataException);
    expect(() => struct.put('ID', 1)).toThrow('Invalid Java object for schema with type INT64: number 1 for field: "ID"');
    expect(() => struct.put('ID', null)).toThrow('Invalid value: null used for required field: "ID", schema type: INT64');
    expect(() => struct.put('AGE', 128)).toThrow('with type INT8: number 128');
    expect(() => struct.put('AGE', 1.5)).toThrow(DataException);
    expect(() => struct.put('ID', 2n ** 63n)).toThrow(DataException);
    expect(() => struct.put('NAME', Buffer.from('x'))).toThrow('with type STRING: Buffer');
  });

  it('validates logical types and containers', () => {
    const schema = SchemaBuilder.struct()
      .field('day', ConnectDate.SCHEMA)
      .field('amount', Decimal.schema(2))
      .field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field('counts', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .build();
    const struct = new Struct(schema);
    expect(() => struct.put('day', 3)).toThrow('Invalid Java object for schema "org.apache.kafka.connect.data.Date" with type INT32: number 3 for field: "day"');
    expect(() => struct.put('amount', Buffer.from([1]))).toThrow(DataException);
    expect(() => struct.put('tags', ['a', 1])).toThrow('for element of array field: "tags"');
    expect(() => struct.put('counts', { a: 'x' })).toThrow('for value of map field: "counts"');
    expect(() => struct.put('tags', ['a', null])).toThrow('Invalid value: null used for required element of array field: "tags", schema type: STRING');
    expect(() => struct.put('counts', new Map([[1, 1]]))).toThrow('for key of map field: "counts"');
    const nested = SchemaBuilder.struct().field('inner', SchemaBuilder.struct().field('n', Schema.INT32_SCHEMA).build()).build();
    const inner = new Struct(nested.field('inner')!.schema());
    expect(() => new Struct(nested).put('inner', inner)).toThrow('Invalid value: null used for required field: "n", schema type: INT32');
    struct.put('counts', { a: 1 }).put('tags', ['a']).put('day', new Date(0)).put('amount', BigDecimal.fromString('1.00'));
    expect(() => struct.validate()).not.toThrow();
  });

  it('validate() requires required fields without defaults', () => {
    expect(() => new Struct(person).validate()).toThrow('Invalid value: null used for required field: "ID", schema type: INT64');
    expect(() => new Struct(person).put('ID', 1n).validate()).not.toThrow();
  });

  it('rejects a struct of another schema', () => {
    const other = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    const wrapper = SchemaBuilder.struct().field('p', person).build();
    expect(() => new Struct(wrapper).put('p', new Struct(other).put('a', 1))).toThrow('Struct schemas do not match.');
  });

  it('compares by schema and values', () => {
    const a = new Struct(person).put('ID', 1n).put('NAME', 'x');
    const b = new Struct(person).put('ID', 1n).put('NAME', 'x');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(new Struct(person).put('ID', 2n))).toBe(false);
  });
});

describe('Struct.copyFrom', () => {
  const tags = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
  const source = SchemaBuilder.struct().field('ID', Schema.INT64_SCHEMA).field('AGE', person.field('AGE')!.schema()).field('TAGS', tags).build();
  const sameSchemas = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('age', person.field('AGE')!.schema()).field('tags', tags).build();
  const f = (schema: Schema, name: string) => schema.field(name)!;

  it('gives what put(get(field)) gives, defaults included', () => {
    const from = new Struct(source).put('ID', 7n).put('TAGS', ['a']);
    const copy = new Struct(sameSchemas);
    copy.copyFrom(from, f(source, 'ID'), f(sameSchemas, 'id')).copyFrom(from, f(source, 'AGE'), f(sameSchemas, 'age')).copyFrom(from, f(source, 'TAGS'), f(sameSchemas, 'tags'));
    expect(copy.toString()).toBe('Struct{id=7,age=18,tags=[a]}');
    expect(new Struct(sameSchemas).copyFrom(from, f(source, 'AGE'), f(sameSchemas, 'age'), false).getWithoutDefault('age')).toBeNull();
  });

  it('validates as put does where the value could be wrong for the target', () => {
    const from = new Struct(source).put('ID', 7n);
    // An unset required field.
    expect(() => new Struct(sameSchemas).copyFrom(new Struct(source), f(source, 'ID'), f(sameSchemas, 'id'))).toThrow(
      'Invalid value: null used for required field: "id", schema type: INT64',
    );
    // Another target schema.
    const int32 = SchemaBuilder.struct().field('id', Schema.INT32_SCHEMA).build();
    expect(() => new Struct(int32).copyFrom(from, f(source, 'ID'), f(int32, 'id'))).toThrow('Invalid Java object for schema with type INT32: bigint 7 for field: "id"');
    // A container changed since it was put.
    const list: unknown[] = ['a'];
    const withList = new Struct(source).put('ID', 1n).put('TAGS', list);
    list.push(5);
    expect(() => new Struct(sameSchemas).copyFrom(withList, f(source, 'TAGS'), f(sameSchemas, 'tags'))).toThrow(DataException);
  });
});

describe('Struct.fieldCopier', () => {
  const tags = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
  const build = () => SchemaBuilder.struct().field('ID', Schema.INT64_SCHEMA).field('AGE', person.field('AGE')!.schema()).field('TAGS', tags).build();
  const source = build();
  const target = SchemaBuilder.struct().field('tags', tags).field('id', Schema.INT64_SCHEMA).field('age', person.field('AGE')!.schema()).build();
  const pairs = [
    [source.field('ID')!, target.field('id')!],
    [source.field('AGE')!, target.field('age')!],
    [source.field('TAGS')!, target.field('tags')!],
  ] as const;
  const copy = Struct.fieldCopier(source, pairs);
  const viaCopyFrom = (from: Struct, withDefault: boolean): Struct => {
    const out = new Struct(target);
    for (const [a, b] of pairs) out.copyFrom(from, a, b, withDefault);
    return out;
  };
  const outcome = (f: () => Struct): string => {
    try {
      return f().toString();
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  it('copies as copyFrom does, for its own schema and for an equal one', () => {
    const list: unknown[] = ['a'];
    const cases = [
      new Struct(source).put('ID', 7n).put('TAGS', ['a', 'b']),
      new Struct(source).put('ID', 7n).put('AGE', 30).put('TAGS', list),
      new Struct(source).put('TAGS', []),
      new Struct(build()).put('ID', 8n).put('TAGS', ['c']),
    ];
    list.push(1);
    for (const from of cases) {
      for (const withDefault of [true, false]) {
        expect(outcome(() => {
          const out = new Struct(target);
          copy(from, out, withDefault);
          return out;
        })).toBe(outcome(() => viaCopyFrom(from, withDefault)));
      }
    }
    const out = new Struct(target);
    copy(cases[0], out, true);
    expect(out.toString()).toBe('Struct{tags=[a, b],id=7,age=18}');
  });
});

describe('SchemaBuilder and Schema', () => {
  it('builds schemas that compare by content', () => {
    const a = SchemaBuilder.struct().name('x').field('id', Schema.INT64_SCHEMA).optional().build();
    const b = SchemaBuilder.struct().name('x').field('id', Schema.INT64_SCHEMA).optional().build();
    expect(a.equals(b)).toBe(true);
    expect(a.isOptional()).toBe(true);
    expect(a.fields()[0].index()).toBe(0);
    expect(a.equals(SchemaBuilder.struct().name('y').field('id', Schema.INT64_SCHEMA).optional().build())).toBe(false);
    expect(Decimal.schema(2).equals(Decimal.schema(2))).toBe(true);
    expect(Decimal.schema(2).equals(Decimal.schema(3))).toBe(false);
    expect(SchemaBuilder.int32().equals(Schema.INT32_SCHEMA)).toBe(false);
    expect(SchemaBuilder.int32().defaultValue(5).build().equals(SchemaBuilder.int32().defaultValue(5).build())).toBe(true);
  });

  it('rejects invalid builder calls as Java does', () => {
    expect(() => SchemaBuilder.int32().name('a').name('b')).toThrow('Invalid SchemaBuilder call: name has already been set.');
    expect(() => SchemaBuilder.int32().field('a', Schema.INT32_SCHEMA)).toThrow('Cannot create fields on type INT32');
    expect(() => SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).field('a', Schema.INT32_SCHEMA)).toThrow(
      'Cannot create field because of field name duplication a',
    );
    expect(() => SchemaBuilder.int32().defaultValue('x')).toThrow(SchemaBuilderException);
    expect(() => Schema.INT32_SCHEMA.fields()).toThrow('Cannot list fields on non-struct type');
  });

  it('prints like ConnectSchema.toString', () => {
    expect(Schema.INT32_SCHEMA.toString()).toBe('Schema{INT32}');
    expect(Decimal.schema(2).toString()).toBe('Schema{org.apache.kafka.connect.data.Decimal:BYTES}');
  });
});

describe('logical types', () => {
  it('converts dates and rejects times of day', () => {
    expect(ConnectDate.fromLogical(ConnectDate.SCHEMA, new Date(Date.UTC(1970, 0, 11)))).toBe(10);
    expect(ConnectDate.toLogical(ConnectDate.SCHEMA, -1).toISOString()).toBe('1969-12-31T00:00:00.000Z');
    expect(() => ConnectDate.fromLogical(ConnectDate.SCHEMA, new Date(1))).toThrow(
      'Kafka Connect Date type should not have any time fields set to non-zero values.',
    );
    expect(() => Decimal.fromLogical(Decimal.schema(2), BigDecimal.fromString('1.5'))).toThrow(
      'Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 1.',
    );
  });
});

describe('Struct.deriver', () => {
  const from = SchemaBuilder.struct().field('line', Schema.STRING_SCHEMA).field('n', SchemaBuilder.int32().optional().defaultValue(5).build()).build();
  const to = SchemaBuilder.struct().field('message', Schema.STRING_SCHEMA).field('n', from.field('n')!.schema()).field('extra', Schema.OPTIONAL_STRING_SCHEMA).build();
  const pairs = [
    [from.field('line')!, to.field('message')!],
    [from.field('n')!, to.field('n')!],
  ] as const;
  const derive = Struct.deriver(from, to, pairs);
  const offered = (struct: Struct, run: () => Struct): Struct => {
    chainReuse.begin(null, struct);
    try {
      return run();
    } finally {
      chainReuse.end();
    }
  };

  it('copies into a new Struct unless the chain offered the source', () => {
    const source = new Struct(from).put('line', 'a').put('n', 1);
    const out = derive(source, true);
    expect(out).not.toBe(source);
    expect(out.toString()).toBe('Struct{message=a,n=1}');
    expect(source.schema()).toBe(from);
  });

  it('rebinds an offered source of the same layout, with the result a copy would have', () => {
    const source = new Struct(from).put('line', 'a').put('n', 1);
    const out = offered(source, () => derive(source, true));
    expect(out).toBe(source);
    expect(out.schema()).toBe(to);
    expect(out.toString()).toBe('Struct{message=a,n=1}');
    out.put('extra', 'x');
    expect(out.getString('extra')).toBe('x');
    // Only the offered Struct, and only once.
    const other = new Struct(from).put('line', 'b');
    expect(offered(source, () => derive(other, false))).not.toBe(other);
  });

  it('copies an offered source when a null would take its default, or a value could have changed', () => {
    const withNull = new Struct(from).put('line', 'a');
    const copied = offered(withNull, () => derive(withNull, true));
    expect(copied).not.toBe(withNull);
    expect(copied.get('n')).toBe(5);
    expect(offered(withNull, () => derive(withNull, false))).toBe(withNull);

    const listSchema = SchemaBuilder.struct().field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
    const listTarget = SchemaBuilder.struct().field('t', listSchema.field('tags')!.schema()).build();
    const list = Struct.deriver(listSchema, listTarget, [[listSchema.field('tags')!, listTarget.field('t')!]]);
    const tags: unknown[] = ['a'];
    const withList = new Struct(listSchema).put('tags', tags);
    tags.push(1);
    // A copy re-validates the array, which has changed since it was put.
    expect(() => offered(withList, () => list(withList, true))).toThrow(DataException);
    expect(withList.schema()).toBe(listSchema);
  });

  it('rebinds an order-keeping projection (fields dropped), moving the values down', () => {
    const dropped = SchemaBuilder.struct().field('line', Schema.STRING_SCHEMA).build();
    const drop = Struct.deriver(from, dropped, [[from.field('line')!, dropped.field('line')!]]);
    const source = new Struct(from).put('line', 'a').put('n', 1);
    const kept = offered(source, () => drop(source, true));
    expect(kept).toBe(source);
    expect(kept.toString()).toBe('Struct{line=a}');
    expect(kept.schema()).toBe(dropped);

    const abc = SchemaBuilder.struct().field('a', Schema.STRING_SCHEMA).field('b', Schema.OPTIONAL_STRING_SCHEMA).field('c', Schema.INT32_SCHEMA).build();
    const bc = SchemaBuilder.struct().field('b2', abc.field('b')!.schema()).field('c', abc.field('c')!.schema()).build();
    const project = Struct.deriver(abc, bc, [
      [abc.field('c')!, bc.field('c')!],
      [abc.field('b')!, bc.field('b2')!],
    ]);
    const full = new Struct(abc).put('a', 'x').put('b', 'y').put('c', 3);
    const out = offered(full, () => project(full, true));
    expect(out).toBe(full);
    expect(out.toString()).toBe('Struct{b2=y,c=3}');
    expect(out.equals(project(new Struct(abc).put('a', 'x').put('b', 'y').put('c', 3), true))).toBe(true);
    out.validate();
  });

  it('copies when a field moves, or a required field is unset (the copy reports it)', () => {
    const source = new Struct(from).put('line', 'a').put('n', 1);
    const moved = SchemaBuilder.struct().field('n', from.field('n')!.schema()).field('line', Schema.STRING_SCHEMA).build();
    const move = Struct.deriver(from, moved, [
      [from.field('line')!, moved.field('line')!],
      [from.field('n')!, moved.field('n')!],
    ]);
    const out = offered(source, () => move(source, true));
    expect(out).not.toBe(source);
    expect(out.toString()).toBe('Struct{n=1,line=a}');
    const unset = new Struct(from).put('n', 2);
    expect(() => offered(unset, () => derive(unset, true))).toThrow(DataException);
    expect(unset.schema()).toBe(from);
  });
});
