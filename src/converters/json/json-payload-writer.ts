import {
  BigDecimal,
  ConnectDate,
  ConnectSchema,
  ConnectTime,
  DATE_LOGICAL_NAME,
  decimalScale,
  DECIMAL_LOGICAL_NAME,
  formatJavaDouble,
  formatJavaFloat,
  schemaEquals,
  Struct,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
} from '../../data/index.js';
import type { JsonConverterConfig } from './json-converter-config.js';
import type { ConnectToJson } from './json-from-connect.js';
import { hasNothingToEscape, quoteJson } from './json-writer.js';

/**
 * The fast encoding path: per schema, a compiled writer that puts the payload's JSON straight
 * into the output bytes, doing what ConnectToJson.value does for that schema with the per-schema
 * decisions (field keys, logical types, null handling, decimal scale) made once; the envelope's
 * `{"schema":...,"payload":` bytes are kept per schema. No intermediate strings: building the
 * payload text and then encoding it cost more than all the rest.
 *
 * Whatever is not plain (a value of the wrong type, a mismatching struct schema, a null for a
 * required field) makes the writer throw, and the caller writes the record with ConnectToJson,
 * which gives the exact text or the exact error. Maps are written by ConnectToJson's own code.
 */

/** Thrown (never escapes JsonConverter) when the fast path declines a value. */
export const NOT_WRITTEN: Error = Object.freeze(new Error('not handled by the fast JSON writer')) as Error;
// Thrown when the output buffer is too small: the record is written again into a larger one.
const FULL: Error = Object.freeze(new Error('output buffer full')) as Error;

/** Where writers put bytes: the buffer and the next position; writers check the room they need. */
export class Out {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
}

export type ByteWriter = (value: unknown, out: Out) => void;

interface EnvelopeWriter {
  /** UTF-8 of `{"schema":<schema>,"payload":`. */
  readonly head: Uint8Array;
  readonly payload: ByteWriter;
}

const MAX_PLAN_DEPTH = 400;
const NO_HEAD = new Uint8Array(0);
const CLOSE_BRACE = 0x7d;
const NO_TAIL = -1;

export class PayloadWriters {
  readonly #config: JsonConverterConfig;
  readonly #toJson: ConnectToJson;
  readonly #writers = new WeakMap<Schema, ByteWriter | null>();
  readonly #envelopes = new WeakMap<Schema, EnvelopeWriter | null>();
  #lastSchema: Schema | null = null;
  #lastWriter: ByteWriter | null = null;

  constructor(config: JsonConverterConfig, toJson: ConnectToJson) {
    this.#config = config;
    this.#toJson = toJson;
  }

  /** The writer of payloads of `schema`, or null when ConnectToJson must write them. */
  writerFor(schema: Schema): ByteWriter | null {
    // The records of a stream mostly share one schema object: the last one answers without a lookup.
    if (schema === this.#lastSchema) return this.#lastWriter;
    let writer = this.#writers.get(schema);
    if (writer === undefined) {
      writer = this.#compile(schema, 0);
      this.#writers.set(schema, writer);
    }
    this.#lastSchema = schema;
    this.#lastWriter = writer;
    return writer;
  }

  /** The envelope bytes, or undefined when ConnectToJson must write this record. */
  envelope(schema: Schema, value: unknown): Buffer | undefined {
    let envelope = this.#envelopes.get(schema);
    if (envelope === undefined) {
      const payload = this.writerFor(schema);
      envelope = payload === null ? null : { head: Buffer.from(`{"schema":${this.#toJson.schema(schema)},"payload":`, 'utf8'), payload };
      this.#envelopes.set(schema, envelope);
    }
    return envelope === null ? undefined : writeRecord(envelope.head, envelope.payload, value, CLOSE_BRACE);
  }

  /** The payload alone (schemas.enable=false), or undefined when ConnectToJson must write it. */
  bare(schema: Schema, value: unknown): Buffer | undefined {
    const writer = this.writerFor(schema);
    return writer === null ? undefined : writeRecord(NO_HEAD, writer, value, NO_TAIL);
  }

  #compile(schema: Schema | null, depth: number): ByteWriter | null {
    // Only immutable schemas: a SchemaBuilder (even nested in a built schema) may still change.
    if (!(schema instanceof ConnectSchema) || depth > MAX_PLAN_DEPTH) return null;
    const typed = this.#typed(schema, depth);
    if (typed === null) return null;
    const defaultValue = schema.defaultValue();
    if (defaultValue !== null && this.#config.replaceNullWithDefault) {
      return (value, out) => typed(value === null || value === undefined ? defaultValue : value, out);
    }
    if (schema.isOptional()) {
      return (value, out) => {
        if (value === null || value === undefined) writeAscii(out, 'null');
        else typed(value, out);
      };
    }
    return (value, out) => {
      if (value === null || value === undefined) throw NOT_WRITTEN;
      typed(value, out);
    };
  }

