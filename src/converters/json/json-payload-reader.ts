import {
  BigDecimal,
  ConnectDate,
  ConnectSchema,
  ConnectTime,
  ConnectTimestamp,
  DATE_LOGICAL_NAME,
  decimalScale,
  DECIMAL_LOGICAL_NAME,
  orderLikeJavaHashMap,
  Struct,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Field,
  type Schema,
} from '../../data/index.js';
import { fastBase64Decode } from './base64.js';
import type { JsonConverterConfig } from './json-converter-config.js';
import { doubleValue, floatValue, intValue, isInt, longValue, type JsonNode } from './json-node.js';
import { quoteJson } from './json-writer.js';

/**
 * The fast decoding path for `schemas.enable=true`: the envelope's payload read straight into
 * Connect values, driven by the (cached) schema, with no JsonNode tree in between.
 *
 * It only ever handles the plain cases and gives up (throws NOT_FAST) on anything else: syntax it
 * is not sure of, a JSON kind the schema does not expect (Jackson's casts, e.g. a string read as
 * 0 for an int), an unknown field, a null for a required field, any error at all. The caller then
 * reads the record again on the lossless path (readJson + JsonToConnect), which gives the exact
 * result or the exact error. So for what it accepts this reader must produce exactly what the
 * lossless path produces, and the lossless path must accept it too:
 * - numbers are read from their literal text: integers of up to 15 digits (exact as doubles) by
 *   arithmetic, plain decimals of up to 15 digits by one exact division (correctly rounded, as
 *   BigDecimal.doubleValue), longer plain decimals by Number(); other numbers, and any number
 *   read as an integer type or a Decimal, through BigInt / BigDecimal with Jackson's casts;
 * - strings are sliced between the quotes when they have no escape, decoded otherwise;
 * - struct fields and string-keyed map entries keep "the last value wins", maps come back in Java
 *   HashMap order, nulls and missing fields take the schema default as JsonToConnect does.
 */

/** Thrown (never escapes JsonConverter) when the fast path declines a record. */
export const NOT_FAST: Error = Object.freeze(new Error('not handled by the fast JSON path')) as Error;

/** A read position in a text; one per converter, reset for each record. */
export class Cursor {
  text = '';
  pos = 0;
  // What readString knows of `text` past its first long string (see reset): whether it has no
  // control character at all, and where its next backslash is (or -1 when not looked for yet).
  controlFree: boolean | undefined = undefined;
  backslash = -1;
  /** Start (inclusive) of the last number scanned. */
  numStart = 0;
  /** Value of the last number scanned when it is a SMALL integer. */
  num = 0;

  /** Starts reading `text` at `pos`. */
  reset(text: string, pos: number): void {
    this.text = text;
    this.pos = pos;
    this.controlFree = undefined;
    this.backslash = -1;
  }
}

export type PayloadReader = (c: Cursor) => unknown;

// Kinds of scanned numbers. Integer literals are Jackson's IntNode/LongNode/BigIntegerNode, the
// others its DecimalNode (a BigDecimal, as Kafka reads floats).
export const SMALL = 0; // integer of at most 15 digits: exact in `c.num`
export const BIG = 1; // longer integer: exact only as BigInt(text)
const SMALL_DECIMAL = 2; // fraction, no exponent, at most 15 digits: `c.num` is its nearest double
const DECIMAL = 3; // longer fraction, no exponent
const EXPONENT = 4; // with an exponent
// Exact powers of ten as doubles.
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

const MAX_NUMBER_LENGTH = 1000;
const MAX_DATE_MILLIS = 8.64e15;
// Schemas nested deeper than this take the lossless path. A payload nests at most two levels per
// schema level (maps with non-string keys: the array and the pair), so payloads read here stay
// well within Jackson's depth limit of 1000, which the lossless path checks.
const MAX_PLAN_DEPTH = 400;

/** Compiles (and caches per schema object) readers for one converter configuration. */
export class PayloadReaders {
  readonly #replaceNullWithDefault: boolean;
  readonly #readers = new WeakMap<Schema, PayloadReader | null>();

