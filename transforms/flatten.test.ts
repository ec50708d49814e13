import { describe, expect, it } from 'vitest';
import { DataException, Decimal, BigDecimal, Schema, SchemaBuilder, SourceRecord, Struct, isSchemalessDouble, markSchemalessDouble } from '../src/data/index.js';
import { Flatten, descriptors } from './flatten.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

function configured(props: Record<string, string> = {}, side: KeyOrValue = VALUE): Flatten {
  const xform = new Flatten(side);
  xform.configure(props);
  return xform;
}

function record(valueSchema: Schema | null, value: unknown): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'topic', kafkaPartition: 0, valueSchema, value });
}

const supportedTypesSchema = SchemaBuilder.struct()
  .field('int8', Schema.INT8_SCHEMA)
  .field('int16', Schema.INT16_SCHEMA)
  .field('int32', Schema.INT32_SCHEMA)
  .field('int64', Schema.INT64_SCHEMA)
  .field('float32', Schema.FLOAT32_SCHEMA)
  .field('float64', Schema.FLOAT64_SCHEMA)
  .field('boolean', Schema.BOOLEAN_SCHEMA)
  .field('string', Schema.STRING_SCHEMA)
  .field('bytes', Schema.BYTES_SCHEMA)
  .build();

describe('Flatten', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.Flatten$Key', 'org.apache.kafka.connect.transforms.Flatten$Value']);
  });

  it('requires a top-level struct or map', () => {
    expect(() => configured().apply(record(Schema.INT32_SCHEMA, 42))).toThrow(DataException);
    expect(() => configured().apply(record(null, 42))).toThrow('Only Map objects supported in absence of schema for [flattening], found: java.lang.Integer');
  });

  it('flattens nested structs', () => {
    const oneLevel = SchemaBuilder.struct().field('B', supportedTypesSchema).build();
    const twoLevel = SchemaBuilder.struct().field('A', oneLevel).build();
    const supported = new Struct(supportedTypesSchema)
      .put('int8', 8)
      .put('int16', 16)
      .put('int32', 32)
      .put('int64', 64n)
      .put('float32', 32)
      .put('float64', 64)
      .put('boolean', true)
      .put('string', 'stringy')
      .put('bytes', Buffer.from('bytes'));
    const xform = configured();
    const transformed = xform.apply(record(twoLevel, new Struct(twoLevel).put('A', new Struct(oneLevel).put('B', supported))))!;
    expect(transformed.valueSchema()!.type()).toBe('STRUCT');
    const flat = transformed.value() as Struct;
    expect(flat.schema().fields()).toHaveLength(9);
    expect(flat.getInt8('A.B.int8')).toBe(8);
    expect(flat.getInt16('A.B.int16')).toBe(16);
    expect(flat.getInt32('A.B.int32')).toBe(32);
    expect(flat.getInt64('A.B.int64')).toBe(64n);
    expect(flat.getFloat32('A.B.float32')).toBe(32);
    expect(flat.getFloat64('A.B.float64')).toBe(64);
    expect(flat.getBoolean('A.B.boolean')).toBe(true);
    expect(flat.getString('A.B.string')).toBe('stringy');
    expect(Buffer.from(flat.getBytes('A.B.bytes')!).toString()).toBe('bytes');
    expect(xform.apply(record(twoLevel, new Struct(twoLevel).put('A', new Struct(oneLevel).put('B', supported))))!.valueSchema()).toBe(
      transformed.valueSchema(),
    );
  });

  it('flattens nested maps with a delimiter', () => {
    const supported = new Map<string, unknown>([
      ['int32', 32],
      ['int64', 64n],
      ['float64', 64.5],
      ['boolean', true],
      ['string', 'stringy'],
      ['bytes', Buffer.from('bytes')],
    ]);
    const transformed = configured({ delimiter: '#' }).apply(record(null, new Map([['A', new Map([['B', supported]])]])))!;
    expect(transformed.valueSchema()).toBeNull();
    const flat = transformed.value() as Map<string, unknown>;
    expect(flat.size).toBe(6);
    expect(flat.get('A#B#int32')).toBe(32);
    expect(flat.get('A#B#int64')).toBe(64n);
    expect(flat.get('A#B#float64')).toBe(64.5);
    expect(flat.get('A#B#boolean')).toBe(true);
    expect(flat.get('A#B#string')).toBe('stringy');
    expect(Buffer.from(flat.get('A#B#bytes') as Uint8Array).toString()).toBe('bytes');
  });

  it('keeps optional null fields, in structs and maps', () => {
    const inner = SchemaBuilder.struct().field('opt_int32', Schema.OPTIONAL_INT32_SCHEMA).build();
    const outer = SchemaBuilder.struct().field('B', inner).build();
    const flat = configured().apply(record(outer, new Struct(outer).put('B', new Struct(inner).put('opt_int32', null))))!.value() as Struct;
    expect(flat.get('B.opt_int32')).toBeNull();
    const flatMap = configured().apply(record(null, new Map([['B', new Map([['opt_int32', null]])]])))!.value() as Map<string, unknown>;
    expect(flatMap.has('B.opt_int32')).toBe(true);
    expect(flatMap.get('B.opt_int32')).toBeNull();
  });

  it('a null optional nested struct yields null flattened fields', () => {
    const inner = SchemaBuilder.struct().optional().field('opt_int32', Schema.OPTIONAL_INT32_SCHEMA).build();
    const outer = SchemaBuilder.struct().field('B', inner).build();
    const flat = configured().apply(record(outer, new Struct(outer).put('B', null)))!.value() as Struct;
    expect(flat.get('B.opt_int32')).toBeNull();
  });

  it('passes tombstones through', () => {
    const optional = SchemaBuilder.struct().optional().field('opt_int32', Schema.OPTIONAL_INT32_SCHEMA).build();
    const withSchema = record(optional, null);
    expect(configured().apply(withSchema)).toBe(withSchema);
    const schemaless = record(null, null);
    expect(configured().apply(schemaless)).toBe(schemaless);
  });

  it('$Key flattens the key', () => {
    const src = new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'topic', key: new Map([['A', new Map([['B', 12]])]]) });
    const transformed = configured({}, KEY).apply(src)!;
    expect(transformed.keySchema()).toBeNull();
    expect((transformed.key() as Map<string, unknown>).get('A.B')).toBe(12);
  });

  it('leaves arrays as they are', () => {
    const value = new Map([['foo', ['bar', new Map([['baz', new Map([['lfg', 'lfg']])]])]]]);
    expect(configured().apply(record(null, value))!.value()).toEqual(value);

    const nested = SchemaBuilder.struct().field('lfg', Schema.STRING_SCHEMA).build();
    const inner = SchemaBuilder.struct().field('baz', nested).build();
    const structSchema = SchemaBuilder.struct().field('foo', SchemaBuilder.array(inner).doc('durk').build()).build();
    const struct = new Struct(structSchema).put('foo', [new Struct(inner).put('baz', new Struct(nested).put('lfg', 'lfg'))]);
    const transformed = configured().apply(record(structSchema, struct))!;
    expect((transformed.value() as Struct).equals(struct)).toBe(true);
    expect(transformed.valueSchema()!.equals(structSchema)).toBe(true);
  });

  it('propagates optionality and defaults from parents', () => {
    const builder = SchemaBuilder.struct().optional();
    builder.field('req_field', Schema.STRING_SCHEMA);
    builder.field('opt_field', SchemaBuilder.string().optional().defaultValue('child_default').build());
    builder.defaultValue(new Struct(builder).put('req_field', 'req_default'));
    const schema = builder.build();
    const transformed = configured().apply(record(schema, new Struct(schema)))!;
    const flatSchema = transformed.valueSchema()!;
    expect(flatSchema.fields()).toHaveLength(2);
    expect(flatSchema.field('req_field')!.schema().equals(SchemaBuilder.string().optional().defaultValue('req_default').build())).toBe(true);
    expect(flatSchema.field('opt_field')!.schema().equals(SchemaBuilder.string().optional().defaultValue('child_default').build())).toBe(true);
  });

  it('keeps map entry order and null fields', () => {
    const value = new Map<string, unknown>([
      ['firstNull', null],
      ['firstNonNull', 'nonNull'],
      ['secondNull', null],
      ['secondNonNull', 'alsoNonNull'],
      ['thirdNonNull', null],
    ]);
    const flat = configured().apply(record(null, value))!.value() as Map<string, unknown>;
    expect([...flat.entries()]).toEqual([...value.entries()]);
  });

  it('a struct with only null fields flattens to an equal struct', () => {
    const schema = SchemaBuilder.struct()
      .field('firstNull', Schema.OPTIONAL_STRING_SCHEMA)
      .field('firstNonNull', Schema.OPTIONAL_STRING_SCHEMA)
      .field('secondNull', Schema.OPTIONAL_STRING_SCHEMA)
      .build();
    const value = new Struct(schema).put('firstNull', null).put('firstNonNull', 'nonNull').put('secondNull', null);
    expect((configured().apply(record(schema, value))!.value() as Struct).equals(value)).toBe(true);
  });

  it('keeps logical types of flattened fields', () => {
    const inner = SchemaBuilder.struct().field('price', Decimal.schema(2)).build();
    const outer = SchemaBuilder.struct().field('item', inner).build();
    const flat = configured().apply(record(outer, new Struct(outer).put('item', new Struct(inner).put('price', BigDecimal.fromString('1.50')))))!;
    expect(flat.valueSchema()!.field('item.price')!.schema().name()).toBe(Decimal.LOGICAL_NAME);
    expect(((flat.value() as Struct).get('item.price') as BigDecimal).toString()).toBe('1.50');
  });

  it('rejects MAP fields with a schema and unsupported schemaless values', () => {
    const schema = SchemaBuilder.struct().field('m', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()).build();
    expect(() => configured().apply(record(schema, new Struct(schema).put('m', new Map())))).toThrow(
      'Flatten transformation does not support MAP for record with schemas (for field m).',
    );
    expect(() => configured().apply(record(null, new Map([['a', new Map([['d', new Date(0)]])]])))).toThrow(
      "Flatten transformation was passed a value of type class java.util.Date which is not supported by Connect's data API",
    );
    const struct = new Struct(SchemaBuilder.struct().field('x', Schema.INT32_SCHEMA).build()).put('x', 1);
    expect(() => configured().apply(record(null, new Map([['s', struct]])))).toThrow(
      'Flatten transformation does not support class org.apache.kafka.connect.data.Struct for record without schemas (for field s).',
    );
  });

  it('schemaless: JSON doubles stay doubles under their flattened name', () => {
    const inner = new Map<string, unknown>([['d', 2]]);
    markSchemalessDouble(inner, 'd', 2);
    const flat = configured().apply(record(null, new Map([['a', inner]])))!.value() as Map<string, unknown>;
    expect(isSchemalessDouble(flat, 'a.d', 2)).toBe(true);
  });
});

