/**
 * The records area of a v2 batch: each record is a zig-zag varint length, then attributes, timestamp
 * and offset deltas, key, value and headers. Varints are decoded with plain arithmetic (exact up to
 * 2^53, far above any offset delta or timestamp) because BigInt per record is too slow for
 * compaction over a large log.
 */

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** One record as stored: absolute offset and timestamp, key and value by reference into the batch. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export class RecordFormatError extends Error {}

/** Sequential reader over a records area; every read is bounds-checked against `end`. */
class RecordCursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  private unsignedVarint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new RecordFormatError('record truncated inside a varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new RecordFormatError('varint longer than 10 bytes');
  }

  varint(): number {
    const u = this.unsignedVarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  int8(): number {
    if (this.pos >= this.end) throw new RecordFormatError('record truncated');
    return this.buf.readInt8(this.pos++);
  }

  bytes(): Buffer | null {
    const length = this.varint();
    if (length < 0) return null;
    if (this.pos + length > this.end) throw new RecordFormatError('record field runs past its record');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

/**
 * Decodes `count` records. Timestamps are `baseTimestamp + delta` as stored; callers substitute
 * the batch's maxTimestamp for LogAppendTime batches.
 */
export function* decodeRecords(data: Buffer, count: number, baseOffset: number, baseTimestamp: number): Generator<LogRecord> {
  const cursor = new RecordCursor(data, 0, data.length);
  for (let i = 0; i < count; i++) {
    const length = cursor.varint();
    const recordEnd = cursor.pos + length;
    if (length < 0 || recordEnd > data.length) throw new RecordFormatError(`record ${i} length ${length} runs past the batch`);
    const record = new RecordCursor(data, cursor.pos, recordEnd);
    record.int8();
    const timestamp = baseTimestamp + record.varint();
    const offset = baseOffset + record.varint();
    const key = record.bytes();
    const value = record.bytes();
    const headerCount = record.varint();
    if (headerCount < 0) throw new RecordFormatError(`record ${i} has a negative header count`);
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = record.bytes();
      if (headerKey === null) throw new RecordFormatError(`record ${i} has a null header key`);
      headers.push({ key: headerKey.toString('utf8'), value: record.bytes() });
    }
    cursor.pos = recordEnd;
    yield { offset, timestamp, key, value, headers };
  }
}

function unsignedVarintSize(u: number): number {
  let size = 1;
  while (u >= 0x80) {
    u = Math.floor(u / 128);
    size++;
  }
  return size;
}

function zigZag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function varintSize(n: number): number {
  return unsignedVarintSize(zigZag(n));
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  let u = zigZag(n);
  while (u >= 0x80) {
    buf[pos++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[pos++] = u;
  return pos;
}

function bytesFieldSize(b: Buffer | null): number {
  return b === null ? 1 : varintSize(b.length) + b.length;
}

function writeBytesField(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, b.length);
  b.copy(buf, pos);
  return pos + b.length;
}

export interface EncodableRecord {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: readonly RecordHeader[];
}

/** Encodes records into one uncompressed records area. */
export function encodeRecords(records: readonly EncodableRecord[]): Buffer {
  const bodySizes: number[] = [];
  const headerKeys: Buffer[][] = [];
  let total = 0;
  for (const r of records) {
    const keys = r.headers.map((h) => Buffer.from(h.key, 'utf8'));
    headerKeys.push(keys);
    let body = 1 + varintSize(r.timestampDelta) + varintSize(r.offsetDelta) + bytesFieldSize(r.key) + bytesFieldSize(r.value);
    body += varintSize(r.headers.length);
    r.headers.forEach((h, i) => {
      body += bytesFieldSize(keys[i]) + bytesFieldSize(h.value);
    });
    bodySizes.push(body);
    total += varintSize(body) + body;
  }
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  records.forEach((r, i) => {
    pos = writeVarint(out, pos, bodySizes[i]);
    out[pos++] = 0;
    pos = writeVarint(out, pos, r.timestampDelta);
    pos = writeVarint(out, pos, r.offsetDelta);
    pos = writeBytesField(out, pos, r.key);
    pos = writeBytesField(out, pos, r.value);
    pos = writeVarint(out, pos, r.headers.length);
    r.headers.forEach((h, j) => {
      pos = writeBytesField(out, pos, headerKeys[i][j]);
      pos = writeBytesField(out, pos, h.value);
    });
  });
  return out;
}