  constructor(config: JsonConverterConfig) {
    this.#replaceNullWithDefault = config.replaceNullWithDefault;
  }

  /** The reader of payloads of `schema`, or null when the schema needs the lossless path. */
  readerFor(schema: Schema): PayloadReader | null {
    let reader = this.#readers.get(schema);
    if (reader === undefined) {
      reader = this.#compile(schema, 0);
      this.#readers.set(schema, reader);
    }
    return reader;
  }

  #compile(schema: Schema | null, depth: number): PayloadReader | null {
    // Only immutable schemas (all JsonToConnect builds); a nested SchemaBuilder could still change.
    if (!(schema instanceof ConnectSchema) || depth > MAX_PLAN_DEPTH) return null;
    const onNull = this.#nullHandler(schema);
    const name = schema.name();
    switch (name) {
      case DECIMAL_LOGICAL_NAME:
        return decimalReader(schema, onNull);
      case DATE_LOGICAL_NAME:
        return dateOrTimeReader(schema, onNull, ConnectDate.toLogical);
      case TIME_LOGICAL_NAME:
        return dateOrTimeReader(schema, onNull, ConnectTime.toLogical);
      case TIMESTAMP_LOGICAL_NAME:
        return timestampReader(schema, onNull);
      default:
        break;
    }
    switch (schema.type()) {
      case 'BOOLEAN':
        return booleanReader(onNull);
      case 'INT8':
        return numberReader(onNull, (c, kind) => (int32Of(c, kind) << 24) >> 24);
      case 'INT16':
        return numberReader(onNull, (c, kind) => (int32Of(c, kind) << 16) >> 16);
      case 'INT32':
        return numberReader(onNull, int32Of);
      case 'INT64':
        return numberReader(onNull, int64Of);
      case 'FLOAT32':
        return numberReader(onNull, float32Of);
      case 'FLOAT64':
        return numberReader(onNull, float64Of);
      case 'STRING':
        return stringReader(onNull);
      case 'BYTES':
        return bytesReader(onNull);
      case 'ARRAY': {
        const element = this.#compile(schema.valueSchema(), depth + 1);
        return element === null ? null : arrayReader(onNull, element);
      }
      case 'MAP': {
        const keySchema = schema.keySchema();
        const values = this.#compile(schema.valueSchema(), depth + 1);
        if (keySchema === null || values === null) return null;
        if (keySchema.type() === 'STRING') return stringMapReader(onNull, values);
        const keys = this.#compile(keySchema, depth + 2);
        return keys === null ? null : pairMapReader(onNull, keys, values, keySchema);
      }
      case 'STRUCT': {
        const fields = schema.fields();
        const readers: PayloadReader[] = [];
        const nullHandlers: NullHandler[] = [];
        for (const field of fields) {
          const reader = this.#compile(field.schema(), depth + 1);
          if (reader === null) return null;
          readers.push(reader);
          nullHandlers.push(this.#nullHandler(field.schema()));
        }
        return structReader(schema, onNull, fields, readers, nullHandlers);
      }
    }
  }

  // JsonToConnect.value for a null or missing node: the default (when replacing nulls), null when
  // optional, otherwise an error (left to the lossless path).
  #nullHandler(schema: Schema): NullHandler {
    const defaultValue = schema.defaultValue();
    if (defaultValue !== null && this.#replaceNullWithDefault) return () => defaultValue;
    if (schema.isOptional()) return () => null;
    return () => {
      throw NOT_FAST;
    };
  }
}

type NullHandler = () => unknown;

// ---------------------------------------------------------------------------------------------
// Tokens

export function skipWhitespace(c: Cursor): void {
  const text = c.text;
  let pos = c.pos;
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos++;
    else break;
  }
  c.pos = pos;
}