describe('Flatten on Structs, per schema', () => {
  const address = (): Schema => SchemaBuilder.struct().field('city', Schema.STRING_SCHEMA).field('zip', Schema.OPTIONAL_STRING_SCHEMA).build();
  const customer = (nested: Schema): Schema => SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('address', nested).build();
  const CUSTOMER = customer(address());

  it('flattens nested Structs of the schema it planned for and of equal schema objects alike', () => {
    const xform = configured({ delimiter: '_' });
    const planned = new Struct(CUSTOMER).put('id', 1n).put('address', new Struct(CUSTOMER.field('address')!.schema()).put('city', 'Oslo'));
    // The nested value's schema is equal to the field's, not the same object.
    const twin = new Struct(CUSTOMER).put('id', 2n).put('address', new Struct(address()).put('city', 'Bergen').put('zip', '5003'));
    expect(String(xform.apply(record(CUSTOMER, planned))!.value())).toBe('Struct{id=1,address_city=Oslo}');
    expect(String(xform.apply(record(CUSTOMER, twin))!.value())).toBe('Struct{id=2,address_city=Bergen,address_zip=5003}');
    const other = customer(address());
    expect(String(xform.apply(record(other, new Struct(other).put('id', 3n)))!.value())).toBe('Struct{id=3}');
  });
});
