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
  type SchemaAndValue,
} from '../data/index.js';
import { ENVELOPE_REQUIRED_MESSAGE, JsonConverter } from './json/json-converter.js';

const TOPIC = 'orders';

function converter(configs: Record<string, string> = {}, isKey = false): JsonConverter {
  const json = new JsonConverter();
  json.configure(configs, isKey);
  return json;
}

function write(json: JsonConverter, schema: Schema | null, value: unknown): string | null {
  return json.fromConnectData(TOPIC, null, schema, value)?.toString('utf8') ?? null;
}

function read(json: JsonConverter, text: string): SchemaAndValue {
  return json.toConnectData(TOPIC, null, Buffer.from(text, 'utf8'));
}

const envelope = (schema: string, payload: string): string => `{"schema":${schema},"payload":${payload}}`;

describe('JsonConverter writes envelopes byte for byte as Kafka', () => {
  const json = converter();

  it.each([
    ['int8', Schema.INT8_SCHEMA, 12, envelope('{"type":"int8","optional":false}', '12')],
    ['int16', Schema.INT16_SCHEMA, -300, envelope('{"type":"int16","optional":false}', '-300')],
    ['int32', Schema.INT32_SCHEMA, 2147483647, envelope('{"type":"int32","optional":false}', '2147483647')],
    ['int64 above 2^53', Schema.INT64_SCHEMA, 9007199254740993n, envelope('{"type":"int64","optional":false}', '9007199254740993')],
    ['int64 min', Schema.INT64_SCHEMA, -9223372036854775808n, envelope('{"type":"int64","optional":false}', '-9223372036854775808')],
    ['float', Schema.FLOAT32_SCHEMA, 12.34, envelope('{"type":"float","optional":false}', '12.34')],
    ['float integral', Schema.FLOAT32_SCHEMA, 1, envelope('{"type":"float","optional":false}', '1.0')],
    ['float large', Schema.FLOAT32_SCHEMA, 1e10, envelope('{"type":"float","optional":false}', '1.0E10')],
    ['double', Schema.FLOAT64_SCHEMA, 0.1, envelope('{"type":"double","optional":false}', '0.1')],
    ['double integral', Schema.FLOAT64_SCHEMA, 1, envelope('{"type":"double","optional":false}', '1.0')],
    ['double small', Schema.FLOAT64_SCHEMA, 1e-5, envelope('{"type":"double","optional":false}', '1.0E-5')],
    ['double 1e7', Schema.FLOAT64_SCHEMA, 12345678.9, envelope('{"type":"double","optional":false}', '1.23456789E7')],
    ['double NaN', Schema.FLOAT64_SCHEMA, NaN, envelope('{"type":"double","optional":false}', '"NaN"')],
    ['boolean', Schema.BOOLEAN_SCHEMA, true, envelope('{"type":"boolean","optional":false}', 'true')],
    ['string', Schema.STRING_SCHEMA, 'héllo', envelope('{"type":"string","optional":false}', '"héllo"')],
    [
      'string escapes',
      Schema.STRING_SCHEMA,
      'a"b\\c/\n\t\u0001\u007f😀',
      envelope('{"type":"string","optional":false}', '"a\\"b\\\\c/\\n\\t\\u0001\u007f\\uD83D\\uDE00"'),
    ],
    ['bytes', Schema.BYTES_SCHEMA, Buffer.from([1, 2, 3]), envelope('{"type":"bytes","optional":false}', '"AQID"')],
    ['optional null', Schema.OPTIONAL_INT32_SCHEMA, null, envelope('{"type":"int32","optional":true}', 'null')],
  ])('%s', (_name, schema, value, expected) => {
    expect(write(json, schema, value)).toBe(expected);
  });

  it('writes schema metadata in Kafka key order', () => {
    const schema = SchemaBuilder.int32().name('n').version(2).doc('d').parameter('b', '1').parameter('a', '2').defaultValue(5).build();
    expect(write(json, schema, 7)).toBe(
      envelope('{"type":"int32","optional":false,"name":"n","version":2,"doc":"d","parameters":{"b":"1","a":"2"},"default":5}', '7'),
    );
  });

  it('writes the default for a null value, or null when replace.null.with.default=false', () => {
    const schema = SchemaBuilder.string().optional().defaultValue('default').build();
    expect(write(json, schema, null)).toBe(envelope('{"type":"string","optional":true,"default":"default"}', '"default"'));
    expect(write(converter({ 'replace.null.with.default': 'false' }), schema, null)).toBe(
      envelope('{"type":"string","optional":true,"default":"default"}', 'null'),
    );
    expect(() => write(json, Schema.INT32_SCHEMA, null)).toThrow('Conversion error: null value for field that is required and has no default value');
  });

  it('writes a struct with "field" last in each field schema', () => {
    const schema = SchemaBuilder.struct().name('x').field('id', Schema.INT64_SCHEMA).build();
    expect(write(json, schema, new Struct(schema).put('id', 1n))).toBe(
      '{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false,"name":"x"},"payload":{"id":1}}',
    );
  });

  it('writes nested structs, arrays, maps and logical types (the spec example)', () => {
    const schema = SchemaBuilder.struct()
      .name('shop.Item')
      .field('id', Schema.INT64_SCHEMA)
      .field('name', Schema.OPTIONAL_STRING_SCHEMA)
      .field('price', Decimal.schema(2))
      .field('ts', ConnectTimestamp.builder().optional().build())
      .field('counts', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .build();
    const item = new Struct(schema)
      .put('id', 1n)
      .put('price', BigDecimal.fromString('99.99'))
      .put('ts', new Date(1700000000000))
      .put('counts', new Map([['a', 1]]));
    expect(write(json, schema, item)).toBe(
      '{"schema":{"type":"struct","fields":[' +
        '{"type":"int64","optional":false,"field":"id"},' +
        '{"type":"string","optional":true,"field":"name"},' +
        '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"},' +
        '{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},' +
        '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false,"field":"counts"}],' +
        '"optional":false,"name":"shop.Item"},' +
        '"payload":{"id":1,"name":null,"price":"Jw8=","ts":1700000000000,"counts":{"a":1}}}',
    );
  });

  it('writes a nested struct and an array of structs', () => {
    const address = SchemaBuilder.struct().name('Address').field('city', Schema.STRING_SCHEMA).build();
    const person = SchemaBuilder.struct()
      .field('home', address)
      .field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .field('past', SchemaBuilder.array(address).build())
      .build();
    const value = new Struct(person)
      .put('home', new Struct(address).put('city', 'Oslo'))
      .put('past', [new Struct(address).put('city', 'Bergen')]);
    expect(write(json, person, value)).toBe(
      '{"schema":{"type":"struct","fields":[' +
        '{"type":"struct","fields":[{"type":"string","optional":false,"field":"city"}],"optional":false,"name":"Address","field":"home"},' +
        '{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},' +
        '{"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"city"}],"optional":false,"name":"Address"},"optional":false,"field":"past"}],' +
        '"optional":false},"payload":{"home":{"city":"Oslo"},"tags":null,"past":[{"city":"Bergen"}]}}',
    );
  });

  it('writes maps with non-string keys as arrays of pairs', () => {
    const schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
    expect(write(json, schema, new Map([[1, 'a'], [2, 'b']]))).toBe(
      envelope('{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false}', '[[1,"a"],[2,"b"]]'),
    );
  });

  it('writes decimals as base64 of the unscaled bytes, or as numbers', () => {
    const schema = '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"4"}}';
    expect(write(json, Decimal.schema(4), BigDecimal.fromString('10.2345'))).toBe(envelope(schema, '"AY/J"'));
    const negative = '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}';
    expect(write(json, Decimal.schema(2), BigDecimal.fromString('-1.00'))).toBe(envelope(negative, '"nA=="'));
    expect(write(json, Decimal.schema(2), BigDecimal.fromString('0.00'))).toBe(envelope(negative, '"AA=="'));
    const numeric = converter({ 'decimal.format': 'numeric' });
    expect(write(numeric, Decimal.schema(4), BigDecimal.fromString('10.2345'))).toBe(envelope(schema, '10.2345'));
    expect(write(numeric, Decimal.schema(4), BigDecimal.fromString('1.5600'))).toBe(envelope(schema, '1.5600'));
    expect(write(numeric, Decimal.schema(-3), new BigDecimal(1n, -3))).toBe(
      envelope('{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"-3"}}', '1E+3'),
    );
    expect(() => write(json, Decimal.schema(2), BigDecimal.fromString('1.5'))).toThrow('mismatching scale');
  });

  it('writes Date, Time and Timestamp as integers', () => {
    expect(write(json, ConnectDate.SCHEMA, new Date(19000 * 86400000))).toBe(
      envelope('{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1}', '19000'),
    );
    expect(write(json, ConnectTime.SCHEMA, new Date(45000123))).toBe(
      envelope('{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1}', '45000123'),
    );
    expect(write(json, ConnectTimestamp.SCHEMA, new Date(1700000000000))).toBe(
      envelope('{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1}', '1700000000000'),
    );
  });

  it('writes schemaless values with a null schema', () => {
    const value = new Map<string, unknown>([
      ['a', 1n],
      ['b', 'x'],
      ['c', [1, 2.5, true]],
      ['d', null],
      ['e', { nested: Buffer.from('hi') }],
    ]);
    expect(write(json, null, value)).toBe('{"schema":null,"payload":{"a":1,"b":"x","c":[1,2.5,true],"d":null,"e":{"nested":"aGk="}}}');
    expect(write(json, null, new Map([[1n, 'x']]))).toBe('{"schema":null,"payload":[[1,"x"]]}');
    expect(() => write(json, null, BigDecimal.fromString('1.5'))).toThrow('does not have corresponding schema type');
  });

  it('writes tombstones as null bytes and mismatched structs as errors', () => {
    expect(json.fromConnectData(TOPIC, null, null, null)).toBeNull();
    const a = SchemaBuilder.struct().field('x', Schema.INT32_SCHEMA).build();
    const b = SchemaBuilder.struct().field('y', Schema.INT32_SCHEMA).build();
    expect(() => write(json, b, new Struct(a).put('x', 1))).toThrow('Mismatching schema.');
    expect(() => write(json, Schema.INT64_SCHEMA, 5)).toThrow(DataException);
  });
});

describe('JsonConverter with schemas.enable=false', () => {
  const json = converter({ 'schemas.enable': 'false' });

  it('writes bare values', () => {
    const schema = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('f', Schema.FLOAT32_SCHEMA).build();
    expect(write(json, schema, new Struct(schema).put('id', 1n).put('f', 2))).toBe('{"id":1,"f":2.0}');
    expect(write(json, Schema.OPTIONAL_STRING_SCHEMA, null)).toBe('null');
    expect(write(json, null, { offset: 42, file: 'a.txt' })).toBe('{"offset":42,"file":"a.txt"}');
  });

  it('reads plain JSON: integers as bigint, other numbers as numbers, objects as Maps in Java HashMap order', () => {
    const result = read(json, '{"q":1,"b":2.5,"a":[9007199254740993,"x",null],"n":{"k":true}}');
    expect(result.schema).toBeNull();
    const map = result.value as Map<string, unknown>;
    // "a" and "q" share HashMap bucket 1 (in input order), "b" is bucket 2, "n" bucket 14.
    expect([...map.keys()]).toEqual(['q', 'a', 'b', 'n']);
    expect(map.get('q')).toBe(1n);
    expect(map.get('b')).toBe(2.5);
    expect(map.get('a')).toEqual([9007199254740993n, 'x', null]);
    expect(map.get('n')).toEqual(new Map([['k', true]]));
    expect(read(json, '')).toEqual({ schema: null, value: null });
    expect(read(json, '12.25').value).toBe(12.25);
  });

  it('writes schemaless doubles it read back as doubles, and JS integers as integers', () => {
    const text = '{"price":20.0,"qty":3,"big":1.32E8,"list":[1.0,2,2.5]}';
    const value = read(json, text).value as Map<string, unknown>;
    expect(value.get('price')).toBe(20);
    // Java HashMap order, each number as Java prints its Double or Long.
    expect(write(json, null, value)).toBe('{"big":1.32E8,"price":20.0,"qty":3,"list":[1.0,2,2.5]}');
    value.set('price', 21);
    expect(write(json, null, value)).toBe('{"big":1.32E8,"price":21,"qty":3,"list":[1.0,2,2.5]}');
    expect(write(json, null, new Map([['n', 20]]))).toBe('{"n":20}');
  });

  it('reads maps with integer keys in Java HashMap order', () => {
    const schema = '{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false}';
    const back = read(converter(), `{"schema":${schema},"payload":[[17,"a"],[1,"b"],[-1,"c"],[16,"d"]]}`);
    expect([...(back.value as Map<number, string>).keys()]).toEqual([-1, 16, 17, 1]);
  });
});

describe('JsonConverter reads', () => {
  const json = converter();

  it('requires the envelope, with Kafka message', () => {
    for (const text of ['{"a":1}', '5', '{"schema":null,"payload":1,"extra":2}', '', '{"schema":null}']) {
      expect(() => read(json, text)).toThrow(ENVELOPE_REQUIRED_MESSAGE);
    }
    expect(ENVELOPE_REQUIRED_MESSAGE).toBe(
      'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.',
    );
  });

  it('reports malformed JSON naming the topic', () => {
    expect(() => read(json, '{"schema":')).toThrow(DataException);
    expect(() => read(json, '{"schema":')).toThrow(/^Converting byte\[\] to Kafka Connect data failed due to serialization error: topic 'orders'/);
    try {
      read(json, 'nope');
    } catch (error) {
      expect((error as DataException).topic).toBe(TOPIC);
    }
  });

  it('passes tombstones through', () => {
    expect(json.toConnectData(TOPIC, null, null)).toEqual({ schema: null, value: null });
    expect(read(json, '{"schema":null,"payload":null}')).toEqual({ schema: null, value: null });
  });

  it('reads numbers with Jackson casts and leading zeros', () => {
    expect(read(json, '{ "schema": { "type": "int8" }, "payload": 0012 }')).toEqual({ schema: Schema.INT8_SCHEMA, value: 12 });
    expect(read(json, '{"schema":{"type":"int8"},"payload":300}').value).toBe(44);
    expect(read(json, '{"schema":{"type":"int64"},"payload":9223372036854775807}').value).toBe(9223372036854775807n);
    expect(read(json, '{"schema":{"type":"float"},"payload":0.1}').value).toBe(Math.fround(0.1));
  });

  it('reads decimals from base64 or numbers, keeping the written scale', () => {
    const schema = '{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}';
    expect((read(json, `{"schema":${schema},"payload":"Jw8="}`).value as BigDecimal).toString()).toBe('99.99');
    expect((read(json, `{"schema":${schema},"payload":1.5600}`).value as BigDecimal).toString()).toBe('1.5600');
    expect(() => read(json, `{"schema":${schema},"payload":"**"}`)).toThrow('Invalid bytes for Decimal field');
    expect(() => read(json, `{"schema":${schema},"payload":true}`)).toThrow(
      'Invalid type for Decimal, underlying representation should be numeric or bytes but was BOOLEAN',
    );
  });

  it('reads null fields as defaults unless replace.null.with.default=false', () => {
    const text = '{"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}}';
    expect((read(json, text).value as Struct).get('field1')).toBe('default');
    expect((read(converter({ 'replace.null.with.default': 'false' }), text).value as Struct).getWithoutDefault('field1')).toBeNull();
  });

  it('reports bad schemas as Kafka does', () => {
    expect(() => read(json, '{"schema":{"optional":true},"payload":1}')).toThrow("Schema must contain 'type' field");
    expect(() => read(json, '{"schema":{"type":"nope"},"payload":1}')).toThrow('Unknown schema type: nope');
    expect(() => read(json, '{"schema":{"type":"array"},"payload":[]}')).toThrow('Array schema did not specify the element type');
    expect(() => read(json, '{"schema":{"type":"int8","parameters":{"a":1}},"payload":1}')).toThrow('Schema parameters must have string values.');
    expect(() => read(json, '{"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"a"}]},"payload":{}}')).toThrow(
      'Invalid null value for required INT8 field',
    );
  });

  it('returns the same schema object for repeated schemas', () => {
    const text = '{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false},"payload":{"id":1}}';
    expect(read(json, text).schema).toBe(read(json, text).schema);
  });
});

describe('JsonConverter round trips', () => {
  const address = SchemaBuilder.struct().name('Address').field('city', Schema.STRING_SCHEMA).build();
  const schema = SchemaBuilder.struct()
    .name('x')
    .version(3)
    .doc('a record')
    .field('i8', Schema.INT8_SCHEMA)
    .field('i16', Schema.INT16_SCHEMA)
    .field('i32', SchemaBuilder.int32().defaultValue(7).build())
    .field('i64', Schema.INT64_SCHEMA)
    .field('f32', Schema.FLOAT32_SCHEMA)
    .field('f64', Schema.FLOAT64_SCHEMA)
    .field('b', Schema.BOOLEAN_SCHEMA)
    .field('s', Schema.OPTIONAL_STRING_SCHEMA)
    .field('bytes', Schema.BYTES_SCHEMA)
    .field('list', SchemaBuilder.array(Schema.INT64_SCHEMA).build())
    .field('smap', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
    .field('imap', SchemaBuilder.map(Schema.INT64_SCHEMA, address).build())
    .field('dec', Decimal.schema(3))
    .field('date', ConnectDate.SCHEMA)
    .field('time', ConnectTime.SCHEMA)
    .field('ts', ConnectTimestamp.SCHEMA)
    .field('nested', address)
    .build();
  const value = new Struct(schema)
    .put('i8', -5)
    .put('i16', 1234)
    .put('i32', 8)
    .put('i64', 2n ** 62n + 1n)
    .put('f32', Math.fround(1.5))
    .put('f64', 1e-300)
    .put('b', false)
    .put('bytes', Buffer.from([0, 255]))
    .put('list', [1n, -2n])
    .put('smap', new Map([['a', 1.25]]))
    .put('imap', new Map([[10n, new Struct(address).put('city', 'Oslo')]]))
    .put('dec', BigDecimal.fromString('-123.456'))
    .put('date', new Date(Date.UTC(2024, 1, 29)))
    .put('time', new Date(3723004))
    .put('ts', new Date(1700000000123))
    .put('nested', new Struct(address).put('city', 'Bergen'));

  it.each([
    ['BASE64', {}],
    ['NUMERIC', { 'decimal.format': 'NUMERIC' }],
  ])('keeps every type (%s decimals)', (_name, configs) => {
    const json = converter(configs);
    const bytes = json.fromConnectData(TOPIC, null, schema, value);
    const back = json.toConnectData(TOPIC, null, bytes);
    expect(back.schema?.equals(schema)).toBe(true);
    expect((back.value as Struct).equals(value)).toBe(true);
    expect(json.fromConnectData(TOPIC, null, back.schema, back.value)?.equals(bytes as Buffer)).toBe(true);
  });

  it('works as a header converter', () => {
    const json = new JsonConverter();
    json.configure({ 'converter.type': 'header' });
    const bytes = json.fromConnectHeader(TOPIC, 'h', Schema.STRING_SCHEMA, 'v');
    expect(bytes?.toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"v"}');
    expect(json.toConnectHeader(TOPIC, 'h', bytes).value).toBe('v');
  });
});
