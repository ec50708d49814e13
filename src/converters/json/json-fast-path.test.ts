import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  formatJavaDouble,
  Schema,
  SchemaBuilder,
  Struct,
  type SchemaAndValue,
} from '../../data/index.js';
import { decodeJacksonBase64, fastBase64Decode } from './base64.js';
import { ENVELOPE_REQUIRED_MESSAGE, JsonConverter } from './json-converter.js';
import { parseJsonConverterConfig } from './json-converter-config.js';
import { EnvelopeReader } from './json-envelope-reader.js';
import { ConnectToJson } from './json-from-connect.js';
import { objectEnd, PayloadReaders } from './json-payload-reader.js';
import { javaDoubleJson, Out, PayloadWriters, unscaledBytes, writeInteger, writeRecord } from './json-payload-writer.js';
import { readJson } from './json-reader.js';
import { JsonToConnect } from './json-to-connect.js';

const TOPIC = 'fast';

function converter(configs: Record<string, string> = {}): JsonConverter {
  const json = new JsonConverter();
  json.configure(configs, false);
  return json;
}

/** JsonConverter.toConnectData as it was before the fast path: readJson, then JsonToConnect. */
function losslessRead(configs: Record<string, string>, bytes: Uint8Array): SchemaAndValue {
  const config = parseJsonConverterConfig(configs);
  const toConnect = new JsonToConnect(config);
  let node;
  try {
    node = readJson(bytes);
  } catch (error) {
    throw new DataException(`Converting byte[] to Kafka Connect data failed due to serialization error: topic '${TOPIC}': ${(error as Error).message}`);
  }
  if (!config.schemasEnabled) return { schema: null, value: toConnect.value(null, node) };
  if (node?.kind !== 'object' || node.fields.size !== 2 || !node.fields.has('schema') || !node.fields.has('payload')) {
    throw new DataException(ENVELOPE_REQUIRED_MESSAGE);
  }
  const schema = toConnect.schema(node.fields.get('schema'));
  return { schema, value: toConnect.value(schema, node.fields.get('payload')) };
}

/** A value's exact shape: map entry order, number signs, decimal scales, byte contents. */
function shape(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof BigDecimal) return `BigDecimal(${value.unscaledValue()},${value.scale()})`;
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value instanceof Uint8Array) return `bytes(${Buffer.from(value).toString('hex')})`;
  if (Array.isArray(value)) return value.map(shape);
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [shape(k), shape(v)]) };
  if (value instanceof Struct) return { struct: value.schema().fields().map((field) => [field.name(), shape(value.getWithoutDefault(field.name()))]) };
  return value;
}

type Outcome = { ok: true; schema: unknown; value: unknown } | { ok: false; error: string };

