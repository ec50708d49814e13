/** One encoder/decoder for every message: walks a FieldSpec tree for a given version. */
import { ProtocolError, Reader, Writer } from './buffers.js';
import { inRange, type FieldSpec, type MessageSpec, type Primitive } from './schema.js';

export type Message = Record<string, unknown>;

/** A record set to write: one buffer, several (served from disk without copying), or null. */
export type RecordsValue = Buffer | Buffer[] | null;

const EMPTY_BYTES = Buffer.alloc(0);

export function isFlexible(spec: MessageSpec, version: number): boolean {
  return spec.flexibleFrom !== undefined && version >= spec.flexibleFrom;
}

function defaultFor(f: FieldSpec): unknown {
  if (f.default !== undefined) return f.default;
  if (f.array) return [];
  if (Array.isArray(f.type)) return null;
  switch (f.type) {
    case 'string':
      return '';
    case 'bytes':
    case 'records':
      return null;
    case 'bool':
      return false;
    case 'uuid':
      return '00000000000000000000000000000000';
    default:
      return 0;
  }
}

export function decodeStruct(fields: FieldSpec[], r: Reader, version: number, flexible: boolean): Message {
  const out: Message = {};
  for (const f of fields) {
    if (f.tag !== undefined || !inRange(f.versions, version)) {
      out[f.name] = defaultFor(f);
      continue;
    }
    out[f.name] = decodeField(f, r, version, flexible);
  }
  if (flexible) decodeTaggedFields(fields, r, version, out);
  return out;
}

function decodeTaggedFields(fields: FieldSpec[], r: Reader, version: number, out: Message): void {
  const count = r.uvarint();
  for (let i = 0; i < count; i++) {
    const tag = r.uvarint();
    const size = r.uvarint();
    const known = fields.find((f) => f.tag === tag && inRange(f.versions, version));
    if (known === undefined) {
      r.raw(size);
      continue;
    }
    const sub = new Reader(r.buf, r.offset, r.offset + size);
    out[known.name] = decodeField(known, sub, version, true);
    r.raw(size);
  }
}

function decodeField(f: FieldSpec, r: Reader, version: number, flexible: boolean): unknown {
  const nullable = inRange(f.nullableVersions, version);
  if (f.array) {
    const n = r.length(flexible, true);
    if (n < 0) {
      if (!nullable) throw new ProtocolError(`field ${f.name} is not nullable in version ${version}`);
      return null;
    }
    if (n > r.remaining()) throw new ProtocolError(`array ${f.name} claims ${n} entries, more than the bytes left`);
    const items: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) items[i] = decodeOne(f, r, version, flexible);
    return items;
  }
  if (Array.isArray(f.type) && nullable) {
    // Nullable structs are prefixed by an int8 presence marker (-1 null, 1 present).
    if (r.int8() < 0) return null;
  }
  const v = decodeOne(f, r, version, flexible);
  if (v === null && !nullable) throw new ProtocolError(`field ${f.name} is not nullable in version ${version}`);
  return v;
}

function decodeOne(f: FieldSpec, r: Reader, version: number, flexible: boolean): unknown {
  if (Array.isArray(f.type)) return decodeStruct(f.type, r, version, flexible);
  return decodePrimitive(f.type, r, flexible);
}

function decodePrimitive(t: Primitive, r: Reader, flexible: boolean): unknown {
  switch (t) {
    case 'int8':
      return r.int8();
    case 'int16':
      return r.int16();
    case 'uint16':
      return r.uint16();
    case 'int32':
      return r.int32();
    case 'int64':
      return r.int64();
    case 'float64':
      return r.float64();
    case 'bool':
      return r.bool();
    case 'uuid':
      return r.uuid();
    case 'string':
      return r.string(flexible);
    case 'bytes':
    case 'records':
      return r.bytes(flexible);
  }
}

export function encodeStruct(fields: FieldSpec[], value: Message, w: Writer, version: number, flexible: boolean): void {
  for (const f of fields) {
    if (f.tag !== undefined || !inRange(f.versions, version)) continue;
    encodeField(f, value[f.name], w, version, flexible);
  }
  if (flexible) encodeTaggedFields(fields, value, w, version);
}

function encodeTaggedFields(fields: FieldSpec[], value: Message, w: Writer, version: number): void {
  const present = fields.filter((f) => f.tag !== undefined && inRange(f.versions, version) && value[f.name] !== undefined);
  w.uvarint(present.length);
  for (const f of present.sort((a, b) => (a.tag ?? 0) - (b.tag ?? 0))) {
    const inner = new Writer(64);
    encodeField(f, value[f.name], inner, version, true);
    const bytes = inner.toBuffer();
    w.uvarint(f.tag ?? 0).uvarint(bytes.length).raw(bytes);
  }
}

