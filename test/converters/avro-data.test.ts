/** AvroData: Connect ↔ Avro schemas (golden texts as Confluent's AvroData writes them) and values. */
import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  Schema,
  SchemaBuilder,
  Struct,
  type Schema as ConnectSchemaType,
} from '../../src/data/index.js';
import {
  ANYTHING_SCHEMA,
  ANYTHING_SCHEMA_TEXT,
  AvroData,
  AvroReader,
  AvroWriter,
  avroSchemaText,
  binaryCodec,
  DEFAULT_AVRO_DATA_CONFIG,
  parseAvroSchema,
  type AvroDataConfig,
  type AvroSchema,
} from '../../src/converters/avro/index.js';

function avroData(overrides: Partial<AvroDataConfig> = {}): AvroData {
  return new AvroData({ ...DEFAULT_AVRO_DATA_CONFIG, ...overrides });
}

function schemaText(schema: ConnectSchemaType | null, overrides: Partial<AvroDataConfig> = {}): string {
  return avroSchemaText(avroData(overrides).fromConnectSchema(schema));
}

/** Connect value → Avro binary → Connect value, the way the converter does it (minus the registry). */
function roundTrip(schema: ConnectSchemaType | null, value: unknown, overrides: Partial<AvroDataConfig> = {}) {
  const data = avroData(overrides);
  const avroSchema = data.fromConnectSchema(schema);
  const writer = new AvroWriter();
  binaryCodec(avroSchema).write(writer, data.fromConnectData(schema, avroSchema, value));
  const bytes = writer.toBuffer();
  // Decode with a schema parsed from the registered text, as a reader on another worker would.
  const parsed = parseAvroSchema(avroSchemaText(avroSchema));
  const decoded = binaryCodec(parsed).read(new AvroReader(bytes));
  return { bytes, result: data.toConnectData(parsed, decoded) };
}

const ITEM = SchemaBuilder.struct()
  .name('shop.Item')
  .version(2)
  .doc('An item')
  .field('id', Schema.INT64_SCHEMA)
  .field('name', Schema.OPTIONAL_STRING_SCHEMA)
  .field('price', Decimal.schema(2))
  .field('ts', ConnectTimestamp.builder().optional().build())
  .field('qty', SchemaBuilder.int16().defaultValue(1).build())
  .build();

