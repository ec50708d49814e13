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
import { quoteJson } from './json-writer.js';

/**
 * The fast encoding path: per schema, a compiled writer of payload JSON text that does what
 * ConnectToJson.value does for that schema, with the per-schema decisions (field keys, logical
 * type, null handling, decimal scale) made once, and the envelope's `{"schema":...,"payload":`
 * bytes kept per schema.
 *
 * Whatever is not plain (a value of the wrong type, a mismatching struct schema, a null for a
 * required field, a map) is either delegated to ConnectToJson or throws NOT_WRITTEN, and the
 * caller writes the record with ConnectToJson, which gives the exact text or the exact error.
 */

/** Thrown (never escapes JsonConverter) when the fast path declines a value. */
export const NOT_WRITTEN: Error = Object.freeze(new Error('not handled by the fast JSON writer')) as Error;

export type PayloadWriter = (value: unknown) => string;

interface EnvelopeWriter {
  /** UTF-8 of `{"schema":<schema>,"payload":`. */
  readonly head: Buffer;
  readonly payload: PayloadWriter;
}

const MAX_PLAN_DEPTH = 400;
const CLOSE_BRACE = 0x7d;

export class PayloadWriters {
  readonly #config: JsonConverterConfig;
  readonly #toJson: ConnectToJson;
  readonly #writers = new WeakMap<Schema, PayloadWriter | null>();
  readonly #envelopes = new WeakMap<Schema, EnvelopeWriter | null>();

  constructor(config: JsonConverterConfig, toJson: ConnectToJson) {
    this.#config = config;
    this.#toJson = toJson;
  }

  /** The writer of payloads of `schema`, or null when ConnectToJson must write them. */
  writerFor(schema: Schema): PayloadWriter | null {
    let writer = this.#writers.get(schema);
    if (writer === undefined) {
      writer = this.#compile(schema, 0);
      this.#writers.set(schema, writer);
    }
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
    if (envelope === null) return undefined;
    let payload: string;
    try {
      payload = envelope.payload(value);
    } catch {
      return undefined;
    }
    return concatUtf8(envelope.head, payload, CLOSE_BRACE);
  }

  /** The payload alone (schemas.enable=false), or undefined when ConnectToJson must write it. */
  bare(schema: Schema, value: unknown): Buffer | undefined {
    const writer = this.writerFor(schema);
    if (writer === null) return undefined;
    try {
      return Buffer.from(writer(value), 'utf8');
    } catch {
      return undefined;
    }
  }

