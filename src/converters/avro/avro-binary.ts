import { fieldIndex, unionBranchName, type AvroRecordSchema, type AvroSchema, type AvroUnionSchema } from './avro-schema.js';
import { jsonToDatum } from './avro-json-datum.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';

/** Data that does not fit the schema it is written with (Avro's AvroTypeException, UnresolvedUnionException). */
export class AvroTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AvroTypeException';
  }
}

/** Bytes that are not a datum of the schema (truncated, bad lengths). */
export class AvroDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AvroDecodeException';
  }
}

/** Avro's binary encoding of one schema, compiled into closures once. */
export interface AvroBinaryCodec {
  write(writer: AvroWriter, value: unknown): void;
  read(reader: AvroReader): unknown;
}

type Write = (writer: AvroWriter, value: unknown) => void;
type Read = (reader: AvroReader) => unknown;

const CODECS = new WeakMap<AvroSchema, AvroBinaryCodec>();

export function binaryCodec(schema: AvroSchema): AvroBinaryCodec {
  let codec = CODECS.get(schema);
  if (codec === undefined) {
    const compiler = new Compiler();
    codec = { write: compiler.writer(schema), read: compiler.reader(schema) };
    CODECS.set(schema, codec);
  }
  return codec;
}

const SAFE_LONG = 2n ** 52n;
const EMPTY = Buffer.alloc(0);

/** A growable output buffer; reuse one per converter and copy out each datum. */
export class AvroWriter {
  buffer: Buffer;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  reset(): void {
    this.pos = 0;
  }

  /** A copy of what was written. */
  toBuffer(): Buffer {
    // allocUnsafe draws small buffers from Node's pool; every byte is overwritten by the copy.
    const out = Buffer.allocUnsafe(this.pos);
    this.buffer.copy(out, 0, 0, this.pos);
    return out;
  }