describe('Connect → Avro schema (golden texts)', () => {
  it('writes a named struct with connect.* props in AvroData order', () => {
    expect(schemaText(ITEM)).toBe(
      '{"type":"record","name":"Item","namespace":"shop","fields":[' +
        '{"name":"id","type":"long"},' +
        '{"name":"name","type":["null","string"],"default":null},' +
        '{"name":"price","type":{"type":"bytes","scale":2,"precision":64,"connect.version":1,"connect.parameters":{"scale":"2"},' +
        '"connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}},' +
        '{"name":"ts","type":["null",{"type":"long","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Timestamp",' +
        '"logicalType":"timestamp-millis"}],"default":null},' +
        '{"name":"qty","type":{"type":"int","connect.default":1,"connect.type":"int16"},"default":1}],' +
        '"connect.doc":"An item","connect.version":2,"connect.name":"shop.Item"}',
    );
  });

  it('leaves the connect.* props out with connect.meta.data=false, keeping logical types', () => {
    expect(schemaText(ITEM, { connectMetaData: false })).toBe(
      '{"type":"record","name":"Item","namespace":"shop","fields":[' +
        '{"name":"id","type":"long"},' +
        '{"name":"name","type":["null","string"],"default":null},' +
        '{"name":"price","type":{"type":"bytes","scale":2,"precision":64,"logicalType":"decimal"}},' +
        '{"name":"ts","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},' +
        '{"name":"qty","type":"int","default":1}]}',
    );
  });

  it('maps every primitive and logical type', () => {
    const schema = SchemaBuilder.struct()
      .field('int8', Schema.INT8_SCHEMA)
      .field('int16', Schema.INT16_SCHEMA)
      .field('int32', Schema.INT32_SCHEMA)
      .field('int64', Schema.INT64_SCHEMA)
      .field('float32', Schema.FLOAT32_SCHEMA)
      .field('float64', Schema.FLOAT64_SCHEMA)
      .field('boolean', Schema.BOOLEAN_SCHEMA)
      .field('string', Schema.STRING_SCHEMA)
      .field('bytes', Schema.BYTES_SCHEMA)
      .field('date', ConnectDate.SCHEMA)
      .field('time', ConnectTime.SCHEMA)
      .field('decimal', Decimal.builder(4).parameter('connect.decimal.precision', '10').build())
      .build();
    expect(schemaText(schema)).toBe(
      '{"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro","fields":[' +
        '{"name":"int8","type":{"type":"int","connect.type":"int8"}},' +
        '{"name":"int16","type":{"type":"int","connect.type":"int16"}},' +
        '{"name":"int32","type":"int"},{"name":"int64","type":"long"},{"name":"float32","type":"float"},' +
        '{"name":"float64","type":"double"},{"name":"boolean","type":"boolean"},{"name":"string","type":"string"},' +
        '{"name":"bytes","type":"bytes"},' +
        '{"name":"date","type":{"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Date","logicalType":"date"}},' +
        '{"name":"time","type":{"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Time","logicalType":"time-millis"}},' +
        '{"name":"decimal","type":{"type":"bytes","scale":4,"precision":10,"connect.version":1,' +
        '"connect.parameters":{"scale":"4","connect.decimal.precision":"10"},"connect.name":"org.apache.kafka.connect.data.Decimal",' +
        '"logicalType":"decimal"}}]}',
    );
  });

  it('names unnamed structs ConnectDefault, ConnectDefault2, ... and maps with non-string keys as MapEntry arrays', () => {
    const inner = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).optional().build();
    const schema = SchemaBuilder.struct()
      .field('inner', inner)
      .field('tags', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .field('counts', SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
      .field('list', SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).build())
      .build();
    expect(schemaText(schema)).toBe(
      '{"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro","fields":[' +
        '{"name":"inner","type":["null",{"type":"record","name":"ConnectDefault2","fields":[{"name":"a","type":"int"}]}],"default":null},' +
        '{"name":"tags","type":{"type":"map","values":"int"}},' +
        '{"name":"counts","type":{"type":"array","items":{"type":"record","name":"MapEntry","fields":[' +
        '{"name":"key","type":"int"},{"name":"value","type":["null","string"],"default":null}]}}},' +
        '{"name":"list","type":{"type":"array","items":["null","long"]}}]}',
    );
  });

  it('puts the type first in an optional union with a non-null default, and writes the default', () => {
    const schema = SchemaBuilder.struct()
      .name('Defaults')
      .field('s', SchemaBuilder.string().optional().defaultValue('x').build())
      .field('f', SchemaBuilder.float32().defaultValue(1.1).build())
      .field('d', SchemaBuilder.float64().defaultValue(1e10).build())
      .field('b', SchemaBuilder.bytes().defaultValue(Buffer.from([0x66, 0xff])).build())
      .build();
    expect(schemaText(schema)).toBe(
      '{"type":"record","name":"Defaults","fields":[' +
        '{"name":"s","type":[{"type":"string","connect.default":"x"},"null"],"default":"x"},' +
        // Avro keeps a field default as a Java Double, so a float default widens; connect.default keeps the float.
        '{"name":"f","type":{"type":"float","connect.default":1.1},"default":1.100000023841858},' +
        '{"name":"d","type":{"type":"double","connect.default":1.0E10},"default":1.0E10},' +
        '{"name":"b","type":{"type":"bytes","connect.default":"f\u00ff"},"default":"f\u00ff"}],"connect.name":"Defaults"}',
    );
  });

  it('writes a reused named struct once and by name afterwards', () => {
    const address = SchemaBuilder.struct().name('com.acme.Address').field('city', Schema.STRING_SCHEMA).build();
    const schema = SchemaBuilder.struct().name('com.acme.Person').field('home', address).field('work', address).build();
    expect(schemaText(schema)).toBe(
      '{"type":"record","name":"Person","namespace":"com.acme","fields":[' +
        '{"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}],"connect.name":"com.acme.Address"}},' +
        '{"name":"work","type":"Address"}],"connect.name":"com.acme.Person"}',
    );
  });

  it('uses the Anything record for schemaless data, with Confluent\'s exact text', () => {
    expect(schemaText(null)).toBe(ANYTHING_SCHEMA_TEXT);
    expect(avroSchemaText(parseAvroSchema(ANYTHING_SCHEMA_TEXT))).toBe(ANYTHING_SCHEMA_TEXT);
  });

  it('rejects names Avro does not accept unless scrub.invalid.names is on', () => {
    const schema = SchemaBuilder.struct().name('my-record').field('a-b', Schema.INT32_SCHEMA).build();
    expect(() => schemaText(schema)).toThrow(/Illegal character in: my-record/);
    expect(schemaText(schema, { scrubInvalidNames: true })).toBe(
      '{"type":"record","name":"my_record","fields":[{"name":"a_b","type":"int"}],"connect.name":"my-record"}',
    );
  });
});