  /** The writer of non-null values. */
  #typed(schema: ConnectSchema, depth: number): ByteWriter | null {
    switch (schema.name()) {
      case DECIMAL_LOGICAL_NAME:
        return this.#decimal(schema);
      case DATE_LOGICAL_NAME:
        return (value, out) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          writeInteger(out, ConnectDate.fromLogical(schema, value));
        };
      case TIME_LOGICAL_NAME:
        return (value, out) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          writeInteger(out, ConnectTime.fromLogical(schema, value));
        };
      case TIMESTAMP_LOGICAL_NAME:
        // ConnectTimestamp.fromLogical(...).toString(): a Date's time is an integer within ±8.64e15.
        return (value, out) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          const millis = value.getTime();
          if (!Number.isFinite(millis)) throw NOT_WRITTEN;
          writeInteger(out, millis);
        };
      default:
        break;
    }
    switch (schema.type()) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
        // String(value), without a range check, as ConnectToJson writes them.
        return (value, out) => {
          if (typeof value !== 'number' || !Number.isInteger(value)) throw NOT_WRITTEN;
          if (Number.isSafeInteger(value)) writeInteger(out, value);
          else writeAscii(out, String(value));
        };
      case 'INT64':
        return (value, out) => {
          if (typeof value !== 'bigint') throw NOT_WRITTEN;
          if (value <= MAX_SAFE && value >= -MAX_SAFE) writeInteger(out, Number(value));
          else writeAscii(out, value.toString());
        };
      case 'FLOAT32':
        return (value, out) => {
          if (typeof value !== 'number') throw NOT_WRITTEN;
          writeAscii(out, javaFloatingJson(formatJavaFloat(value)));
        };
      case 'FLOAT64':
        return (value, out) => {
          if (typeof value !== 'number') throw NOT_WRITTEN;
          writeAscii(out, javaDoubleJson(value));
        };
      case 'BOOLEAN':
        return (value, out) => {
          if (typeof value !== 'boolean') throw NOT_WRITTEN;
          writeAscii(out, value ? 'true' : 'false');
        };
      case 'STRING':
        return (value, out) => {
          if (typeof value !== 'string') throw NOT_WRITTEN;
          writeJsonString(out, value);
        };
      case 'BYTES':
        return (value, out) => {
          if (!(value instanceof Uint8Array)) throw NOT_WRITTEN;
          writeBase64(out, value, value.length);
        };
      case 'ARRAY': {
        const element = this.#compile(schema.valueSchema(), depth + 1);
        if (element === null) return null;
        return (value, out) => {
          if (!Array.isArray(value)) throw NOT_WRITTEN;
          room(out, 2);
          out.buf[out.pos++] = 0x5b;
          const length = value.length;
          for (let i = 0; i < length; i++) {
            if (i > 0) {
              room(out, 1);
              out.buf[out.pos++] = 0x2c;
            }
            element(value[i], out);
          }
          room(out, 1);
          out.buf[out.pos++] = 0x5d;
        };
      }
      case 'MAP': {
        // Maps (key order, repeated keys, pairs) are left to ConnectToJson as a whole.
        const toJson = this.#toJson;
        return (value, out) => writeUtf8(out, toJson.value(schema, value));
      }
      case 'STRUCT':
        return this.#struct(schema, depth);
    }
  }

  #struct(schema: ConnectSchema, depth: number): ByteWriter | null {
    const fields = schema.fields();
    const names = fields.map((field) => field.name());
    const keys = names.map((name, i) => Buffer.from(`${i === 0 ? '{' : ','}${quoteJson(name)}:`, 'utf8'));
    const writers: ByteWriter[] = [];
    for (const field of fields) {
      const writer = this.#compile(field.schema(), depth + 1);
      if (writer === null) return null;
      writers.push(writer);
    }
    // Struct.get(field) reads by index, and gives the field default for a null: the same as what
    // the writer does with a null when nulls are replaced by defaults, or when there is no default.
    // Otherwise getWithoutDefault (by name, as ConnectToJson reads) keeps the null. A struct of
    // another but equal schema has the same fields at the same indexes.
    const byIndex = fields.map((field) => this.#config.replaceNullWithDefault || field.schema().defaultValue() === null);
    const count = fields.length;
    return (value, out) => {
      if (!(value instanceof Struct)) throw NOT_WRITTEN;
      const valueSchema = value.schema();
      if (valueSchema !== schema && !schemaEquals(valueSchema, schema)) throw NOT_WRITTEN;
      if (count === 0) {
        writeAscii(out, '{}');
        return;
      }
      for (let i = 0; i < count; i++) {
        writeBytes(out, keys[i]);
        writers[i](byIndex[i] ? value.get(fields[i]) : value.getWithoutDefault(names[i]), out);
      }
      room(out, 1);
      out.buf[out.pos++] = 0x7d;
    };
  }

  #decimal(schema: ConnectSchema): ByteWriter | null {
    if (this.#config.decimalFormat === 'NUMERIC') {
      return (value, out) => {
        if (!(value instanceof BigDecimal)) throw NOT_WRITTEN;
        writeAscii(out, value.toString());
      };
    }
    let scale: number;
    try {
      scale = decimalScale(schema);
    } catch {
      return null;
    }
    // Decimal.fromLogical: the scale must be the schema's; base64 of the unscaled bytes.
    return (value, out) => {
      if (!(value instanceof BigDecimal) || value.scale() !== scale) throw NOT_WRITTEN;
      const unscaled = value.unscaledValue();
      if (unscaled < SMALL_UNSCALED && unscaled >= -SMALL_UNSCALED) writeBase64(out, scratch, unscaledBytes(Number(unscaled)));
      else writeBase64(out, value.toBytes(), -1);
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Java's Double.toString as JSON (formatJavaDouble, NaN and infinities quoted). Between 10^-3 and
 * 10^7 Java prints the shortest digits plainly, which is what ECMAScript's Number::toString prints
 * there too, with `.0` added to integers.
 */
export function javaDoubleJson(value: number): string {
  const magnitude = value < 0 ? -value : value;
  if (magnitude >= 1e-3 && magnitude < 1e7) return Number.isInteger(value) ? `${value}.0` : String(value);
  return javaFloatingJson(formatJavaDouble(value));
}

// Jackson writes NaN and the infinities as JSON strings (QUOTE_NON_NUMERIC_NUMBERS).
function javaFloatingJson(text: string): string {
  return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? `"${text}"` : text;
}

// ---------------------------------------------------------------------------------------------
// Bytes

function room(out: Out, bytes: number): void {
  if (out.pos + bytes > out.buf.length) throw FULL;
}

/** Bytes known in advance (keys); short ones by a loop, which beats a native copy. */
function writeBytes(out: Out, bytes: Uint8Array): void {
  const length = bytes.length;
  room(out, length);
  const buf = out.buf;
  const pos = out.pos;
  if (length > 32) buf.set(bytes, pos);
  else for (let i = 0; i < length; i++) buf[pos + i] = bytes[i];
  out.pos = pos + length;
}

/** A string of ASCII characters (numbers, literals). */
function writeAscii(out: Out, text: string): void {
  const length = text.length;
  room(out, length);
  const buf = out.buf;
  const pos = out.pos;
  for (let i = 0; i < length; i++) buf[pos + i] = text.charCodeAt(i);
  out.pos = pos + length;
}

/** Any JSON text, as UTF-8 (it has no lone surrogates: quoteJson escapes them). */
function writeUtf8(out: Out, text: string): void {
  room(out, text.length * 3);
  out.pos += utf8Write.call(out.buf, text, out.pos);
}

// Buffer.write without its argument handling (it is what write(text, offset, 'utf8') calls).
const utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: (this: Buffer, text: string, offset: number) => number }).utf8Write ??
  function (this: Buffer, text: string, offset: number): number {
    return this.write(text, offset, 'utf8');
  };