  #compile(schema: Schema | null, depth: number): PayloadWriter | null {
    // Only immutable schemas: a SchemaBuilder (even nested in a built schema) may still change.
    if (!(schema instanceof ConnectSchema) || depth > MAX_PLAN_DEPTH) return null;
    const typed = this.#typed(schema, depth);
    if (typed === null) return null;
    const defaultValue = schema.defaultValue();
    if (defaultValue !== null && this.#config.replaceNullWithDefault) {
      return (value) => typed(value === null || value === undefined ? defaultValue : value);
    }
    if (schema.isOptional()) return (value) => (value === null || value === undefined ? 'null' : typed(value));
    return (value) => {
      if (value === null || value === undefined) throw NOT_WRITTEN;
      return typed(value);
    };
  }

  /** The writer of non-null values. */
  #typed(schema: ConnectSchema, depth: number): PayloadWriter | null {
    switch (schema.name()) {
      case DECIMAL_LOGICAL_NAME:
        return this.#decimal(schema);
      case DATE_LOGICAL_NAME:
        return (value) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          return String(ConnectDate.fromLogical(schema, value));
        };
      case TIME_LOGICAL_NAME:
        return (value) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          return String(ConnectTime.fromLogical(schema, value));
        };
      case TIMESTAMP_LOGICAL_NAME:
        // ConnectTimestamp.fromLogical(...).toString(): a Date's time is an integer within ±8.64e15,
        // which String() prints as the same digits as BigInt's toString.
        return (value) => {
          if (!(value instanceof Date)) throw NOT_WRITTEN;
          const millis = value.getTime();
          if (!Number.isFinite(millis)) throw NOT_WRITTEN;
          return String(millis);
        };
      default:
        break;
    }
    switch (schema.type()) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
        return (value) => {
          if (typeof value !== 'number' || !Number.isInteger(value)) throw NOT_WRITTEN;
          return String(value);
        };
      case 'INT64':
        return (value) => {
          if (typeof value !== 'bigint') throw NOT_WRITTEN;
          return value.toString();
        };
      case 'FLOAT32':
        return (value) => {
          if (typeof value !== 'number') throw NOT_WRITTEN;
          return javaFloatingJson(formatJavaFloat(value));
        };
      case 'FLOAT64':
        return (value) => {
          if (typeof value !== 'number') throw NOT_WRITTEN;
          return javaDoubleJson(value);
        };
      case 'BOOLEAN':
        return (value) => {
          if (typeof value !== 'boolean') throw NOT_WRITTEN;
          return value ? 'true' : 'false';
        };
      case 'STRING':
        return (value) => {
          if (typeof value !== 'string') throw NOT_WRITTEN;
          return quoteJson(value);
        };
      case 'BYTES':
        return (value) => {
          if (!(value instanceof Uint8Array)) throw NOT_WRITTEN;
          return `"${base64(value)}"`;
        };
      case 'ARRAY': {
        const element = this.#compile(schema.valueSchema(), depth + 1);
        if (element === null) return null;
        return (value) => {
          if (!Array.isArray(value)) throw NOT_WRITTEN;
          const length = value.length;
          if (length === 0) return '[]';
          let out = `[${element(value[0])}`;
          for (let i = 1; i < length; i++) out += `,${element(value[i])}`;
          return `${out}]`;
        };
      }
      case 'MAP': {
        // Maps (key order, repeated keys, pairs) are left to ConnectToJson as a whole.
        const toJson = this.#toJson;
        return (value) => toJson.value(schema, value);
      }
      case 'STRUCT': {
        const fields = schema.fields();
        if (fields.length === 0) {
          return (value) => {
            if (!(value instanceof Struct) || !schemaEquals(value.schema(), schema)) throw NOT_WRITTEN;
            return '{}';
          };
        }
        const names = fields.map((field) => field.name());
        const keys = names.map((name, i) => `${i === 0 ? '{' : ','}${quoteJson(name)}:`);
        const writers: PayloadWriter[] = [];
        for (const field of fields) {
          const writer = this.#compile(field.schema(), depth + 1);
          if (writer === null) return null;
          writers.push(writer);
        }
        // Struct.get(field) reads by index, and gives the field default for a null: the same as
        // what the writer does with a null when nulls are replaced by defaults, or when there is no
        // default. Otherwise getWithoutDefault (by name, as ConnectToJson reads) keeps the null.
        // A struct of another but equal schema has the same fields at the same indexes.
        const byIndex = fields.map((field) => this.#config.replaceNullWithDefault || field.schema().defaultValue() === null);
        const count = fields.length;
        return (value) => {
          if (!(value instanceof Struct)) throw NOT_WRITTEN;
          const valueSchema = value.schema();
          if (valueSchema !== schema && !schemaEquals(valueSchema, schema)) throw NOT_WRITTEN;
          let out = '';
          for (let i = 0; i < count; i++) {
            out += keys[i] + writers[i](byIndex[i] ? value.get(fields[i]) : value.getWithoutDefault(names[i]));
          }
          return `${out}}`;
        };
      }
    }
  }

  #decimal(schema: ConnectSchema): PayloadWriter | null {
    if (this.#config.decimalFormat === 'NUMERIC') {
      return (value) => {
        if (!(value instanceof BigDecimal)) throw NOT_WRITTEN;
        return value.toString();
      };
    }
    let scale: number;
    try {
      scale = decimalScale(schema);
    } catch {
      return null;
    }
    // Decimal.fromLogical: the scale must be the schema's; base64 of the unscaled bytes.
    return (value) => {
      if (!(value instanceof BigDecimal) || value.scale() !== scale) throw NOT_WRITTEN;
      return `"${unscaledBase64(value.unscaledValue(), value)}"`;
    };
  }
}

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

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SMALL_UNSCALED = 2n ** 47n;
const scratch = new Uint8Array(6);