describe('Avro → Connect schema', () => {
  it('restores a Connect schema from the props it wrote', () => {
    const data = avroData();
    const back = data.toConnectSchema(parseAvroSchema(schemaText(ITEM)));
    expect(back?.equals(ITEM)).toBe(true);
  });

  it('takes the registry version when the schema carries no connect.version', () => {
    const schema = avroData().toConnectSchema(parseAvroSchema('{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"int"}]}'), 7);
    expect(schema?.name()).toBe('n.R');
    expect(schema?.version()).toBe(7);
  });

  it('reads plain Avro: enums and unions, an Avro field default flagged as such', () => {
    const avro = parseAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'Order',
        namespace: 'com.acme',
        doc: 'An order',
        fields: [
          { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
          { name: 'amount', type: ['null', 'int', 'string'] },
          { name: 'qty', type: 'int', default: 3, doc: 'how many' },
        ],
      }),
    );
    const schema = avroData().toConnectSchema(avro) as ConnectSchemaType;
    expect(schema.name()).toBe('com.acme.Order');
    expect(Object.fromEntries(schema.parameters() ?? [])).toEqual({
      'io.confluent.connect.avro.record.doc': 'An order',
      'io.confluent.connect.avro.field.doc.qty': 'how many',
    });
    const status = schema.field('status')?.schema() as ConnectSchemaType;
    expect(status.type()).toBe('STRING');
    expect(Object.fromEntries(status.parameters() ?? [])).toEqual({
      'io.confluent.connect.avro.Enum': 'com.acme.Status',
      'io.confluent.connect.avro.Enum.NEW': 'NEW',
      'io.confluent.connect.avro.Enum.PAID': 'PAID',
    });
    const amount = schema.field('amount')?.schema() as ConnectSchemaType;
    expect(amount.name()).toBe('io.confluent.connect.avro.Union');
    expect(amount.isOptional()).toBe(true);
    expect(amount.fields().map((field) => field.name())).toEqual(['int', 'string']);
    const qty = schema.field('qty')?.schema() as ConnectSchemaType;
    expect(qty.defaultValue()).toBe(3);
    expect(qty.parameters()?.get('io.confluent.connect.avro.field.default')).toBe('true');
  });

  it('round-trips an enum as an Avro enum only with enhanced.avro.schema.support', () => {
    const text = '{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS"]}}]}';
    const enhanced = avroData({ enhancedSchemaSupport: true });
    const plain = avroData();
    const connect = enhanced.toConnectSchema(parseAvroSchema(text)) as ConnectSchemaType;
    expect(avroSchemaText(enhanced.fromConnectSchema(connect))).toBe(
      '{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS"],' +
        '"connect.parameters":{"io.confluent.connect.avro.Enum":"Suit","io.confluent.connect.avro.Enum.SPADES":"SPADES",' +
        '"io.confluent.connect.avro.Enum.HEARTS":"HEARTS"},"connect.name":"Suit"}}],"connect.name":"E"}',
    );
    expect(avroSchemaText(plain.fromConnectSchema(connect))).toContain('{"name":"s","type":{"type":"string","connect.parameters"');
    const value = new Struct(connect).put('s', 'HEARTS');
    expect(roundTrip(connect, value, { enhancedSchemaSupport: true }).result?.value).toEqual(value);
    expect(roundTrip(connect, value).result?.value).toEqual(value);
  });

  it('supports recursive records', () => {
    const text = JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: 'int' },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    });
    const data = avroData();
    const avro = parseAvroSchema(text);
    const writer = new AvroWriter();
    // 1 -> 2 -> null
    writer.writeInt(1);
    writer.writeInt(1);
    writer.writeInt(2);
    writer.writeInt(0);
    const result = data.toConnectData(avro, binaryCodec(avro).read(new AvroReader(writer.toBuffer())));
    const first = result?.value as Struct;
    expect(first.get('value')).toBe(1);
    expect((first.get('next') as Struct).get('value')).toBe(2);
    expect((first.get('next') as Struct).get('next')).toBeNull();
    expect(avroSchemaText(data.fromConnectSchema(result?.schema ?? null))).toContain('"type":["null","Node"]');
  });
});