const HEX = '0123456789ABCDEF';
// Longer strings are checked by one regular expression and written natively; shorter ones by the loop.
const SHORT_STRING = 16;

/**
 * quoteJson(text) as UTF-8: `"` and `\` escaped, \b \t \n \f \r short, other control characters
 * and every UTF-16 surrogate as uppercase `\uXXXX` (Jackson's UTF-8 generator); the rest raw.
 */
function writeJsonString(out: Out, text: string): void {
  const length = text.length;
  // At most six bytes per UTF-16 unit (an escape), plus the quotes.
  room(out, 2 + 6 * length);
  const buf = out.buf;
  let pos = out.pos;
  buf[pos++] = 0x22;
  if (length > SHORT_STRING && hasNothingToEscape(text)) {
    // Nothing to escape and no surrogate: the native encoder writes exactly these bytes.
    pos += utf8Write.call(buf, text, pos);
    buf[pos++] = 0x22;
    out.pos = pos;
    return;
  }
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code >= 0x20 && code !== 0x22 && code !== 0x5c) {
        buf[pos++] = code;
        continue;
      }
      buf[pos++] = 0x5c;
      switch (code) {
        case 0x22:
        case 0x5c:
          buf[pos++] = code;
          break;
        case 0x08:
          buf[pos++] = 0x62; // b
          break;
        case 0x09:
          buf[pos++] = 0x74; // t
          break;
        case 0x0a:
          buf[pos++] = 0x6e; // n
          break;
        case 0x0c:
          buf[pos++] = 0x66; // f
          break;
        case 0x0d:
          buf[pos++] = 0x72; // r
          break;
        default:
          pos = writeUnicodeEscape(buf, pos, code);
      }
    } else if (code < 0x800) {
      buf[pos++] = 0xc0 | (code >> 6);
      buf[pos++] = 0x80 | (code & 0x3f);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      buf[pos++] = 0x5c;
      pos = writeUnicodeEscape(buf, pos, code);
    } else {
      buf[pos++] = 0xe0 | (code >> 12);
      buf[pos++] = 0x80 | ((code >> 6) & 0x3f);
      buf[pos++] = 0x80 | (code & 0x3f);
    }
  }
  buf[pos++] = 0x22;
  out.pos = pos;
}