function encodeField(f: FieldSpec, v: unknown, w: Writer, version: number, flexible: boolean): void {
  if (v === undefined) v = defaultFor(f);
  const nullable = inRange(f.nullableVersions, version);
  if (v === null && !nullable && f.type !== 'records') {
    if (f.array) v = [];
    else if (f.type === 'string') v = '';
    // A non-nullable bytes field must not go out as length -1 (clients reject it): send it empty.
    else if (f.type === 'bytes') v = EMPTY_BYTES;
  }
  if (f.array) {
    if (v === null) {
      w.length(-1, flexible, true);
      return;
    }
    const items = v as unknown[];
    w.length(items.length, flexible, true);
    for (const item of items) encodeOne(f, item, w, version, flexible);
    return;
  }
  if (Array.isArray(f.type) && nullable) {
    w.int8(v === null ? -1 : 1);
    if (v === null) return;
  }
  encodeOne(f, v, w, version, flexible);
}

function encodeOne(f: FieldSpec, v: unknown, w: Writer, version: number, flexible: boolean): void {
  if (Array.isArray(f.type)) {
    encodeStruct(f.type, (v ?? {}) as Message, w, version, flexible);
    return;
  }
  switch (f.type) {
    case 'int8':
      w.int8(v as number);
      return;
    case 'int16':
      w.int16(v as number);
      return;
    case 'uint16':
      w.uint16(v as number);
      return;
    case 'int32':
      w.int32(v as number);
      return;
    case 'int64':
      w.int64(v as number);
      return;
    case 'float64':
      w.float64(v as number);
      return;
    case 'bool':
      w.bool(v as boolean);
      return;
    case 'uuid':
      w.uuid(v as string);
      return;
    case 'string':
      w.string(v as string | null, flexible);
      return;
    case 'bytes':
      w.bytes(v as Buffer | null, flexible);
      return;
    case 'records':
      encodeRecords(v as RecordsValue, w, flexible);
      return;
  }
}

function encodeRecords(v: RecordsValue, w: Writer, flexible: boolean): void {
  if (v === null) {
    w.length(-1, flexible, true);
    return;
  }
  const chunks = Array.isArray(v) ? v : [v];
  let total = 0;
  for (const c of chunks) total += c.length;
  w.length(total, flexible, true);
  for (const c of chunks) w.raw(c);
}

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/** Reads the fixed request-header prefix (v1 layout; the client id is never compact). */
export function decodeRequestHeader(r: Reader): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const clientId = r.string(false);
  return { apiKey, apiVersion, correlationId, clientId };
}

/** Skips the header tag buffer of a flexible request (header v2). */
export function skipHeaderTags(r: Reader): void {
  const count = r.uvarint();
  for (let i = 0; i < count; i++) {
    r.uvarint();
    r.raw(r.uvarint());
  }
}

export function decodeRequest<T>(spec: MessageSpec, r: Reader, version: number): T {
  const flexible = isFlexible(spec, version);
  if (flexible) skipHeaderTags(r);
  return decodeStruct(spec.request, r, version, flexible) as T;
}

/**
 * Encodes a whole response frame (size prefix, header, body) as chunks ready for the socket.
 * ApiVersions always answers with header v0 so clients can parse it before negotiating.
 */
export function encodeResponseFrame(spec: MessageSpec, version: number, correlationId: number, body: object): Buffer[] {
  const flexible = isFlexible(spec, version);
  const w = new Writer(512);
  w.int32(0); // size, patched below
  w.int32(correlationId);
  if (flexible && spec.apiKey !== 18) w.uvarint(0);
  encodeStruct(spec.response, body as Message, w, version, flexible);
  const chunks = w.toChunks();
  chunks[0].writeInt32BE(w.size - 4, 0);
  return chunks;
}

/** Encodes a request (used by tests and tools that speak to the broker directly). */
export function encodeRequestFrame(
  spec: MessageSpec,
  version: number,
  header: Omit<RequestHeader, 'apiKey' | 'apiVersion'>,
  body: object,
): Buffer {
  const flexible = isFlexible(spec, version);
  const w = new Writer(256);
  w.int32(0).int16(spec.apiKey).int16(version).int32(header.correlationId).string(header.clientId, false);
  if (flexible) w.uvarint(0);
  encodeStruct(spec.request, body as Message, w, version, flexible);
  const buf = w.toBuffer();
  buf.writeInt32BE(buf.length - 4, 0);
  return buf;
}

export function decodeResponse<T>(spec: MessageSpec, buf: Buffer, version: number): { correlationId: number; body: T } {
  const r = new Reader(buf);
  const correlationId = r.int32();
  const flexible = isFlexible(spec, version);
  if (flexible && spec.apiKey !== 18) skipHeaderTags(r);
  return { correlationId, body: decodeStruct(spec.response, r, version, flexible) as T };
}