/** After a literal or number, what may follow it in the payload: `,` `}` `]` or white space. */
function isDelimiter(code: number): boolean {
  return code === 0x2c || code === 0x7d || code === 0x5d || code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export function readLiteral(c: Cursor, literal: readonly number[]): void {
  const end = c.pos + literal.length;
  if (!startsWithCodes(c.text, c.pos, literal) || !isDelimiter(c.text.charCodeAt(end))) throw NOT_FAST;
  c.pos = end;
}

export const codesOf = (text: string): readonly number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
export const TRUE = codesOf('true');
export const FALSE = codesOf('false');
export const NULL = codesOf('null');
const PAYLOAD_KEY = codesOf('"payload"');

/** Reads a number token as Jackson would accept it; returns its kind. */
export function scanNumber(c: Cursor): number {
  const text = c.text;
  const start = c.pos;
  let pos = start;
  let code = text.charCodeAt(pos);
  const negative = code === 0x2d;
  if (negative) code = text.charCodeAt(++pos);
  const digitsStart = pos;
  // The digits (of the integer part and the fraction) as an integer: exact up to 15 digits.
  let value = 0;
  while (code >= 0x30 && code <= 0x39) {
    value = value * 10 + (code - 0x30);
    code = text.charCodeAt(++pos);
  }
  const digits = pos - digitsStart;
  if (digits === 0) throw NOT_FAST;
  let kind = digits <= 15 ? SMALL : BIG;
  let fractionDigits = 0;
  if (code === 0x2e) {
    const fractionStart = ++pos;
    code = text.charCodeAt(pos);
    while (code >= 0x30 && code <= 0x39) {
      value = value * 10 + (code - 0x30);
      code = text.charCodeAt(++pos);
    }
    fractionDigits = pos - fractionStart;
    if (fractionDigits === 0) throw NOT_FAST;
    kind = digits + fractionDigits <= 15 ? SMALL_DECIMAL : DECIMAL;
  }
  if (code === 0x65 || code === 0x45) {
    code = text.charCodeAt(++pos);
    if (code === 0x2b || code === 0x2d) code = text.charCodeAt(++pos);
    const exponentStart = pos;
    while (code >= 0x30 && code <= 0x39) code = text.charCodeAt(++pos);
    if (pos === exponentStart) throw NOT_FAST;
    kind = EXPONENT;
  }
  // Jackson's "malformed number" cases (`1.`, `1e`, `1.2.3`) and its length limit.
  if (code === 0x2e || code === 0x65 || code === 0x45 || pos - start > MAX_NUMBER_LENGTH) throw NOT_FAST;
  c.numStart = start;
  c.pos = pos;
  if (kind === SMALL) {
    // 0 - 0 is +0: "-0" is the integer 0, never a negative zero.
    c.num = negative ? 0 - value : value;
  } else if (kind === SMALL_DECIMAL) {
    // Both exact, so the quotient is the correctly rounded value of the literal (Clinger's fast
    // path), as BigDecimal.doubleValue rounds it; BigDecimal has no negative zero.
    c.num = value === 0 ? 0 : (negative ? -value : value) / POWERS_OF_TEN[fractionDigits];
  }
  return kind;
}

/** The JsonNode of the number just scanned (not SMALL), as the lossless reader builds it. */
function numberNode(c: Cursor, kind: number): JsonNode {
  const text = c.text.slice(c.numStart, c.pos);
  return kind === BIG ? { kind: 'integer', value: BigInt(text) } : { kind: 'decimal', value: BigDecimal.fromString(text) };
}

/** Reads a string token (the cursor is on its opening quote). */
export function readString(c: Cursor): string {
  const text = c.text;
  const start = c.pos + 1;
  // Keys and short values by a loop; past that, the regular expression engine's native scan.
  const loopEnd = start + SHORT_STRING;
  let pos = start;
  let code = text.charCodeAt(pos);
  while (code >= 0x20 && code !== 0x22 && code !== 0x5c) {
    if (++pos === loopEnd) pos = plainRunEnd(c, text, pos);
    code = text.charCodeAt(pos);
  }
  if (code === 0x22) {
    c.pos = pos + 1;
    return text.slice(start, pos);
  }
  if (code === 0x5c) return readEscapedString(c, start, pos);
  // Raw control characters are errors; NaN is the end of the text.
  throw NOT_FAST;
}

/**
 * Where the plain run of a string that goes on at `from` ends: its closing quote, an escape, or a
 * (forbidden) control character. In a text with no control character at all (compact JSON; one
 * check per record) that is the nearer of the next quote and the next backslash, which indexOf
 * finds far faster than any character-by-character scan.
 */
function plainRunEnd(c: Cursor, text: string, from: number): number {
  c.controlFree ??= NO_CONTROL.test(text);
  if (!c.controlFree) {
    STRING_STOP.lastIndex = from;
    if (!STRING_STOP.test(text)) throw NOT_FAST;
    return STRING_STOP.lastIndex - 1;
  }
  const quote = text.indexOf('"', from);
  if (quote < 0) throw NOT_FAST;
  if (c.backslash < from && c.backslash !== NO_BACKSLASH) {
    const next = text.indexOf('\\', from);
    c.backslash = next < 0 ? NO_BACKSLASH : next;
  }
  return c.backslash !== NO_BACKSLASH && c.backslash < quote ? c.backslash : quote;
}

const SHORT_STRING = 16;
// What ends the plain run of a string: its closing quote, an escape, or a (forbidden) control character.
const STRING_STOP = /["\\\u0000-\u001f]/g;
// Anchored and negated: two to three times faster than searching for a control character.
const NO_CONTROL = /^[^\u0000-\u001f]*$/;
const NO_BACKSLASH = -2;

function readEscapedString(c: Cursor, start: number, escapeAt: number): string {
  const text = c.text;
  let out = text.slice(start, escapeAt);
  let pos = escapeAt;
  let runStart = pos;
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === 0x22) {
      c.pos = pos + 1;
      return out + text.slice(runStart, pos);
    }
    if (code === 0x5c) {
      out += text.slice(runStart, pos);
      const escaped = text.charCodeAt(pos + 1);
      switch (escaped) {
        case 0x22: // "
        case 0x5c: // \
        case 0x2f: // /
          out += String.fromCharCode(escaped);
          break;
        case 0x62: // b
          out += '\b';
          break;
        case 0x66: // f
          out += '\f';
          break;
        case 0x6e: // n
          out += '\n';
          break;
        case 0x72: // r
          out += '\r';
          break;
        case 0x74: // t
          out += '\t';
          break;
        case 0x75: {
          // u
          let unit = 0;
          for (let i = pos + 2; i < pos + 6; i++) {
            const digit = hexValue(text.charCodeAt(i));
            if (digit < 0) throw NOT_FAST;
            unit = unit * 16 + digit;
          }
          out += String.fromCharCode(unit);
          pos += 4;
          break;
        }
        default:
          throw NOT_FAST;
      }
      pos += 2;
      runStart = pos;
      continue;
    }
    if (code < 0x20 || code !== code) throw NOT_FAST;
    pos++;
  }
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Jackson's numeric casts, on the number just scanned (SMALL by arithmetic, others as nodes).

function int32Of(c: Cursor, kind: number): number {
  return kind === SMALL ? c.num | 0 : intValue(numberNode(c, kind));
}

export function int64Of(c: Cursor, kind: number): bigint {
  if (kind !== SMALL) return longValue(numberNode(c, kind));
  const num = c.num;
  return num >= 0 && num < SMALL_LONGS.length ? SMALL_LONGS[num] : BigInt(num);
}

// Small longs are common (counts, versions, flags); one bigint each instead of one per read.
const SMALL_LONGS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

export function float64Of(c: Cursor, kind: number): number {
  if (kind === SMALL || kind === SMALL_DECIMAL) return c.num;
  if (kind === DECIMAL) {
    // Number() rounds a plain decimal literal's exact value as BigDecimal.doubleValue does (but
    // BigDecimal has no negative zero). Exponents go through BigDecimal, which rejects the scales
    // it cannot hold, as the lossless reader does.
    const value = Number(c.text.slice(c.numStart, c.pos));
    return value === 0 ? 0 : value;
  }
  return doubleValue(numberNode(c, kind));
}

function float32Of(c: Cursor, kind: number): number {
  if (kind === SMALL || kind === SMALL_DECIMAL) return Math.fround(c.num);
  return floatValue(numberNode(c, kind));
}

// ---------------------------------------------------------------------------------------------
// Readers by schema

function booleanReader(onNull: NullHandler): PayloadReader {
  return (c) => {
    switch (c.text.charCodeAt(c.pos)) {
      case 0x74:
        readLiteral(c, TRUE);
        return true;
      case 0x66:
        readLiteral(c, FALSE);
        return false;
      case 0x6e:
        readLiteral(c, NULL);
        return onNull();
      default:
        throw NOT_FAST;
    }
  };
}

function numberReader(onNull: NullHandler, convert: (c: Cursor, kind: number) => unknown): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if ((code >= 0x30 && code <= 0x39) || code === 0x2d) return convert(c, scanNumber(c));
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

function stringReader(onNull: NullHandler): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if (code === 0x22) return readString(c);
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

function bytesReader(onNull: NullHandler): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if (code === 0x22) return fastBase64Decode(readString(c));
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

function decimalReader(schema: Schema, onNull: NullHandler): PayloadReader | null {
  let scale: number;
  try {
    scale = decimalScale(schema);
  } catch {
    return null;
  }
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    // Decimal.toLogical of the base64 bytes.
    if (code === 0x22) {
      const text = readString(c);
      const small = smallUnscaled(text);
      return small !== null ? new BigDecimal(BigInt(small), scale) : BigDecimal.fromBytes(fastBase64Decode(text), scale);
    }
    if ((code >= 0x30 && code <= 0x39) || code === 0x2d) {
      const kind = scanNumber(c);
      if (kind === SMALL) return new BigDecimal(BigInt(c.num), 0);
      const text = c.text.slice(c.numStart, c.pos);
      return kind === BIG ? new BigDecimal(BigInt(text), 0) : BigDecimal.fromString(text);
    }
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
for (const [i, char] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) BASE64_VALUES[char.charCodeAt(0)] = i;

/**
 * The unscaled value of canonical base64 (padded, nothing else) of one to six bytes, as
 * BigDecimal.fromBytes reads them (big-endian two's complement); null for anything else.
 */
function smallUnscaled(text: string): number | null {
  const length = text.length;
  if (length !== 4 && length !== 8) return null;
  let value = 0;
  let bytes = 0;
  for (let i = 0; i < length; i += 4) {
    const a = base64Value(text, i);
    const b = base64Value(text, i + 1);
    if (a < 0 || b < 0) return null;
    const last = i + 4 === length;
    if (last && text.charCodeAt(i + 2) === 0x3d) {
      if (text.charCodeAt(i + 3) !== 0x3d) return null;
      value = value * 256 + ((a << 2) | (b >> 4));
      bytes += 1;
      continue;
    }
    const c = base64Value(text, i + 2);
    if (c < 0) return null;
    if (last && text.charCodeAt(i + 3) === 0x3d) {
      value = value * 65536 + ((((a << 18) | (b << 12) | (c << 6)) >> 8) & 0xffff);
      bytes += 2;
      continue;
    }
    const d = base64Value(text, i + 3);
    if (d < 0) return null;
    value = value * 16777216 + ((a << 18) | (b << 12) | (c << 6) | d);
    bytes += 3;
  }
  // Two's complement: the top bit of the first byte is the sign.
  return value >= SIGN_BIT[bytes] ? value - 2 * SIGN_BIT[bytes] : value;
}

// 2^(8n-1) for n bytes.
const SIGN_BIT = [0, 2 ** 7, 2 ** 15, 2 ** 23, 2 ** 31, 2 ** 39, 2 ** 47];

function base64Value(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? BASE64_VALUES[code] : -1;
}

function dateOrTimeReader(schema: Schema, onNull: NullHandler, toLogical: (schema: Schema, value: number) => Date): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if ((code >= 0x30 && code <= 0x39) || code === 0x2d) {
      const kind = scanNumber(c);
      if (kind === SMALL) {
        if ((c.num | 0) !== c.num) throw NOT_FAST;
        return toLogical(schema, c.num);
      }
      const node = numberNode(c, kind);
      if (!isInt(node)) throw NOT_FAST;
      return toLogical(schema, intValue(node));
    }
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

function timestampReader(schema: Schema, onNull: NullHandler): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if ((code >= 0x30 && code <= 0x39) || code === 0x2d) {
      const kind = scanNumber(c);
      // ConnectTimestamp.toLogical (the schema is a Timestamp): a Date when in a Date's range.
      if (kind === SMALL) {
        if (!(Math.abs(c.num) <= MAX_DATE_MILLIS)) throw NOT_FAST;
        return new Date(c.num);
      }
      if (kind !== BIG) throw NOT_FAST;
      return ConnectTimestamp.toLogical(schema, longValue(numberNode(c, kind)));
    }
    if (code === 0x6e) {
      readLiteral(c, NULL);
      return onNull();
    }
    throw NOT_FAST;
  };
}