describe('AvroDataConfig settings', () => {
  it('generalized.sum.type.support: unions as connect_union_N structs, enums with symbol indexes', () => {
    const avro = parseAvroSchema(
      '{"type":"record","name":"G","fields":[{"name":"u","type":["int","string"]},{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}}]}',
    );
    const data = avroData({ generalizedSumTypeSupport: true });
    const schema = data.toConnectSchema(avro) as ConnectSchemaType;
    const union = schema.field('u')?.schema() as ConnectSchemaType;
    expect(union.name()).toBe('connect_union_0');
    expect(union.parameters()?.get('org.apache.kafka.connect.data.Union')).toBe('connect_union_0');
    expect(union.fields().map((field) => field.name())).toEqual(['connect_union_field_0', 'connect_union_field_1']);
    expect(Object.fromEntries(schema.field('e')?.schema().parameters() ?? [])).toEqual({
      'org.apache.kafka.connect.data.Enum': 'E',
      'org.apache.kafka.connect.data.Enum.A': '0',
      'org.apache.kafka.connect.data.Enum.B': '1',
    });
    expect(avroSchemaText(data.fromConnectSchema(schema))).toContain('{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]');
    const value = new Struct(schema).put('u', new Struct(union).put('connect_union_field_1', 's')).put('e', 'B');
    expect(roundTrip(schema, value, { generalizedSumTypeSupport: true }).result?.value).toEqual(value);
  });

  it('flatten.singleton.unions=false keeps a one-branch union as a union struct', () => {
    const avro = parseAvroSchema('{"type":"record","name":"S","fields":[{"name":"x","type":["int"]}]}');
    expect(avroData().toConnectSchema(avro)?.field('x')?.schema().type()).toBe('INT32');
    const kept = avroData({ flattenSingletonUnions: false }).toConnectSchema(avro)?.field('x')?.schema();
    expect(kept?.name()).toBe('io.confluent.connect.avro.Union');
  });

  it('allow.optional.map.keys makes an Avro map of an optional string key', () => {
    const schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build();
    expect(schemaText(schema)).toContain('"type":"array"');
    expect(schemaText(schema, { allowOptionalMapKeys: true })).toBe('{"type":"map","values":"int"}');
  });

  it('discard.type.doc.default keeps field docs as Avro field docs', () => {
    const schema = SchemaBuilder.struct().name('D').field('a', SchemaBuilder.int32().doc('the a').build()).build();
    expect(schemaText(schema, { discardTypeDocDefault: true })).toBe(
      '{"type":"record","name":"D","fields":[{"name":"a","type":{"type":"int","connect.doc":"the a"},"doc":"the a"}],"connect.name":"D"}',
    );
    expect(schemaText(schema)).toBe('{"type":"record","name":"D","fields":[{"name":"a","type":{"type":"int","connect.doc":"the a"}}],"connect.name":"D"}');
  });
});

