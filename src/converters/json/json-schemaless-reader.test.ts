import { describe, expect, it } from 'vitest';
import { BigDecimal, DataException, isSchemalessDouble, javaHashMapOrder, orderLikeJavaHashMap } from '../../data/index.js';
import { JsonConverter } from './json-converter.js';
import { readJson } from './json-reader.js';
import { SchemalessReader } from './json-schemaless-reader.js';
import { JsonToConnect } from './json-to-connect.js';
import { parseJsonConverterConfig } from './json-converter-config.js';

const TOPIC = 'schemaless';
const SCHEMALESS = { 'schemas.enable': 'false' };

/** A schemaless value's exact shape: map entry order, number kinds and signs, the double marks. */
function shape(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof BigDecimal) return `BigDecimal(${value.unscaledValue()},${value.scale()})`;
  if (Array.isArray(value)) return { array: value.map((v, i) => [shape(v), isSchemalessDouble(value, i, v)]) };
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [shape(k), shape(v), isSchemalessDouble(value, k, v)]) };
  return value;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function outcome(read: () => unknown): Outcome {
  try {
    return { ok: true, value: shape(read()) };
  } catch (error) {
    return { ok: false, error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/** JsonConverter(schemas.enable=false).toConnectData as it was before the fast path. */
function lossless(bytes: Uint8Array): unknown {
  let node;
  try {
    node = readJson(bytes);
  } catch (error) {
    throw new DataException(`Converting byte[] to Kafka Connect data failed due to serialization error: topic '${TOPIC}': ${(error as Error).message}`);
  }
  return new JsonToConnect(parseJsonConverterConfig(SCHEMALESS)).value(null, node);
}

function expectSameAsLossless(text: string | Buffer): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const json = new JsonConverter();
  json.configure(SCHEMALESS, false);
  // Compared as JSON text: toEqual's recursive walk over 1000-deep shapes can exhaust the stack.
  const expected = JSON.stringify(outcome(() => lossless(bytes)));
  for (let i = 0; i < 2; i++) expect(JSON.stringify(outcome(() => json.toConnectData(TOPIC, null, bytes).value)), bytes.toString()).toBe(expected);
}

describe('SchemalessReader', () => {
  it('reads objects, arrays and strings, and leaves other records to the lossless path', () => {
    const reader = new SchemalessReader();
    expect(shape(reader.read(Buffer.from('{"b":1,"a":[2.0,"x",true,null]}'))?.value)).toEqual(shape(lossless(Buffer.from('{"b":1,"a":[2.0,"x",true,null]}'))));
    expect(reader.read(Buffer.from('"a \\"string\\" value"'))?.value).toBe('a "string" value');
    for (const declined of ['1', ' {"a":1}', '\ufeff{"a":1}', 'null', '', '{"a":1,}', '[1 2]', '{"a":"\\x"}']) {
      expect(reader.read(Buffer.from(declined)), declined).toBeUndefined();
    }
  });

  it.each([
    ['flat object', '{"line":"0000000001 abc","schema_version":1}'],
    ['Java HashMap order of many keys', '{"price":1,"qty":2,"big":3,"list":4,"a":5,"c":6,"e":7,"g":8,"i":9,"k":10,"m":11,"o":12,"q":13,"s":14}'],
    ['repeated keys: first position, last value', '{"a":1.0,"b":2,"a":"x","c":3.0,"c":4}'],
    ['repeated key taking a double', '{"a":1,"b":2,"a":5.0}'],
    ['doubles marked when integral', '{"i":20.0,"f":2.5,"neg":-0.0,"e":1e2,"big":12345678901234567890.0,"arr":[1.0,2,3.5,-0.0]}'],
    ['integers as longs, wrapped', '{"a":0,"b":-0,"c":007,"d":9223372036854775807,"e":9223372036854775808,"f":-9223372036854775809,"g":18446744073709551617}'],
    ['nested', '{"a":{"b":{"c":[{"d":[[]]},{}]}},"e":[]}'],
    ['escapes', '{"\\u0061":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","é":"ü"}'],
    ['white space', ' \n{ "a" : [ 1 , 2 ] ,\t"b" : { } }\r\n'],
    ['trailing garbage is ignored', '{"a":1} [garbage'],
    ['array root', '[{"b":1,"a":2},[1.5],"s",false]'],
    ['empty', '{}'],
    ['syntax error', '{"a":1,}'],
    ['bad literal', '{"a":tru}'],
    ['literal run on', '{"a":truex}'],
    ['malformed number', '{"a":1.}'],
    ['leading plus', '{"a":+1}'],
    ['truncated', '{"a":[1,2'],
    ['control character', '{"a":"x\u0001"}'],
    ['huge exponent', '{"a":1e2147483648}'],
    ['number too long', `{"a":${'1'.repeat(1001)}}`],
    ['not JSON', 'hello'],
    ['root number', '12'],
    ['root string', '"x"'],
    ['empty record', ''],
    ['a real U+FFFD', '{"a":"\ufffd"}'],
  ])('%s', (_name, text) => {
    expectSameAsLossless(text);
  });

  it('one converter over documents whose keys change, repeat and differ slightly (remembered shapes)', () => {
    const json = new JsonConverter();
    json.configure(SCHEMALESS, false);
    const texts = [
      '{"message":"a","schema_version":1}',
      '{"message":"b","schema_version":2}',
      '{"message":"c"}',
      '{"message":"d","schema_version":3,"extra":4.0}',
      '{"messages":"e","schema_version":5}',
      '{"message":"f","schema_version":6,"message":"g"}',
      '{"schema_version":7,"message":"h"}',
      '{"message":"i","schema_version":8}',
      '{"mess\u0061ge":"j","schema_version":9}',
      '{"message" : "k" , "schema_version" : 10}',
      '{"message":{"message":1,"x":[{"message":2.0}]},"schema_version":{"message":3}}',
      '{"message":{"message":1,"x":[{"message":2}]},"schema_version":{"message":3.5}}',
      '{"a\"b":1,"c":2}',
      '{"a\"b":1,"c":2}',
      '{}',
      '{"message":"l","schema_version":11}',
      '{"message":"m","schema_version":12,"schema_version":13}',
      '{"a_key_longer_than_thirteen_characters":1,"another_long_key_name":2.0}',
      '{"a_key_longer_than_thirteen_characters":3,"another_long_key_name":4}',
    ];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const bytes = Buffer.from(text);
        expect(outcome(() => json.toConnectData(TOPIC, null, bytes).value), text).toEqual(outcome(() => lossless(bytes)));
      }
    }
  });

  it('strings as the whole record', () => {
    const long = 'a long plain string value '.repeat(3);
    for (const text of ['""', '"x"', `"${long}"`, `"${long}\\n"`, '"\\ud83d\\ude00"', '"\\ud800"', '"é😀"', `"${long}\tx"`, '"unterminated', `"${long}`, '"\\x"', '"a" trailing', '"a"  ', '"\u0001"']) {
      expectSameAsLossless(text);
    }
  });

  it('long strings: escapes and control characters before, inside and after them', () => {
    const long = 'a long plain string value '.repeat(3);
    const parts = [`"${long}"`, `"${long}\\n${long}"`, `"${long}\\"q"`, `"\\t${long}"`, `"${long}\traw tab"`, `"${long}`, `"${long}\\`, `"é${long}😀"`];
    for (const a of parts) {
      for (const b of parts) {
        expectSameAsLossless(`{"a":${a},"b":${b}}`);
        expectSameAsLossless(`{\n  "a": ${a},\n  "b": [${b}, ${a}]\n}`);
        expectSameAsLossless(`["x\\\\y",${a},${b}]`);
      }
    }
  });

  it('deep nesting, up to and past Jackson\'s limit', () => {
    for (const depth of [499, 500, 501, 999, 1000, 1001]) expectSameAsLossless(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expectSameAsLossless(`${'{"a":'.repeat(600)}1${'}'.repeat(600)}`);
  });

  it('objects with more keys than a scan handles, repeated keys included', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
    expectSameAsLossless(`{${keys.join(',')},"k3":3.0,"k35":"x"}`);
  });

  it('invalid UTF-8', () => {
    expectSameAsLossless(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expectSameAsLossless(Buffer.concat([Buffer.from('{"a":1}'), Buffer.from([0xff])]));
  });

  it('random documents', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const keyPool = ['a', 'b', 'id', 'name', 'Aa', 'BB', 'line', 'message', 'schema_version', 'x\\"y', '\\u0000', 'é', ''];
    const numbers = ['0', '-0', '1', '-17', '2.0', '-3.50', '0.1', '1e3', '-2.5E-3', '123456789012345678', '1.000000000000000000001'];
    const value = (depth: number): string => {
      switch (depth > 3 ? random(4) : random(7)) {
        case 0:
          return numbers[random(numbers.length)];
        case 1:
          return `"s${random(100)}"`;
        case 2:
          return ['true', 'false', 'null'][random(3)];
        case 3:
          return `"\\u00${random(10)}${random(10)}"`;
        case 4:
        case 5:
          return `{${Array.from({ length: random(6) }, () => `"${keyPool[random(keyPool.length)]}":${value(depth + 1)}`).join(',')}}`;
        default:
          return `[${Array.from({ length: random(5) }, () => value(depth + 1)).join(',')}]`;
      }
    };
    const reader = new SchemalessReader();
    const json = new JsonConverter();
    json.configure(SCHEMALESS, false);
    let handled = 0;
    for (let i = 0; i < 500; i++) {
      const text = random(2) === 0 ? `{"k":${value(0)},"j":${value(0)}}` : `[${value(0)}]`;
      expectSameAsLossless(text);
      // One long-lived converter too: what it remembers of earlier documents must not matter.
      const bytes = Buffer.from(text);
      expect(outcome(() => json.toConnectData(TOPIC, null, bytes).value), text).toEqual(outcome(() => lossless(bytes)));
      if (reader.read(bytes) !== undefined) handled++;
    }
    // The documents are valid JSON: the fast path reads (nearly) all of them itself.
    expect(handled).toBeGreaterThan(450);
  });
});

describe('javaHashMapOrder', () => {
  it('gives what orderLikeJavaHashMap gives, remembered or not', () => {
    const lists = [['b', 'a'], ['message', 'schema_version'], ['schema_version', 'message'], ['price', 'qty', 'big', 'list'], ['a\u0000', 'b'], ['a', '\u0000b']];
    for (let round = 0; round < 2; round++) {
      for (const keys of lists) {
        const expected = orderLikeJavaHashMap(keys.map((k) => [k, 0] as const), 'STRING').map(([k]) => k);
        expect(javaHashMapOrder(keys, 16).map((i) => keys[i])).toEqual(expected);
      }
    }
  });
});