function arrayReader(onNull: NullHandler, element: PayloadReader): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if (code !== 0x5b) {
      if (code !== 0x6e) throw NOT_FAST;
      readLiteral(c, NULL);
      return onNull();
    }
    c.pos++;
    skipWhitespace(c);
    const result: unknown[] = [];
    if (c.text.charCodeAt(c.pos) === 0x5d) {
      c.pos++;
      return result;
    }
    for (;;) {
      result.push(element(c));
      skipWhitespace(c);
      const next = c.text.charCodeAt(c.pos++);
      if (next === 0x5d) return result;
      if (next !== 0x2c) throw NOT_FAST;
      skipWhitespace(c);
    }
  };
}

function stringMapReader(onNull: NullHandler, values: PayloadReader): PayloadReader {
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if (code !== 0x7b) {
      if (code !== 0x6e) throw NOT_FAST;
      readLiteral(c, NULL);
      return onNull();
    }
    c.pos++;
    skipWhitespace(c);
    // Jackson's ObjectNode: a repeated key keeps its first position and takes the last value.
    const unique = new Map<unknown, unknown>();
    if (c.text.charCodeAt(c.pos) === 0x7d) {
      c.pos++;
    } else {
      for (;;) {
        if (c.text.charCodeAt(c.pos) !== 0x22) throw NOT_FAST;
        const key = readString(c);
        readColon(c);
        unique.set(key, values(c));
        if (readMemberEnd(c)) break;
      }
    }
    return new Map(orderLikeJavaHashMap([...unique], 'STRING'));
  };
}