/**
 * Base64 of BigInteger.toByteArray of an unscaled value (BigDecimal.toBytes): minimal big-endian
 * two's complement. Values of up to six bytes are done with number arithmetic.
 */
export function unscaledBase64(unscaled: bigint, value: BigDecimal): string {
  if (unscaled >= SMALL_UNSCALED || unscaled < -SMALL_UNSCALED) return base64(value.toBytes());
  let number = Number(unscaled);
  // Smallest n with -2^(8n-1) <= value < 2^(8n-1).
  let count = 1;
  let limit = 128;
  while (number >= limit || number < -limit) {
    count++;
    limit *= 256;
  }
  if (number < 0) number += limit * 2;
  for (let i = count - 1; i >= 0; i--) {
    const byte = number % 256;
    scratch[i] = byte;
    number = (number - byte) / 256;
  }
  let out = '';
  let i = 0;
  for (; i + 3 <= count; i += 3) {
    const triple = (scratch[i] << 16) | (scratch[i + 1] << 8) | scratch[i + 2];
    out += BASE64_ALPHABET[triple >> 18] + BASE64_ALPHABET[(triple >> 12) & 63] + BASE64_ALPHABET[(triple >> 6) & 63] + BASE64_ALPHABET[triple & 63];
  }
  if (count - i === 1) {
    const byte = scratch[i];
    out += `${BASE64_ALPHABET[byte >> 2]}${BASE64_ALPHABET[(byte & 3) << 4]}==`;
  } else if (count - i === 2) {
    const pair = (scratch[i] << 8) | scratch[i + 1];
    out += `${BASE64_ALPHABET[pair >> 10]}${BASE64_ALPHABET[(pair >> 4) & 63]}${BASE64_ALPHABET[(pair & 15) << 2]}=`;
  }
  return out;
}

// Output buffers are cut from shared slabs, as Buffer.from(string) does with Node's pool.
const SLAB_SIZE = 32 * 1024;
let slab = Buffer.allocUnsafe(SLAB_SIZE);
let slabOffset = 0;
// Buffer.write without its argument handling (it is what write(text, offset, 'utf8') calls).
const utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: (this: Buffer, text: string, offset: number) => number }).utf8Write ??
  function (this: Buffer, text: string, offset: number): number {
    return this.write(text, offset, 'utf8');
  };

/** The bytes of `head`, then `text` as UTF-8, then one ASCII byte. */
export function concatUtf8(head: Buffer, text: string, last: number): Buffer {
  const most = head.length + text.length * 3 + 1;
  if (most > SLAB_SIZE >>> 2) {
    const tail = Buffer.from(text, 'utf8');
    const out = Buffer.allocUnsafe(head.length + tail.length + 1);
    out.set(head, 0);
    out.set(tail, head.length);
    out[out.length - 1] = last;
    return out;
  }
  if (slabOffset + most > SLAB_SIZE) {
    slab = Buffer.allocUnsafe(SLAB_SIZE);
    slabOffset = 0;
  }
  const start = slabOffset;
  slab.set(head, start);
  const textEnd = start + head.length + utf8Write.call(slab, text, start + head.length);
  slab[textEnd] = last;
  const end = textEnd + 1;
  // Keep later slices 8-byte aligned, as Node's pool does.
  slabOffset = (end + 7) & ~7;
  return slab.subarray(start, end);
}