describe('values through Avro binary', () => {
  const every = SchemaBuilder.struct()
    .name('every.Type')
    .field('int8', Schema.INT8_SCHEMA)
    .field('int16', Schema.INT16_SCHEMA)
    .field('int32', Schema.INT32_SCHEMA)
    .field('int64', Schema.INT64_SCHEMA)
    .field('float32', Schema.FLOAT32_SCHEMA)
    .field('float64', Schema.FLOAT64_SCHEMA)
    .field('boolean', Schema.BOOLEAN_SCHEMA)
    .field('string', Schema.STRING_SCHEMA)
    .field('bytes', Schema.BYTES_SCHEMA)
    .field('decimal', Decimal.schema(3))
    .field('date', ConnectDate.SCHEMA)
    .field('time', ConnectTime.SCHEMA)
    .field('timestamp', ConnectTimestamp.SCHEMA)
    .field('optional', Schema.OPTIONAL_STRING_SCHEMA)
    .field('defaulted', SchemaBuilder.int32().optional().defaultValue(42).build())
    .field('array', SchemaBuilder.array(Schema.STRING_SCHEMA).build())
    .field('map', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
    .field('intMap', SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
    .field('nested', SchemaBuilder.struct().name('every.Nested').field('flag', Schema.BOOLEAN_SCHEMA).optional().build())
    .build();

  function sample(): Struct {
    const nested = every.field('nested')?.schema() as ConnectSchemaType;
    return new Struct(every)
      .put('int8', -128)
      .put('int16', 32767)
      .put('int32', -2147483648)
      .put('int64', 9223372036854775807n)
      .put('float32', Math.fround(3.14))
      .put('float64', -1.5e300)
      .put('boolean', true)
      .put('string', 'héllo wörld, a string longer than thirty-two bytes ✓')
      .put('bytes', Buffer.from([0, 1, 2, 255]))
      .put('decimal', new BigDecimal(-123456789012345678901234567890n, 3))
      .put('date', new Date(Date.UTC(2024, 4, 17)))
      .put('time', new Date(45_296_789))
      .put('timestamp', new Date(Date.UTC(2024, 4, 17, 9, 30, 1, 234)))
      .put('optional', null)
      .put('defaulted', null)
      .put('array', ['a', 'b'])
      .put('map', new Map([['x', -1n], ['y', 2n ** 40n]]))
      .put('intMap', new Map([[7, 'seven'], [-3, 'minus three']]))
      .put('nested', new Struct(nested).put('flag', false));
  }

  it('round-trips every type and logical type, int64 as bigint and decimals exactly', () => {
    const value = sample();
    const { result } = roundTrip(every, value);
    expect(result?.schema?.equals(every)).toBe(true);
    const back = result?.value as Struct;
    expect(back.get('int64')).toBe(9223372036854775807n);
    expect((back.get('decimal') as BigDecimal).equals(new BigDecimal(-123456789012345678901234567890n, 3))).toBe(true);
    // A null optional field with a default is written as its default (Struct.get), as AvroData does.
    expect(back.get('defaulted')).toBe(42);
    expect(back.get('optional')).toBeNull();
    expect(back.get('map')).toEqual(new Map([['x', -1n], ['y', 2n ** 40n]]));
    expect(back.get('intMap')).toEqual(new Map([[7, 'seven'], [-3, 'minus three']]));
    expect(back.equals(value.put('defaulted', 42))).toBe(true);
  });

  it('writes null defaults as null with ignore.default.for.nullables', () => {
    const back = roundTrip(every, sample(), { ignoreDefaultForNullables: true }).result?.value as Struct;
    expect(back.getWithoutDefault('defaulted')).toBeNull();
  });

  it('encodes the exact Avro binary of a small record', () => {
    const schema = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('name', Schema.OPTIONAL_STRING_SCHEMA).build();
    const { bytes } = roundTrip(schema, new Struct(schema).put('id', 1n).put('name', 'a'));
    // long 1 (zig-zag 2), union branch 1 (2), string length 1 (2), 'a'
    expect([...bytes]).toEqual([0x02, 0x02, 0x02, 0x61]);
  });

  it('round-trips top-level primitives and schemaless data', () => {
    expect(roundTrip(Schema.STRING_SCHEMA, 'plain').result?.value).toBe('plain');
    expect(roundTrip(Schema.OPTIONAL_INT64_SCHEMA, -5n).result?.value).toBe(-5n);
    expect(roundTrip(Decimal.schema(2), new BigDecimal(12345n, 2)).result?.value).toEqual(new BigDecimal(12345n, 2));
    const schemaless = roundTrip(null, new Map<unknown, unknown>([['a', [1, 'two', null, 3.5, 10n, true, Buffer.from('x')]]]));
    expect(schemaless.result?.schema).toBeNull();
    expect(schemaless.result?.value).toEqual(new Map([['a', [1, 'two', null, 3.5, 10n, true, Buffer.from('x')]]]));
  });

  it('round-trips Connect unions (io.confluent.connect.avro.Union)', () => {
    const avro = parseAvroSchema('["null","int","string",{"type":"record","name":"R","fields":[{"name":"f","type":"long"}]}]');
    const data = avroData();
    const schema = data.toConnectSchema(avro) as ConnectSchemaType;
    expect(schema.fields().map((field) => field.name())).toEqual(['int', 'string', 'R']);
    const record = new Struct(schema.field('R')?.schema() as ConnectSchemaType).put('f', 5n);
    for (const value of [new Struct(schema).put('int', 7), new Struct(schema).put('string', 's'), new Struct(schema).put('R', record)]) {
      expect(roundTrip(schema, value).result?.value).toEqual(value);
    }
    expect(schemaText(schema)).toBe('["null","int","string",{"type":"record","name":"R","fields":[{"name":"f","type":"long"}],"connect.name":"R"}]');
  });

  it('rejects values that do not fit the schema with AvroData\'s messages', () => {
    const data = avroData();
    const schema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    const avroSchema = data.fromConnectSchema(schema);
    expect(() => data.fromConnectData(Schema.INT32_SCHEMA, data.fromConnectSchema(Schema.INT32_SCHEMA), 'x')).toThrow('Invalid type for INT32: string');
    expect(() => data.fromConnectData(Schema.INT32_SCHEMA, data.fromConnectSchema(Schema.INT32_SCHEMA), null)).toThrow(
      'Found null value for non-optional schema',
    );
    const other = SchemaBuilder.struct().field('b', Schema.INT32_SCHEMA).build();
    expect(() => data.fromConnectData(schema, avroSchema, new Struct(other).put('b', 1))).toThrow('Mismatching struct schema');
    expect(() => data.fromConnectData(schema, avroSchema, 5)).toThrow(DataException);
  });

  it('caches converted schemas both ways', () => {
    const data = avroData();
    expect(data.fromConnectSchema(ITEM)).toBe(data.fromConnectSchema(ITEM));
    const avro: AvroSchema = data.fromConnectSchema(ITEM);
    expect(data.toConnectSchema(avro, 3)).toBe(data.toConnectSchema(avro, 3));
    expect(data.fromConnectSchema(null)).toBe(ANYTHING_SCHEMA);
  });
});