function pairMapReader(onNull: NullHandler, keys: PayloadReader, values: PayloadReader, keySchema: Schema): PayloadReader {
  const keyType = keySchema.type();
  return (c) => {
    const code = c.text.charCodeAt(c.pos);
    if (code !== 0x5b) {
      if (code !== 0x6e) throw NOT_FAST;
      readLiteral(c, NULL);
      return onNull();
    }
    c.pos++;
    skipWhitespace(c);
    const unique = new Map<unknown, unknown>();
    if (c.text.charCodeAt(c.pos) === 0x5d) {
      c.pos++;
    } else {
      for (;;) {
        if (c.text.charCodeAt(c.pos) !== 0x5b) throw NOT_FAST;
        c.pos++;
        skipWhitespace(c);
        const key = keys(c);
        skipWhitespace(c);
        if (c.text.charCodeAt(c.pos) !== 0x2c) throw NOT_FAST;
        c.pos++;
        skipWhitespace(c);
        const value = values(c);
        skipWhitespace(c);
        if (c.text.charCodeAt(c.pos) !== 0x5d) throw NOT_FAST;
        c.pos++;
        unique.set(key, value);
        skipWhitespace(c);
        const next = c.text.charCodeAt(c.pos++);
        if (next === 0x5d) break;
        if (next !== 0x2c) throw NOT_FAST;
        skipWhitespace(c);
      }
    }
    return new Map(orderLikeJavaHashMap([...unique], keyType));
  };
}