/** `uXXXX` (after its backslash), uppercase hex. */
function writeUnicodeEscape(buf: Buffer, pos: number, code: number): number {
  buf[pos] = 0x75;
  buf[pos + 1] = HEX.charCodeAt(code >> 12);
  buf[pos + 2] = HEX.charCodeAt((code >> 8) & 15);
  buf[pos + 3] = HEX.charCodeAt((code >> 4) & 15);
  buf[pos + 4] = HEX.charCodeAt(code & 15);
  return pos + 5;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** String(value) of a safe integer (a negative zero prints as 0), digit by digit. */
export function writeInteger(out: Out, value: number): void {
  room(out, 17);
  const buf = out.buf;
  let pos = out.pos;
  let magnitude = value;
  if (value < 0) {
    buf[pos++] = 0x2d;
    magnitude = -value;
  }
  if (magnitude < 1e8) {
    out.pos = writeDigits(buf, pos, magnitude, digitCount(magnitude));
    return;
  }
  // Below 2^53 the high part has at most 8 digits too; both halves fit int32 arithmetic.
  let high = Math.floor(magnitude / 1e8);
  let low = magnitude - high * 1e8;
  if (low < 0) {
    high--;
    low += 1e8;
  } else if (low >= 1e8) {
    high++;
    low -= 1e8;
  }
  pos = writeDigits(buf, pos, high, digitCount(high));
  out.pos = writeDigits(buf, pos, low, 8);
}

function digitCount(value: number): number {
  let count = 1;
  while (count < 8 && value >= POWERS_OF_TEN[count]) count++;
  return count;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/** `count` decimal digits of an integer below 10^8 (zero padded); returns the end. */
function writeDigits(buf: Buffer, pos: number, value: number, count: number): number {
  let rest = value | 0;
  for (let i = pos + count - 1; i >= pos; i--) {
    const next = (rest / 10) | 0;
    buf[i] = 0x30 + rest - next * 10;
    rest = next;
  }
  return pos + count;
}

const BASE64_CODES = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
const scratch = new Uint8Array(6);
const SMALL_UNSCALED = 2n ** 47n;

/**
 * Minimal big-endian two's complement (BigInteger.toByteArray) of an integer of at most 6 bytes,
 * into `scratch`; returns the byte count.
 */
export function unscaledBytes(value: number): number {
  // Smallest n with -2^(8n-1) <= value < 2^(8n-1).
  let count = 1;
  let limit = 128;
  while (value >= limit || value < -limit) {
    count++;
    limit *= 256;
  }
  let rest = value < 0 ? value + limit * 2 : value;
  for (let i = count - 1; i >= 0; i--) {
    const byte = rest % 256;
    scratch[i] = byte;
    rest = (rest - byte) / 256;
  }
  return count;
}

/** `"` + base64 (standard, padded) of bytes[0, length) (all of them for -1) + `"`. */
function writeBase64(out: Out, bytes: Uint8Array, length: number): void {
  const count = length < 0 ? bytes.length : length;
  room(out, 2 + Math.ceil(count / 3) * 4);
  const buf = out.buf;
  let pos = out.pos;
  buf[pos++] = 0x22;
  let i = 0;
  for (; i + 3 <= count; i += 3) {
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    buf[pos++] = BASE64_CODES[triple >> 18];
    buf[pos++] = BASE64_CODES[(triple >> 12) & 63];
    buf[pos++] = BASE64_CODES[(triple >> 6) & 63];
    buf[pos++] = BASE64_CODES[triple & 63];
  }
  if (count - i === 1) {
    const byte = bytes[i];
    buf[pos++] = BASE64_CODES[byte >> 2];
    buf[pos++] = BASE64_CODES[(byte & 3) << 4];
    buf[pos++] = 0x3d;
    buf[pos++] = 0x3d;
  } else if (count - i === 2) {
    const pair = (bytes[i] << 8) | bytes[i + 1];
    buf[pos++] = BASE64_CODES[pair >> 10];
    buf[pos++] = BASE64_CODES[(pair >> 4) & 63];
    buf[pos++] = BASE64_CODES[(pair & 15) << 2];
    buf[pos++] = 0x3d;
  }
  buf[pos++] = 0x22;
  out.pos = pos;
}

// ---------------------------------------------------------------------------------------------
// Output buffers: cut from shared slabs, as Buffer.from(string) does with Node's 8 KiB pool
// (allocating an ArrayBuffer costs microseconds; a larger slab spreads that over more records).

const SLAB_SIZE = 64 * 1024;
let slab = Buffer.allocUnsafe(SLAB_SIZE);
let slabOffset = 0;
const out = new Out();

/**
 * head, then the writer's bytes, then `tail` (a byte, or NO_TAIL); undefined when the writer
 * declines. A record that does not fit where the slab is is written again in a fresh slab, or
 * in a buffer of its own (doubling) when it does not fit a slab at all.
 */
export function writeRecord(head: Uint8Array, writer: ByteWriter, value: unknown, tail: number): Buffer | undefined {
  let own: Buffer | null = null;
  for (;;) {
    const buf = own ?? slab;
    const start = own === null ? slabOffset : 0;
    out.buf = buf;
    out.pos = start;
    try {
      writeBytes(out, head);
      writer(value, out);
      if (tail !== NO_TAIL) {
        room(out, 1);
        buf[out.pos++] = tail;
      }
    } catch (error) {
      if (error !== FULL) return undefined;
      if (own !== null) own = Buffer.allocUnsafe(own.length * 2);
      else if (start === 0) own = Buffer.allocUnsafe(SLAB_SIZE * 2);
      else {
        slab = Buffer.allocUnsafe(SLAB_SIZE);
        slabOffset = 0;
      }
      continue;
    } finally {
      out.buf = EMPTY;
    }
    const end = out.pos;
    if (own !== null) return own.subarray(0, end);
    // Keep later slices 8-byte aligned, as Node's pool does.
    slabOffset = (end + 7) & ~7;
    if (slabOffset >= SLAB_SIZE) {
      slab = Buffer.allocUnsafe(SLAB_SIZE);
      slabOffset = 0;
    }
    return buf.subarray(start, end);
  }
}

const EMPTY = Buffer.alloc(0);