  ensure(bytes: number): void {
    const needed = this.pos + bytes;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  writeByte(byte: number): void {
    this.ensure(1);
    this.buffer[this.pos++] = byte;
  }

  writeRaw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Zig-zag varint of a 32-bit int. */
  writeInt(value: number): void {
    this.ensure(5);
    let n = ((value << 1) ^ (value >> 31)) >>> 0;
    const buffer = this.buffer;
    while (n > 0x7f) {
      buffer[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buffer[this.pos++] = n;
  }

  /** Zig-zag varint of a 64-bit long. */
  writeLong(value: bigint): void {
    this.ensure(10);
    const buffer = this.buffer;
    if (value < SAFE_LONG && value > -SAFE_LONG) {
      const small = Number(value);
      let n = small >= 0 ? small * 2 : -small * 2 - 1;
      while (n >= 0x80) {
        buffer[this.pos++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
      buffer[this.pos++] = n;
      return;
    }
    let n = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    while (n > 0x7fn) {
      buffer[this.pos++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    buffer[this.pos++] = Number(n);
  }

  writeFloat(value: number): void {
    this.ensure(4);
    this.buffer.writeFloatLE(value, this.pos);
    this.pos += 4;
  }

  writeDouble(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  writeBytes(bytes: Uint8Array): void {
    this.writeInt(bytes.length);
    this.writeRaw(bytes);
  }

  writeString(text: string): void {
    const length = text.length;
    // Short ASCII strings (the common case) are copied by hand: cheaper than a native call.
    if (length < 64) {
      this.ensure(1 + length);
      const buffer = this.buffer;
      const start = this.pos + 1;
      let i = 0;
      for (; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0x80) break;
        buffer[start + i] = code;
      }
      if (i === length) {
        buffer[this.pos] = length << 1;
        this.pos = start + length;
        return;
      }
    }
    const byteLength = Buffer.byteLength(text, 'utf8');
    this.writeInt(byteLength);
    this.ensure(byteLength);
    this.buffer.write(text, this.pos, byteLength, 'utf8');
    this.pos += byteLength;
  }
}

export class AvroReader {
  pos = 0;
  buffer: Buffer = EMPTY;

  constructor(bytes: Uint8Array = EMPTY, offset = 0) {
    this.reset(bytes, offset);
  }

  /** Points the reader at other bytes, so one reader can serve every datum. */
  reset(bytes: Uint8Array, offset = 0): this {
    this.buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
    return this;
  }

  remaining(): number {
    return this.buffer.length - this.pos;
  }

  #need(bytes: number): void {
    if (bytes < 0 || this.pos + bytes > this.buffer.length) throw new AvroDecodeError('Unexpected end of Avro data');
  }

  readByte(): number {
    this.#need(1);
    return this.buffer[this.pos++];
  }

  readInt(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      if (shift > 28) throw new AvroDecodeError('Invalid int encoding');
      byte = this.readByte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    result >>>= 0;
    return (result >>> 1) ^ -(result & 1);
  }

  readLong(): bigint {
    const start = this.pos;
    const small = this.#readSmallLong();
    if (small !== null) return BigInt(small);
    this.pos = start;
    return this.#readBigLong();
  }

  /** A block count or length, which must fit a JS number. */
  readCount(): number {
    const small = this.#readSmallLong();
    if (small === null || small > 2147483647 || small < -2147483648) throw new AvroDecodeError('Invalid length');
    return small;
  }

  /** A zig-zag varint of at most 7 bytes (49 bits, exact in a double), or null when longer. */
  #readSmallLong(): number | null {
    const buffer = this.buffer;
    const end = buffer.length;
    let pos = this.pos;
    if (pos >= end) throw new AvroDecodeError('Unexpected end of Avro data');
    let byte = buffer[pos++];
    let value = byte & 0x7f;
    let scale = 0x80;
    while (byte & 0x80) {
      if (scale > 0x1000000000000) return null;
      if (pos >= end) throw new AvroDecodeError('Unexpected end of Avro data');
      byte = buffer[pos++];
      value += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    this.pos = pos;
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  #readBigLong(): bigint {
    let big = 0n;
    let shift = 0n;
    let byte: number;
    do {
      if (shift > 63n) throw new AvroDecodeError('Invalid long encoding');
      byte = this.readByte();
      big |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte & 0x80);
    big = BigInt.asUintN(64, big);
    return BigInt.asIntN(64, (big >> 1n) ^ -(big & 1n));
  }

  readFloat(): number {
    this.#need(4);
    const value = this.buffer.readFloatLE(this.pos);
    this.pos += 4;
    return value;
  }

  readDouble(): number {
    this.#need(8);
    const value = this.buffer.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  readFixed(size: number): Buffer {
    this.#need(size);
    const bytes = Buffer.from(this.buffer.subarray(this.pos, this.pos + size));
    this.pos += size;
    return bytes;
  }

  readBytes(): Buffer {
    const length = this.readCount();
    if (length < 0) throw new AvroDecodeError(`Malformed data. Length is negative: ${length}`);
    return this.readFixed(length);
  }

  readString(): string {
    const length = this.readCount();
    if (length < 0) throw new AvroDecodeError(`Malformed data. Length is negative: ${length}`);
    this.#need(length);
    const buffer = this.buffer;
    const start = this.pos;
    this.pos += length;
    if (length < 32) {
      let text = '';
      for (let i = start; i < start + length; i++) {
        const code = buffer[i];
        if (code >= 0x80) return buffer.toString('utf8', start, start + length);
        text += String.fromCharCode(code);
      }
      return text;
    }
    return buffer.toString('utf8', start, start + length);
  }
}

class Compiler {
  readonly #writers = new Map<AvroSchema, Write>();
  readonly #readers = new Map<AvroSchema, Read>();

  writer(schema: AvroSchema): Write {
    const known = this.#writers.get(schema);
    if (known !== undefined) return known;
    if (schema.type === 'record') {
      // Recursive records reach themselves before their writer exists: bind late.
      let compiled: Write | undefined;
      this.#writers.set(schema, (writer, value) => (compiled as Write)(writer, value));
      compiled = this.#recordWriter(schema);
      this.#writers.set(schema, compiled);
      return compiled;
    }
    const compiled = this.#writerOf(schema);
    this.#writers.set(schema, compiled);
    return compiled;
  }

  reader(schema: AvroSchema): Read {
    const known = this.#readers.get(schema);
    if (known !== undefined) return known;
    if (schema.type === 'record') {
      let compiled: Read | undefined;
      this.#readers.set(schema, (reader) => (compiled as Read)(reader));
      compiled = this.#recordReader(schema);
      this.#readers.set(schema, compiled);
      return compiled;
    }
    const compiled = this.#readerOf(schema);
    this.#readers.set(schema, compiled);
    return compiled;
  }

  #writerOf(schema: AvroSchema): Write {
    switch (schema.type) {
      case 'null':
        return (_writer, value) => {
          if (value !== null && value !== undefined) throw new AvroTypeError(`Not null: ${describe(value)}`);
        };
      case 'boolean':
        return (writer, value) => {
          if (typeof value !== 'boolean') throw new AvroTypeError(`Not a boolean: ${describe(value)}`);
          writer.writeByte(value ? 1 : 0);
        };
      case 'int':
        return (writer, value) => writer.writeInt(toInt(value));
      case 'long':
        return (writer, value) => writer.writeLong(toLong(value));
      case 'float':
        return (writer, value) => writer.writeFloat(toNumber(value, 'float'));
      case 'double':
        return (writer, value) => writer.writeDouble(toNumber(value, 'double'));
      case 'bytes':
        return (writer, value) => writer.writeBytes(toBytes(value));
      case 'string':
        return (writer, value) => {
          if (typeof value === 'string') writer.writeString(value);
          else if (value instanceof AvroEnumSymbol) writer.writeString(value.symbol);
          else throw new AvroTypeError(`Not a string: ${describe(value)}`);
        };
      case 'enum': {
        const ordinals = new Map(schema.symbols.map((symbol, i) => [symbol, i]));
        return (writer, value) => {
          const symbol = value instanceof AvroEnumSymbol ? value.symbol : value;
          const ordinal = typeof symbol === 'string' ? ordinals.get(symbol) : undefined;
          if (ordinal === undefined) throw new AvroTypeError(`Not an enum: ${String(symbol)} for schema: ${schema.fullName}`);
          writer.writeInt(ordinal);
        };
      }
      case 'fixed':
        return (writer, value) => {
          const bytes = value instanceof AvroFixed ? value.bytes : toBytes(value);
          if (bytes.length !== schema.size) throw new AvroTypeError(`Fixed ${schema.fullName} needs ${schema.size} bytes, got ${bytes.length}`);
          writer.writeRaw(bytes);
        };
      case 'array': {
        const item = this.writer(schema.items);
        return (writer, value) => {
          if (!Array.isArray(value)) throw new AvroTypeError(`Not an array: ${describe(value)}`);
          if (value.length > 0) {
            writer.writeInt(value.length);
            for (const element of value) item(writer, element);
          }
          writer.writeByte(0);
        };
      }
      case 'map': {
        const entry = this.writer(schema.values);
        return (writer, value) => {
          const entries = mapEntriesOf(value);
          if (entries.length > 0) {
            writer.writeInt(entries.length);
            for (const [key, item] of entries) {
              if (typeof key !== 'string') throw new AvroTypeError(`Map key is not a string: ${describe(key)}`);
              writer.writeString(key);
              entry(writer, item);
            }
          }
          writer.writeByte(0);
        };
      }
      case 'union':
        return this.#unionWriter(schema);
      case 'record':
        return this.#recordWriter(schema);
    }
  }

  #recordWriter(schema: AvroRecordSchema): Write {
    const fieldWriters = schema.fields.map((field) => this.writer(field.schema));
    const count = fieldWriters.length;
    const projections = new WeakMap<AvroRecordSchema, Projection>();
    return (writer, value) => {
      if (!(value instanceof AvroRecord)) throw new AvroTypeError(`Not a record: ${describe(value)} for schema: ${schema.fullName}`);
      let values = value.values;
      // A record made for another schema (use.latest.version) is matched by field name.
      if (value.schema !== schema) {
        let projection = projections.get(value.schema);
        if (projection === undefined) {
          projection = projectionOf(value.schema, schema);
          projections.set(value.schema, projection);
        }
        values = projection(value.values);
      }
      for (let i = 0; i < count; i++) fieldWriters[i](writer, values[i]);
    };
  }

  #unionWriter(schema: AvroUnionSchema): Write {
    const branches = schema.types.map((type) => this.writer(type));
    const nullIndex = schema.types.findIndex((type) => type.type === 'null');
    const nonNull = schema.types.flatMap((type, i) => (type.type === 'null' ? [] : [i]));
    const single = nonNull.length === 1 ? nonNull[0] : -1;
    return (writer, value) => {
      let index: number;
      let datum = value;
      if (value instanceof AvroUnionValue) {
        index = schema.types[value.index] === value.branch ? value.index : resolveBranch(schema, value.branch);
        datum = value.value;
      } else if (value === null || value === undefined) {
        index = nullIndex;
      } else {
        index = single >= 0 ? single : resolveByValue(schema, value);
      }
      if (index < 0) throw new AvroTypeError(`Not in union ${schemaList(schema)}: ${describe(datum)}`);
      writer.writeInt(index);
      branches[index](writer, datum);
    };
  }

  #readerOf(schema: AvroSchema): Read {
    switch (schema.type) {
      case 'null':
        return () => null;
      case 'boolean':
        return (reader) => reader.readByte() !== 0;
      case 'int':
        return (reader) => reader.readInt();
      case 'long':
        return (reader) => reader.readLong();
      case 'float':
        return (reader) => reader.readFloat();
      case 'double':
        return (reader) => reader.readDouble();
      case 'bytes':
        return (reader) => reader.readBytes();
      case 'string':
        return (reader) => reader.readString();
      case 'enum':
        return (reader) => {
          const ordinal = reader.readInt();
          const symbol = schema.symbols[ordinal];
          if (symbol === undefined) throw new AvroDecodeError(`Enum ordinal ${ordinal} out of range for ${schema.fullName}`);
          return new AvroEnumSymbol(schema, symbol);
        };
      case 'fixed':
        return (reader) => new AvroFixed(schema, reader.readFixed(schema.size));
      case 'array': {
        const item = this.reader(schema.items);
        return (reader) => {
          const result: unknown[] = [];
          for (let count = readBlockCount(reader); count !== 0; count = readBlockCount(reader)) {
            for (let i = 0; i < count; i++) result.push(item(reader));
          }
          return result;
        };
      }
      case 'map': {
        const entry = this.reader(schema.values);
        return (reader) => {
          const result = new Map<string, unknown>();
          for (let count = readBlockCount(reader); count !== 0; count = readBlockCount(reader)) {
            for (let i = 0; i < count; i++) {
              const key = reader.readString();
              result.set(key, entry(reader));
            }
          }
          return result;
        };
      }
      case 'union': {
        const branches = schema.types.map((type) => this.reader(type));
        const wrap = schema.types.filter((type) => type.type !== 'null').length > 1;
        return (reader) => {
          const index = reader.readInt();
          const branch = branches[index];
          if (branch === undefined) throw new AvroDecodeError(`Union index ${index} out of range for ${schemaList(schema)}`);
          const value = branch(reader);
          return wrap ? new AvroUnionValue(schema.types[index], index, value) : value;
        };
      }
      case 'record':
        return this.#recordReader(schema);
    }
  }

  #recordReader(schema: AvroRecordSchema): Read {
    const fieldReaders = schema.fields.map((field) => this.reader(field.schema));
    const count = fieldReaders.length;
    return (reader) => {
      const values = new Array<unknown>(count);
      for (let i = 0; i < count; i++) values[i] = fieldReaders[i](reader);
      return new AvroRecord(schema, values);
    };
  }
}

function readBlockCount(reader: AvroReader): number {
  const count = reader.readCount();
  if (count >= 0) return count;
  // A negative count is followed by the block's size in bytes, which a reader may skip on.
  reader.readCount();
  return -count;
}

type Projection = (values: readonly unknown[]) => unknown[];

/** Values of a record of `source` laid out as `target`'s fields; a field `source` lacks takes its default. */
function projectionOf(source: AvroRecordSchema, target: AvroRecordSchema): Projection {
  const takes = target.fields.map((field) => {
    const index = fieldIndex(source, field.name);
    if (index >= 0) return (values: readonly unknown[]) => values[index];
    const fallback = field.defaultValue === undefined ? undefined : jsonToDatum(field.defaultValue, field.schema);
    return () => fallback;
  });
  return (values) => takes.map((take) => take(values));
}

function resolveBranch(union: AvroUnionSchema, branch: AvroSchema): number {
  const name = unionBranchName(branch);
  return union.types.findIndex((type) => unionBranchName(type) === name);
}

/** GenericData.resolveUnion: the branch named after the datum's type. */
function resolveByValue(union: AvroUnionSchema, value: unknown): number {
  const byName = (name: string): number => union.types.findIndex((type) => unionBranchName(type) === name);
  if (value instanceof AvroRecord) return byName(value.schema.fullName);
  if (value instanceof AvroEnumSymbol) return byName(value.schema.fullName);
  if (value instanceof AvroFixed) return byName(value.schema.fullName);
  if (typeof value === 'string') return byName('string');
  if (typeof value === 'boolean') return byName('boolean');
  if (typeof value === 'bigint') return byName('long');
  if (value instanceof Uint8Array) return byName('bytes');
  if (Array.isArray(value)) return byName('array');
  if (value instanceof Map) return byName('map');
  if (typeof value === 'number') {
    const candidates = Number.isInteger(value) ? ['int', 'long', 'double', 'float'] : ['double', 'float'];
    for (const name of candidates) {
      const index = byName(name);
      if (index >= 0) return index;
    }
  }
  return -1;
}

function toInt(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value | 0;
  if (typeof value === 'bigint') return Number(BigInt.asIntN(32, value));
  throw new AvroTypeError(`Not an int: ${describe(value)}`);
}

function toLong(value: unknown): bigint {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw new AvroTypeError(`Not a long: ${describe(value)}`);
}

function toNumber(value: unknown, type: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new AvroTypeError(`Not a ${type}: ${describe(value)}`);
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof AvroFixed) return value.bytes;
  throw new AvroTypeError(`Not bytes: ${describe(value)}`);
}

function mapEntriesOf(value: unknown): Array<[unknown, unknown]> {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>).entries()];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value);
  throw new AvroTypeError(`Not a map: ${describe(value)}`);
}

function schemaList(union: AvroUnionSchema): string {
  return `[${union.types.map(unionBranchName).join(', ')}]`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}