function structReader(
  schema: Schema,
  onNull: NullHandler,
  fields: readonly Field[],
  readers: readonly PayloadReader[],
  nullHandlers: readonly NullHandler[],
): PayloadReader {
  const count = fields.length;
  // Java writes the fields in schema order, compact: `"name":` is the expected next key.
  const expectedKeys = fields.map((field) => `${quoteJson(field.name())}:`);
  const expectedCodes = expectedKeys.map(codesOf);
  const indexByName = new Map(fields.map((field, i) => [field.name(), i]));
  const optional = fields.map((field) => field.schema().isOptional());
  return (c) => {
    const text = c.text;
    const code = text.charCodeAt(c.pos);
    if (code !== 0x7b) {
      if (code !== 0x6e) throw NOT_FAST;
      readLiteral(c, NULL);
      return onNull();
    }
    c.pos++;
    skipWhitespace(c);
    // undefined: not present (no reader returns undefined).
    const values: unknown[] = new Array(count);
    if (text.charCodeAt(c.pos) === 0x7d) {
      c.pos++;
    } else {
      let next = 0;
      for (;;) {
        let index: number | undefined;
        if (next < count && startsWithCodes(text, c.pos, expectedCodes[next])) {
          index = next;
          c.pos += expectedCodes[next].length;
          skipWhitespace(c);
        } else {
          if (text.charCodeAt(c.pos) !== 0x22) throw NOT_FAST;
          index = indexByName.get(readString(c));
          // An unknown field: left to the lossless path, which ignores it after checking its syntax.
          if (index === undefined) throw NOT_FAST;
          readColon(c);
        }
        values[index] = readers[index](c);
        next = index + 1;
        if (readMemberEnd(c)) break;
      }
    }
    // A new Struct holds nulls, and put(field, null) on an optional field changes nothing: only
    // non-null values are put (a null for a required field was refused by its null handler).
    const struct = new Struct(schema);
    for (let i = 0; i < count; i++) {
      const value = values[i] === undefined ? nullHandlers[i]() : values[i];
      if (value !== null) struct.put(fields[i], value);
      else if (!optional[i]) throw NOT_FAST;
    }
    return struct;
  };
}