function outcome(read: () => SchemaAndValue): Outcome {
  try {
    const result = read();
    return { ok: true, schema: result.schema?.toString() ?? null, value: shape(result.value) };
  } catch (error) {
    return { ok: false, error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/**
 * Reads `text` three times with one converter (the first read caches the schema, later ones take
 * the fast path) and checks every result against the lossless path.
 */
function expectSameAsLossless(schema: string, payload: string, configs: Record<string, string> = {}, raw?: Buffer): Outcome {
  const bytes = raw ?? Buffer.from(`{"schema":${schema},"payload":${payload}}`, 'utf8');
  const json = converter(configs);
  const expected = outcome(() => losslessRead(configs, bytes));
  for (let i = 0; i < 3; i++) expect(outcome(() => json.toConnectData(TOPIC, null, bytes)), `read ${i + 1} of ${bytes.toString()}`).toEqual(expected);
  return expected;
}

const fieldSchema = (type: string, name: string, extra = ''): string => `{"type":"${type}","optional":false${extra},"field":"${name}"}`;
const structSchema = (...fields: string[]): string => `{"type":"struct","fields":[${fields.join(',')}],"optional":false}`;

describe('EnvelopeReader', () => {
  const config = parseJsonConverterConfig({});
  const schemaText = structSchema(fieldSchema('int64', 'id'), fieldSchema('string', 'name'));
  const record = (payload: string): Buffer => Buffer.from(`{"schema":${schemaText},"payload":${payload}}`);

  it('leaves a schema it has not seen to the lossless path, then reads its payloads itself', () => {
    const toConnect = new JsonToConnect(config);
    const reader = new EnvelopeReader(toConnect, new PayloadReaders(config));
    expect(reader.read(record('{"id":1,"name":"a"}'))).toBeUndefined();
    const schema = toConnect.schema(readJson(Buffer.from(schemaText)));
    const result = reader.read(record('{"id":2,"name":"b"}'));
    expect(result?.schema).toBe(schema);
    expect((result?.value as Struct).getInt64('id')).toBe(2n);
    // Now the schema bytes are known: a copy, so a reused record buffer does not change them.
    const reused = record('{"id":3,"name":"c"}');
    expect(shape(reader.read(reused)?.value)).toEqual(shape(new Struct(schema as Schema).put('id', 3n).put('name', 'c')));
    reused.fill(0x20);
    expect((reader.read(record('{"id":4,"name":"d"}'))?.value as Struct).getString('name')).toBe('d');
  });

  it('misses when the schema is no longer cached (schemas.cache.size=0 caches nothing)', () => {
    const uncached = parseJsonConverterConfig({ 'schemas.cache.size': '0' });
    const toConnect = new JsonToConnect(uncached);
    const reader = new EnvelopeReader(toConnect, new PayloadReaders(uncached));
    toConnect.schema(readJson(Buffer.from(schemaText)));
    expect(reader.read(record('{"id":1,"name":"a"}'))).toBeUndefined();
  });

  it('reads plain Uint8Arrays as well as Buffers', () => {
    const json = converter();
    const text = `{"schema":${schemaText},"payload":{"id":7,"name":"é"}}`;
    for (let i = 0; i < 3; i++) {
      const padded = Buffer.from(`  ${text}  `);
      const bytes = new Uint8Array(padded.buffer, padded.byteOffset + 2, padded.length - 4);
      expect(shape(json.toConnectData(TOPIC, null, bytes).value)).toEqual(shape(losslessRead({}, bytes).value));
    }
  });

  it('keeps several recent schemas', () => {
    const json = converter();
    const schemas = [1, 2, 3, 4, 5, 6].map((n) => structSchema(fieldSchema('int32', `f${n}`)));
    for (let round = 0; round < 3; round++) {
      for (const [n, schema] of schemas.entries()) {
        const result = json.toConnectData(TOPIC, null, Buffer.from(`{"schema":${schema},"payload":{"f${n + 1}":${round}}}`));
        expect((result.value as Struct).getInt32(`f${n + 1}`)).toBe(round);
      }
    }
  });

  it('declines envelopes in another layout, which the lossless path reads', () => {
    const toConnect = new JsonToConnect(config);
    const reader = new EnvelopeReader(toConnect, new PayloadReaders(config));
    toConnect.schema(readJson(Buffer.from(schemaText)));
    expect(reader.read(record('{"id":1,"name":"a"}'))).toBeDefined();
    expect(reader.read(Buffer.from(`{ "schema":${schemaText},"payload":{"id":1,"name":"a"}}`))).toBeUndefined();
    expect(reader.read(Buffer.from(`{"payload":{"id":1,"name":"a"},"schema":${schemaText}}`))).toBeUndefined();
    expect(reader.read(Buffer.from(`\ufeff{"schema":${schemaText},"payload":{"id":1,"name":"a"}}`))).toBeUndefined();
    expect(reader.read(Buffer.from(`{"schema":null,"payload":1}`))).toBeUndefined();
  });
});

/** The EnvelopeReader's own result once the schema is cached: undefined when it declines. */
function fastRead(schema: string, payload: string, configs: Record<string, string> = {}): SchemaAndValue | undefined {
  const config = parseJsonConverterConfig(configs);
  const toConnect = new JsonToConnect(config);
  toConnect.schema(readJson(Buffer.from(schema)));
  return new EnvelopeReader(toConnect, new PayloadReaders(config)).read(Buffer.from(`{"schema":${schema},"payload":${payload}}`));
}

describe('what the fast path handles itself', () => {
  const handled: Array<[string, string]> = [
    ['{"type":"int64","optional":false}', '-9223372036854775808'],
    ['{"type":"int32","optional":false}', '1e3'],
    ['{"type":"double","optional":false}', '0.30000000000000004'],
    ['{"type":"double","optional":false}', '-1.5E-7'],
    ['{"type":"string","optional":false}', '"a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00"'],
    ['{"type":"string","optional":true}', 'null'],
    ['{"type":"bytes","optional":false}', '"AQID"'],
    ['{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}', '"AIk="'],
    ['{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}', '12345678901234567890.123'],
    ['{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp"}', '1700000000000'],
    ['{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false}', '{"b":1,"a":2,"b":3}'],
    ['{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false}', '[[1,2],[3,4]]'],
    [structSchema(fieldSchema('int32', 'a'), '{"type":"int32","optional":true,"field":"b"}'), ' { "b" : 2 , "a" : 1 } '],
  ];
  it.each(handled)('%s %s', (schema, payload) => {
    const fast = fastRead(schema, payload);
    expect(fast).toBeDefined();
    expect(shape(fast?.value)).toEqual(shape(losslessRead({}, Buffer.from(`{"schema":${schema},"payload":${payload}}`)).value));
  });

  const declined: Array<[string, string]> = [
    ['{"type":"int32","optional":false}', '"1"'],
    ['{"type":"int32","optional":false}', 'null'],
    [structSchema(fieldSchema('int32', 'a')), '{"a":1,"unknown":2}'],
    ['{"type":"string","optional":false}', '"\\x"'],
  ];
  it.each(declined)('declines %s %s', (schema, payload) => {
    expect(fastRead(schema, payload)).toBeUndefined();
  });
});

describe('objectEnd', () => {
  it('finds the end of an object, skipping brackets in strings and escaped quotes', () => {
    const text = '{"schema":{"a":"}\\"]","b":[{"c":"\\\\"}]},"payload":1}';
    expect(text.slice(10, objectEnd(text, 10))).toBe('{"a":"}\\"]","b":[{"c":"\\\\"}]}');
    expect(objectEnd(text, 0)).toBe(text.length);
    expect(objectEnd('{"a":[1,2', 0)).toBe(-1);
    expect(objectEnd('{"a":"x', 0)).toBe(-1);
    expect(objectEnd('null', 0)).toBe(-1);
  });
});

describe('JsonConverter fast reading gives what the lossless reader gives', () => {
  const customer = structSchema(
    fieldSchema('int64', 'id'),
    fieldSchema('string', 'name'),
    '{"type":"string","optional":true,"field":"email"}',
    fieldSchema('int32', 'age'),
    fieldSchema('double', 'score'),
    fieldSchema('boolean', 'active'),
    fieldSchema('int64', 'created', ',"name":"org.apache.kafka.connect.data.Timestamp","version":1'),
    fieldSchema('bytes', 'balance', ',"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}'),
    `{"type":"array","items":{"type":"string","optional":false},"optional":false,"field":"tags"}`,
  );

  it.each([
    ['plain', '{"id":1,"name":"n","email":null,"age":3,"score":1.25,"active":true,"created":1700000000000,"balance":"AIk=","tags":["a","b"]}'],
    ['white space', ' { "id" : 1 ,\n"name":"n", "email" :"e","age":3,"score":1.25,"active":false,"created":1,"balance":"AIk=","tags":[ "a" , "b" ] } '],
    ['fields out of order', '{"name":"n","id":1,"age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[],"email":"x"}'],
    ['missing optional field', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['missing required field', '{"id":1,"age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['null required field', '{"id":null,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['repeated field: the last value wins', '{"id":1,"id":2,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[],"id":3}'],
    ['repeated field with a bad first value', '{"id":"x","name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[],"id":3}'],
    ['unknown field', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[],"extra":{"a":[1,{}]}}'],
    ['escaped key', '{"\\u0069d":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['string for a number (Jackson reads 0)', '{"id":"12","name":"n","age":"3","score":"x","active":"true","created":1,"balance":"AA==","tags":[]}'],
    ['number for a string (null)', '{"id":1,"name":5,"age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['object for an array', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":{"x":"a","y":"b"}}'],
    ['payload null', 'null'],
    ['payload not an object', '[1,2]'],
    ['syntax error after a conversion error', '{"id":"x","name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[],}'],
    ['bad literal', '{"id":1,"name":"n","age":3,"score":1,"active":tru,"created":1,"balance":"AA==","tags":[]}'],
    ['literal run on', '{"id":1,"name":"n","age":3,"score":1,"active":truex,"created":1,"balance":"AA==","tags":[]}'],
    ['malformed number', '{"id":1.,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":[]}'],
    ['truncated', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"AA==","tags":["a"'],
    ['broken base64 decimal', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"A*A=","tags":[]}'],
    ['empty base64 decimal', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":"","tags":[]}'],
    ['base64 with white space', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":" AIk= ","tags":[]}'],
    ['numeric decimal', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1,"balance":-12.3400,"tags":[]}'],
    ['timestamp out of a Date range', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":9000000000000000,"balance":"AA==","tags":[]}'],
    ['timestamp as a decimal', '{"id":1,"name":"n","age":3,"score":1,"active":true,"created":1.5,"balance":"AA==","tags":[]}'],
  ])('%s', (_name, payload) => {
    expectSameAsLossless(customer, payload);
  });

  it('envelope variations', () => {
    const schema = '{"type":"int32","optional":false}';
    const cases = [
      `{"schema":${schema},"payload":1}`,
      `{"schema":${schema},"payload":1} trailing [garbage`,
      `{"schema":${schema} , "payload" : 1 }`,
      `{"schema":${schema},"payload":1,"payload":2}`,
      `{"schema":${schema},"payload":1,"schema":${schema}}`,
      `{"schema":${schema},"schema":${schema},"payload":1}`,
      `{"schema":${schema},"payload":1,"extra":0}`,
      `{"schema":${schema}}`,
      `{"schema":${schema},"payload":\ufeff1}`,
      `{"schema":${schema},"payload":1`,
    ];
    for (const text of cases) expectSameAsLossless('', '', {}, Buffer.from(text));
  });

  it('a real U+FFFD in a string', () => {
    expectSameAsLossless('{"type":"string","optional":false}', '"before \ufffd after"');
  });

  it('invalid UTF-8 after a known schema', () => {
    const schema = '{"type":"string","optional":false}';
    const good = Buffer.from(`{"schema":${schema},"payload":"ok"}`);
    const bad = Buffer.concat([Buffer.from(`{"schema":${schema},"payload":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const json = converter();
    json.toConnectData(TOPIC, null, good);
    const expected = outcome(() => losslessRead({}, bad));
    expect(expected.ok).toBe(false);
    expect(outcome(() => json.toConnectData(TOPIC, null, bad))).toEqual(expected);
  });

  describe('numbers: exact, with Jackson casts, big ones through BigInt / BigDecimal', () => {
    const numbers = [
      '0', '-0', '7', '-7', '007', '123456789012345', '-123456789012345', '1234567890123456', '9007199254740993',
      '9223372036854775807', '-9223372036854775808', '9223372036854775808', '18446744073709551617', '2147483648', '-2147483649',
      '4294967296', '300', '-129', '0.0', '-0.0', '1.25', '-1.5', '0.1', '1.9999999999999999', '123456789.123456789',
      '0.000123', '1e3', '1E+3', '-2.5e-3', '1e400', '1e-400', '1e2147483648', '12345678901234567890.5', '0.30000000000000004',
      '3.4028235e38', '1.0000001', '16777217', '1' + '0'.repeat(300),
    ];
    const types = ['int8', 'int16', 'int32', 'int64', 'float', 'double'];
    for (const type of types) {
      it(type, () => {
        for (const number of numbers) expectSameAsLossless(`{"type":"${type}","optional":false}`, number);
      });
    }
    it('decimal (numeric or base64 payloads)', () => {
      const schema = '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"3"}}';
      for (const number of numbers) expectSameAsLossless(schema, number);
      const base64 = ['"AA=="', '"/w=="', '"gAA="', '"AIk="', '"AIAA"', '"////"', '"AQIDBA=="', '"AQIDBAU="', '"gAAAAAAA"', '"////////"', '"f///////"'];
      base64.push('"AQJ="', '"AR=="', '"AQ=A"', '"A=AA"', '"AQIDBA="', '"AQ==AQ=="', '"é..."', '"f/////////8="', '"gAAAAAAAAAAAAAAA"', '"AQID\\u0034"');
      for (const text of base64) expectSameAsLossless(schema, text);
    });
    it('date, time and timestamp', () => {
      for (const name of ['Date', 'Time', 'Timestamp']) {
        const type = name === 'Timestamp' ? 'int64' : 'int32';
        const schema = `{"type":"${type}","optional":false,"name":"org.apache.kafka.connect.data.${name}","version":1}`;
        for (const number of [...numbers, '19000', '86400000', '86400001', '-1', '8640000000000000', '-8640000000000001']) {
          expectSameAsLossless(schema, number);
        }
      }
    });
    it('random decimal literals', () => {
      const literals: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const digits = (length: number): string => Array.from({ length }, () => Math.floor(Math.random() * 10)).join('');
        const sign = i % 2 === 0 ? '-' : '';
        literals.push(`${sign}${digits(1 + (i % 9))}.${digits(1 + ((i * 7) % 12))}`);
        literals.push(String((Math.random() - 0.5) * 10 ** ((i % 30) - 10)));
      }
      const payload = `[${literals.join(',')}]`;
      for (const type of ['double', 'float', 'int32', 'int64']) {
        expectSameAsLossless(`{"type":"array","items":{"type":"${type}","optional":false},"optional":false}`, payload);
      }
    });
    it('a number too long for Jackson', () => {
      expectSameAsLossless('{"type":"int64","optional":false}', '1'.repeat(1001));
      expectSameAsLossless('{"type":"double","optional":false}', `0.${'1'.repeat(999)}`);
    });
  });

  describe('strings', () => {
    const strings = [
      '""', '"plain"', '"héllo wörld"', '"😀"', '"a\\"b"', '"back\\\\slash"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\u00e9\\u00E9"',
      '"\\ud83d\\ude00"', '"\\ud800 lone"', '"tab\\tin the middle and at the end\\t"', '"\\u12"', '"\\u12G4"', '"\\x"', '"\\', '"raw\ttab"',
      '"unterminated', '"\u2028\u2029"',
    ];
    // Past 16 characters the reader scans natively: the same strings with a long plain start.
    strings.push(...strings.map((text) => `"${'long plain start '.repeat(3)}${text.slice(1)}`));
    it('as STRING', () => {
      for (const text of strings) expectSameAsLossless('{"type":"string","optional":false}', text);
    });
    it('as map keys and struct keys', () => {
      const map = '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false}';
      for (const text of strings) expectSameAsLossless(map, `{${text}:1,"z":2}`);
      const struct = structSchema(fieldSchema('int32', 'a"b'), fieldSchema('int32', 'é'));
      expectSameAsLossless(struct, '{"a\\"b":1,"\\u00e9":2}');
      expectSameAsLossless(struct, '{"a\\"b":1,"é":2}');
    });
    it('as BYTES', () => {
      for (const text of ['""', '"AQID"', '"AQI="', '"AQ=="', '"AQ="', '"A"', '" AQID "', '"AQ ID"', '"AQ\\u003d\\u003d"', '"****"', '"AQ==AQ=="']) {
        expectSameAsLossless('{"type":"bytes","optional":false}', text);
      }
    });
  });

  it('booleans', () => {
    for (const text of ['true', 'false', 'null', '1', '"true"', '[]', 'nul', 'falsey']) expectSameAsLossless('{"type":"boolean","optional":false}', text);
  });

  it('maps: Java HashMap order, the last value of a repeated key, pairs for other keys', () => {
    const stringMap = '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int64","optional":true},"optional":false}';
    const keys = Array.from({ length: 40 }, (_, i) => `"k${(i * 7919) % 1000}"`);
    expectSameAsLossless(stringMap, `{${keys.map((key, i) => `${key}:${i}`).join(',')}}`);
    expectSameAsLossless(stringMap, '{"b":1,"a":2,"b":3,"Aa":4,"BB":5,"c":null}');
    expectSameAsLossless(stringMap, '{}');
    expectSameAsLossless(stringMap, '[["a",1]]');
    const intMap = '{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false}';
    expectSameAsLossless(intMap, '[[3,"c"],[1,"a"],[17,"q"],[1,"again"],[-5,"m"]]');
    expectSameAsLossless(intMap, '[]');
    expectSameAsLossless(intMap, '[[1,"a",2]]');
    expectSameAsLossless(intMap, '[[1]]');
    expectSameAsLossless(intMap, '{"1":"a"}');
    const structKeys = `{"type":"map","keys":${structSchema(fieldSchema('int32', 'x'))},"values":{"type":"double","optional":false},"optional":false}`;
    expectSameAsLossless(structKeys, '[[{"x":2},1.5],[{"x":1},2]]');
  });

  it('nested structs, arrays of structs, defaults and replace.null.with.default', () => {
    const inner = '{"type":"struct","fields":[{"type":"string","optional":true,"default":"dflt","field":"s"}],"optional":true,"field":"inner"}';
    const list = `{"type":"array","items":${structSchema(fieldSchema('int32', 'v'))},"optional":false,"default":[],"field":"list"}`;
    const schema = structSchema(inner, list, '{"type":"int32","optional":false,"default":42,"field":"n"}');
    for (const configs of [{}, { 'replace.null.with.default': 'false' }] as Array<Record<string, string>>) {
      for (const payload of [
        '{"inner":{"s":"x"},"list":[{"v":1},{"v":2}],"n":1}',
        '{"inner":{"s":null},"list":null,"n":null}',
        '{"inner":{},"list":[]}',
        '{"inner":null,"list":[null]}',
        '{}',
      ]) {
        expectSameAsLossless(schema, payload, configs);
      }
    }
  });

  it('schemas the fast path leaves to the lossless path', () => {
    // A map whose key schema is null reads its keys schemaless.
    expectSameAsLossless('{"type":"map","keys":null,"values":{"type":"int32","optional":false},"optional":false}', '[[1,2],[2.5,3]]');
    expectSameAsLossless('{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal"}', '"AA=="');
  });
});

describe('JsonConverter fast writing gives what ConnectToJson gives', () => {
  /** Writes with the converter and with ConnectToJson alone (text or error must be the same). */
  function expectSameAsGeneric(schema: Schema, value: unknown, configs: Record<string, string> = {}): void {
    const config = parseJsonConverterConfig(configs);
    const generic = new ConnectToJson(config);
    const expected = outcome2(() => (config.schemasEnabled ? generic.envelope(schema, value) : generic.value(schema, value)));
    const json = converter(configs);
    for (let i = 0; i < 2; i++) expect(outcome2(() => json.fromConnectData(TOPIC, null, schema, value)?.toString('utf8'))).toEqual(expected);
  }
  function outcome2(write: () => string | undefined): unknown {
    try {
      return { text: write() };
    } catch (error) {
      return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
    }
  }

  const address = SchemaBuilder.struct().name('Address').field('city', Schema.STRING_SCHEMA).field('zip', Schema.OPTIONAL_INT32_SCHEMA).build();
  const schema = SchemaBuilder.struct()
    .name('x')
    .field('i8', Schema.INT8_SCHEMA)
    .field('i64', Schema.INT64_SCHEMA)
    .field('f32', Schema.OPTIONAL_FLOAT32_SCHEMA)
    .field('f64', Schema.FLOAT64_SCHEMA)
    .field('bytes', Schema.OPTIONAL_BYTES_SCHEMA)
    .field('s', SchemaBuilder.string().optional().defaultValue('dflt').build())
    .field('dec', Decimal.schema(3))
    .field('date', ConnectDate.SCHEMA)
    .field('time', ConnectTime.SCHEMA)
    .field('ts', ConnectTimestamp.SCHEMA)
    .field('addresses', SchemaBuilder.array(address).build())
    .field('map', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
    .field('pairs', SchemaBuilder.map(Schema.INT32_SCHEMA, address).optional().build())
    .build();
  const full = (): Struct =>
    new Struct(schema)
      .put('i8', -5)
      .put('i64', -9223372036854775808n)
      .put('f32', 0.1)
      .put('f64', 1e-5)
      .put('bytes', Buffer.from('héllo'))
      .put('s', 'a"b\\c\n😀')
      .put('dec', new BigDecimal(-123456789012345678901234567890n, 3))
      .put('date', new Date(Date.UTC(2024, 1, 29)))
      .put('time', new Date(3_600_000))
      .put('ts', new Date(-1))
      .put('addresses', [new Struct(address).put('city', 'Paris'), new Struct(address).put('city', 'Köln').put('zip', 50667)])
      .put('map', new Map([['b', 1], ['a', 2]]))
      .put('pairs', new Map([[3, new Struct(address).put('city', 'x')]]));

  it('structs with every type, in both decimal formats and with nulls replaced or not', () => {
    for (const configs of [{}, { 'decimal.format': 'NUMERIC' }, { 'replace.null.with.default': 'false' }, { 'schemas.enable': 'false' }] as Array<Record<string, string>>) {
      expectSameAsGeneric(schema, full(), configs);
      expectSameAsGeneric(schema, full().put('s', null).put('f32', null).put('map', null), configs);
    }
  });

  it('values it declines, written (or rejected) by ConnectToJson', () => {
    const other = SchemaBuilder.struct().name('x').field('i8', Schema.INT8_SCHEMA).build();
    expectSameAsGeneric(schema, new Struct(other).put('i8', 1));
    expectSameAsGeneric(schema, new Struct(schema));
    expectSameAsGeneric(schema, 'not a struct');
    expectSameAsGeneric(Schema.INT32_SCHEMA, 1.5);
    expectSameAsGeneric(Schema.INT64_SCHEMA, 1);
    expectSameAsGeneric(Schema.STRING_SCHEMA, null);
    expectSameAsGeneric(Decimal.schema(2), new BigDecimal(1n, 3));
    expectSameAsGeneric(Decimal.schema(2), 1.5);
    expectSameAsGeneric(ConnectDate.SCHEMA, new Date(1));
    expectSameAsGeneric(ConnectTimestamp.SCHEMA, new Date(NaN));
    expectSameAsGeneric(SchemaBuilder.bytes().name('org.apache.kafka.connect.data.Decimal').build(), new BigDecimal(1n, 0));
  });

  it('a struct under construction (SchemaBuilder) is written by ConnectToJson', () => {
    const builder = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA);
    expectSameAsGeneric(builder, new Struct(builder).put('a', 1));
  });

  it('doubles as Java prints them', () => {
    const special = [0, -0, 1, -1, 0.001, 0.000999, 1e7, 9999999.999, 1e-3, -1e-3, 1e21, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.1 + 0.2, 100, 1234567.5];
    const random = Array.from({ length: 20000 }, (_, i) => {
      const magnitude = 10 ** ((i % 24) - 8);
      return (Math.random() - 0.5) * magnitude * (i % 3 === 0 ? 1 : Math.random());
    });
    const javaJson = (value: number): string => {
      const text = formatJavaDouble(value);
      return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? `"${text}"` : text;
    };
    for (const value of [...special, ...random, ...random.map(Math.round)]) expect(javaDoubleJson(value), String(value)).toBe(javaJson(value));
  });

  it('decimal unscaled bytes as BigInteger.toByteArray', () => {
    const values = [0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, 32767n, 32768n, -32769n, 2n ** 47n - 1n, -(2n ** 47n)];
    for (let i = 0; i < 2000; i++) values.push(BigInt(Math.floor((Math.random() - 0.5) * 2 ** (i % 48))));
    for (const unscaled of values) {
      // The byte count; the bytes themselves are checked through the converter's output below.
      expect(unscaledBytes(Number(unscaled)), String(unscaled)).toBe(new BigDecimal(unscaled, 0).toBytes().length);
    }
    const json = converter();
    for (const unscaled of [...values, 2n ** 47n, -(2n ** 47n) - 1n, 10n ** 30n, -(10n ** 30n)]) {
      const value = new BigDecimal(unscaled, 2);
      expect(json.fromConnectData(TOPIC, null, Decimal.schema(2), value)?.toString(), String(unscaled)).toBe(
        `{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"${value.toBytes().toString('base64')}"}`,
      );
    }
  });

  it('integers as String() prints them', () => {
    const values = [0, -0, 1, -1, 9, 10, 99999999, 100000000, -100000000, 1e15, 2 ** 53 - 1, -(2 ** 53 - 1), 1700000000000, -8.64e15];
    for (let i = 0; i < 20000; i++) values.push(Math.round((Math.random() - 0.5) * 2 ** (i % 54)));
    const out = new Out();
    out.buf = Buffer.alloc(32);
    for (const value of values) {
      out.pos = 0;
      writeInteger(out, value);
      expect(out.buf.toString('latin1', 0, out.pos), String(value)).toBe(String(value));
    }
    const json = converter();
    for (const value of [1e21, -1e300, 2 ** 53, 2147483648]) {
      expect(json.fromConnectData(TOPIC, null, Schema.INT32_SCHEMA, value)?.toString()).toBe(`{"schema":{"type":"int32","optional":false},"payload":${String(value)}}`);
    }
  });

  it('strings as Jackson escapes them, in UTF-8', () => {
    const units = [0x00, 0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0x20, 0x22, 0x2f, 0x41, 0x5c, 0x7e, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x2028, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff];
    const strings = ['', 'plain', 'héllo', '😀', 'a"b\\c/\n\t\u0001\u007f😀', 'x'.repeat(17), `${'é'.repeat(30)}😀`, `${'a'.repeat(40)}\ud800`, `${'a'.repeat(40)}"`];
    for (let i = 0; i < 3000; i++) {
      // Up to 16 characters a loop escapes them; longer ones without escapes are written natively.
      strings.push(String.fromCharCode(...Array.from({ length: i % 40 }, () => (Math.random() < 0.5 ? units[Math.floor(Math.random() * units.length)] : Math.floor(Math.random() * 0x10000)))));
    }
    // Long strings with nothing to escape (the native path), one character of any kind at the end.
    const plain = () => String.fromCharCode(Math.random() < 0.8 ? 0x20 + Math.floor(Math.random() * 0x5f) : 0xe000 + Math.floor(Math.random() * 0x2000));
    for (let i = 0; i < 500; i++) strings.push(Array.from({ length: 17 + (i % 50) }, plain).join('') + String.fromCharCode(units[i % units.length]));
    const schema = SchemaBuilder.struct().field('s', Schema.STRING_SCHEMA).field('m', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()).build();
    for (const text of strings) expectSameAsGeneric(schema, new Struct(schema).put('s', text).put('m', new Map([[text, text]])));
  });

  it('records of any size, in buffers that do not overlap', () => {
    const writers = new PayloadWriters(parseJsonConverterConfig({}), new ConnectToJson(parseJsonConverterConfig({})));
    const writer = writers.writerFor(Schema.STRING_SCHEMA);
    if (writer === null) throw new Error('no writer');
    const head = Buffer.from('{"schema":{},"payload":');
    const texts = Array.from({ length: 400 }, (_, i) => 'é😀x'.repeat((i * 37) % 500));
    texts.push('x'.repeat(100_000), 'é'.repeat(300_000), 'short');
    const outputs = texts.map((text) => writeRecord(head, writer, text, 0x7d));
    outputs.forEach((bytes, i) => expect(bytes?.toString('utf8')).toBe(`{"schema":{},"payload":${quoteJsonForTest(texts[i])}}`));
    expect(writeRecord(head, writer, 12, 0x7d)).toBeUndefined();
  });
});

function quoteJsonForTest(text: string): string {
  return new ConnectToJson(parseJsonConverterConfig({})).value(Schema.STRING_SCHEMA, text);
}

describe('fastBase64Decode', () => {
  it('decodes as Jackson does', () => {
    const texts = ['', 'AQID', 'AQI=', 'AQ==', 'AQJ=', 'AR==', '/+8=', ' AQID', 'AQ ID', 'AQ=', 'A', 'AQ==AQ==', 'A===', '****', 'AQID\n'];
    for (const text of texts) {
      const expected = outcome(() => ({ schema: null, value: decodeJacksonBase64(text) }));
      expect(outcome(() => ({ schema: null, value: fastBase64Decode(text) })), text).toEqual(expected);
    }
  });
});
