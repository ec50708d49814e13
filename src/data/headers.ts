import { BigDecimal } from './big-decimal.js';
import { ConnectDate } from './date.js';
import { Decimal } from './decimal.js';
import { DataException } from './errors.js';
import { javaToString } from './java-text.js';
import { DATE_LOGICAL_NAME, DECIMAL_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME } from './logical-names.js';
import { Schema, schemaEquals, type SchemaType } from './schema.js';
import type { SchemaAndValue } from './schema-and-value.js';
import { Struct } from './struct.js';
import { ConnectTime } from './time.js';
import { ConnectTimestamp } from './timestamp.js';
import { isMapLike, valuesEqual } from './value-equality.js';

/** One record header (ConnectHeader): a key with a Connect value and its schema. */
export class ConnectHeader {
  readonly #key: string;
  readonly #schema: Schema | null;
  readonly #value: unknown;

  constructor(key: string, schema: Schema | null, value: unknown) {
    if (key === null || key === undefined) throw new TypeError('Null header keys are not permitted');
    this.#key = key;
    this.#schema = schema ?? null;
    this.#value = value ?? null;
  }

  key(): string {
    return this.#key;
  }

  value(): unknown {
    return this.#value;
  }

  /** The schema; for a Struct value without one, the Struct's schema. */
  schema(): Schema | null {
    if (this.#schema === null && this.#value instanceof Struct) return this.#value.schema();
    return this.#schema;
  }

  rename(key: string): ConnectHeader {
    return key === this.#key ? this : new ConnectHeader(key, this.#schema, this.#value);
  }

  with(schema: Schema | null, value: unknown): ConnectHeader {
    return new ConnectHeader(this.#key, schema, value);
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    return (
      other instanceof ConnectHeader &&
      this.#key === other.#key &&
      schemaEquals(this.schema(), other.schema()) &&
      valuesEqual(this.#value, other.#value)
    );
  }

  toString(): string {
    return `ConnectHeader(key=${this.#key}, value=${javaToString(this.#value, this.schema())}, schema=${this.schema()?.toString() ?? 'null'})`;
  }
}

const NO_HEADERS: ConnectHeader[] = [];
Object.freeze(NO_HEADERS);

/** Rewrites a header; return null to drop it (Headers.HeaderTransform). */
export type HeaderTransform = (header: ConnectHeader) => ConnectHeader | null;

/**
 * For ConnectRecord's copies, which take their headers lazily (not part of the data API): the list
 * of `headers`, shared from then on (copied before either side changes it); ConnectHeaders over
 * such a list.
 */
export let shareHeaderList: (headers: ConnectHeaders) => readonly ConnectHeader[];
export let headersOverSharedList: (list: readonly ConnectHeader[]) => ConnectHeaders;

/** The ordered, multi-valued headers of a Connect record (ConnectHeaders). */
export class ConnectHeaders implements Iterable<ConnectHeader> {
  #headers: ConnectHeader[];
  // Copy on write: duplicate() shares the array (transforms copy every record's headers, and few
  // change them); whoever changes a shared array in place copies it first.
  #shared = false;

  constructor(original?: Iterable<ConnectHeader> | null) {
    if (original === undefined || original === null) {
      // Most records have no headers: no list of their own until one is added.
      this.#headers = NO_HEADERS;
      this.#shared = true;
    } else {
      this.#headers = [...original];
    }
  }

  size(): number {
    return this.#headers.length;
  }

  isEmpty(): boolean {
    return this.#headers.length === 0;
  }

  clear(): this {
    this.#headers = NO_HEADERS;
    this.#shared = true;
    return this;
  }

  [Symbol.iterator](): Iterator<ConnectHeader> {
    return this.#headers[Symbol.iterator]();
  }

  /** Adds a header object as is. */
  addHeader(header: ConnectHeader): this {
    if (header === null || header === undefined) throw new TypeError('Unable to add a null header.');
    if (this.#shared) {
      this.#headers = [...this.#headers];
      this.#shared = false;
    }
    this.#headers.push(header);
    return this;
  }

  /** Adds a value with its schema, checking that the value fits the schema. */
  add(key: string, value: unknown, schema: Schema | null): this {
    this.#checkSchemaMatches(schema ?? null, value ?? null);
    return this.addHeader(new ConnectHeader(key, schema, value));
  }

  addSchemaAndValue(key: string, schemaAndValue: SchemaAndValue | null): this {
    return this.add(key, schemaAndValue?.value ?? null, schemaAndValue?.schema ?? null);
  }

  addString(key: string, value: string | null): this {
    return this.addHeader(new ConnectHeader(key, value !== null ? Schema.STRING_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA, value));
  }

  addBytes(key: string, value: Uint8Array | null): this {
    return this.addHeader(new ConnectHeader(key, value !== null ? Schema.BYTES_SCHEMA : Schema.OPTIONAL_BYTES_SCHEMA, value));
  }

  addBoolean(key: string, value: boolean): this {
    return this.addHeader(new ConnectHeader(key, Schema.BOOLEAN_SCHEMA, value));
  }

  addByte(key: string, value: number): this {
    return this.add(key, value, Schema.INT8_SCHEMA);
  }

  addShort(key: string, value: number): this {
    return this.add(key, value, Schema.INT16_SCHEMA);
  }

  addInt(key: string, value: number): this {
    return this.add(key, value, Schema.INT32_SCHEMA);
  }

  addLong(key: string, value: bigint): this {
    return this.add(key, value, Schema.INT64_SCHEMA);
  }

  addFloat(key: string, value: number): this {
    return this.addHeader(new ConnectHeader(key, Schema.FLOAT32_SCHEMA, value));
  }

  addDouble(key: string, value: number): this {
    return this.addHeader(new ConnectHeader(key, Schema.FLOAT64_SCHEMA, value));
  }

  addList(key: string, value: readonly unknown[] | null, schema: Schema): this {
    if (value === null) return this.add(key, null, null);
    checkSchemaType(schema, 'ARRAY');
    return this.addHeader(new ConnectHeader(key, schema, value));
  }

  addMap(key: string, value: ReadonlyMap<unknown, unknown> | Record<string, unknown> | null, schema: Schema): this {
    if (value === null) return this.add(key, null, null);
    checkSchemaType(schema, 'MAP');
    return this.addHeader(new ConnectHeader(key, schema, value));
  }

  addStruct(key: string, value: Struct | null): this {
    if (value === null) return this.add(key, null, null);
    checkSchemaType(value.schema(), 'STRUCT');
    return this.addHeader(new ConnectHeader(key, value.schema(), value));
  }

  addDecimal(key: string, value: BigDecimal | null): this {
    if (value === null) return this.add(key, null, null);
    const schema = Decimal.schema(value.scale());
    Decimal.fromLogical(schema, value);
    return this.addHeader(new ConnectHeader(key, schema, value));
  }

  addDate(key: string, value: Date | null): this {
    if (value !== null) ConnectDate.fromLogical(ConnectDate.SCHEMA, value);
    return this.addHeader(new ConnectHeader(key, ConnectDate.SCHEMA, value));
  }

  addTime(key: string, value: Date | null): this {
    if (value !== null) ConnectTime.fromLogical(ConnectTime.SCHEMA, value);
    return this.addHeader(new ConnectHeader(key, ConnectTime.SCHEMA, value));
  }

  addTimestamp(key: string, value: Date | null): this {
    if (value !== null) ConnectTimestamp.fromLogical(ConnectTimestamp.SCHEMA, value);
    return this.addHeader(new ConnectHeader(key, ConnectTimestamp.SCHEMA, value));
  }

  lastWithName(key: string): ConnectHeader | null {
    checkKey(key);
    for (let i = this.#headers.length - 1; i >= 0; i--) {
      if (this.#headers[i].key() === key) return this.#headers[i];
    }
    return null;
  }

  /** All headers with the key, in order. */
  allWithName(key: string): ConnectHeader[] {
    checkKey(key);
    return this.#headers.filter((header) => header.key() === key);
  }

  remove(key: string): this {
    checkKey(key);
    this.#headers = this.#headers.filter((header) => header.key() !== key);
    this.#shared = false;
    return this;
  }

  /** Keeps only the last header of each key (or of the given key). */
  retainLatest(key?: string): this {
    if (key !== undefined) checkKey(key);
    const seen = new Set<string>();
    const kept: ConnectHeader[] = [];
    for (let i = this.#headers.length - 1; i >= 0; i--) {
      const header = this.#headers[i];
      const applies = key === undefined || header.key() === key;
      if (applies && seen.has(header.key())) continue;
      if (applies) seen.add(header.key());
      kept.push(header);
    }
    this.#headers = kept.reverse();
    this.#shared = false;
    return this;
  }

  /** Rewrites every header (or every header with the key); a null result removes the header. */
  apply(transform: HeaderTransform): this;
  apply(key: string, transform: HeaderTransform): this;
  apply(keyOrTransform: string | HeaderTransform, maybeTransform?: HeaderTransform): this {
    const key = typeof keyOrTransform === 'string' ? keyOrTransform : null;
    const transform = typeof keyOrTransform === 'string' ? maybeTransform : keyOrTransform;
    if (transform === undefined) throw new TypeError('A header transform is required');
    const result: ConnectHeader[] = [];
    for (const header of this.#headers) {
      if (key !== null && header.key() !== key) {
        result.push(header);
        continue;
      }
      const updated = transform(header);
      if (updated !== null) result.push(updated);
    }
    this.#headers = result;
    this.#shared = false;
    return this;
  }

  duplicate(): ConnectHeaders {
    return headersOverSharedList(shareHeaderList(this));
  }

  static {
    shareHeaderList = (headers) => {
      headers.#shared = true;
      return headers.#headers;
    };
    headersOverSharedList = (list) => {
      const headers = new ConnectHeaders();
      headers.#headers = list as ConnectHeader[];
      return headers;
    };
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof ConnectHeaders)) return false;
    const theirs = other.#headers;
    return this.#headers.length === theirs.length && this.#headers.every((header, i) => header.equals(theirs[i]));
  }

  toString(): string {
    return `ConnectHeaders(headers=${this.#headers.length === 0 ? '' : `[${this.#headers.map((h) => h.toString()).join(', ')}]`})`;
  }

  #checkSchemaMatches(schema: Schema | null, value: unknown): void {
    if (schema === null) return;
    const built = schema.schema();
    if (value === null) {
      if (!built.isOptional()) throw new DataException(`A null value requires an optional schema but was ${built.toString()}`);
      return;
    }
    if (!headerValueFits(built, value)) {
      throw new DataException(`The value ${javaToString(value, built)} is not compatible with the schema ${built.toString()}`);
    }
  }
}

// ConnectHeaders.checkSchemaMatches: only the top-level type is checked, not container contents.
function headerValueFits(schema: Schema, value: unknown): boolean {
  const name = schema.name();
  switch (schema.type()) {
    case 'BYTES':
      return value instanceof Uint8Array || (value instanceof BigDecimal && name === DECIMAL_LOGICAL_NAME);
    case 'STRING':
      return typeof value === 'string';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'INT8':
      return Number.isInteger(value) && (value as number) >= -128 && (value as number) <= 127;
    case 'INT16':
      return Number.isInteger(value) && (value as number) >= -32768 && (value as number) <= 32767;
    case 'INT32':
      if (value instanceof Date) return name === DATE_LOGICAL_NAME || name === TIME_LOGICAL_NAME;
      return Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
    case 'INT64':
      if (value instanceof Date) return name === TIMESTAMP_LOGICAL_NAME;
      return typeof value === 'bigint';
    case 'FLOAT32':
    case 'FLOAT64':
      return typeof value === 'number';
    case 'ARRAY':
      return Array.isArray(value);
    case 'MAP':
      return isMapLike(value);
    case 'STRUCT':
      return value instanceof Struct;
  }
}

function checkSchemaType(schema: Schema, type: SchemaType): void {
  if (schema.type() !== type) throw new DataException(`Expecting ${type} but instead found ${schema.type()}`);
}

function checkKey(key: string): void {
  if (key === null || key === undefined) throw new TypeError('Header key cannot be null');
}