/** Whether `text` has these char codes at `pos` (cheaper than startsWith with a position). */
export function startsWithCodes(text: string, pos: number, codes: readonly number[]): boolean {
  const length = codes.length;
  for (let i = 0; i < length; i++) if (text.charCodeAt(pos + i) !== codes[i]) return false;
  return true;
}

/** After an object key: white space, the colon, white space. */
export function readColon(c: Cursor): void {
  skipWhitespace(c);
  if (c.text.charCodeAt(c.pos) !== 0x3a) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
}

/** After an object member's value: true at the closing brace, false after a comma. */
export function readMemberEnd(c: Cursor): boolean {
  skipWhitespace(c);
  const next = c.text.charCodeAt(c.pos++);
  if (next === 0x7d) return true;
  if (next !== 0x2c) throw NOT_FAST;
  skipWhitespace(c);
  return false;
}

/**
 * The envelope after the schema: `,"payload":<payload>}` (white space allowed between tokens),
 * from the cursor position; anything after the closing brace is ignored, as Jackson does.
 */
export function readPayloadTail(c: Cursor, reader: PayloadReader): unknown {
  skipWhitespace(c);
  if (c.text.charCodeAt(c.pos) !== 0x2c) throw NOT_FAST;
  c.pos++;
  skipWhitespace(c);
  if (!startsWithCodes(c.text, c.pos, PAYLOAD_KEY)) throw NOT_FAST;
  c.pos += PAYLOAD_KEY.length;
  readColon(c);
  const value = reader(c);
  skipWhitespace(c);
  if (c.text.charCodeAt(c.pos) !== 0x7d) throw NOT_FAST;
  c.pos++;
  return value;
}

/**
 * End (exclusive) of the JSON object that starts at `start` (a `{`): a bracket and string aware
 * scan that does not check the syntax; -1 when the text ends first. On valid JSON this is the
 * object's end, and a text that begins with a known-valid object text ends where it ends.
 */
export function objectEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x7b) return -1;
  let depth = 0;
  const length = text.length;
  for (let pos = start; pos < length; pos++) {
    const code = text.charCodeAt(pos);
    if (code === 0x22) {
      for (pos++; ; pos++) {
        const inString = text.charCodeAt(pos);
        if (inString === 0x22) break;
        if (inString === 0x5c) pos++;
        else if (inString !== inString) return -1;
      }
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
    } else if (code === 0x7d || code === 0x5d) {
      if (--depth === 0) return pos + 1;
    }
  }
  return -1;
}
