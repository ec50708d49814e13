/**
 * Writes a v2 record batch (magic 2) for a slice of a send()'s records in one pass over a single
 * buffer: no intermediate record objects. Non-idempotent (producer id/epoch/base sequence -1,
 * as librdkafka), CreateTime, CRC-32C over attributes..end.
 */
import { compress, Compression, type CompressionCodec } from '../broker/records/compression.js';
import { crc32c } from '../broker/records/crc.js';
import type { ProducerRecord } from './types.js';

const HEADER_BYTES = 61;
const TWO_32 = 2 ** 32;

/** Bytes a record may take in a batch at most (for splitting before building). */
export function recordSizeBound(r: ProducerRecord): number {
  let size = 5 + 1 + 10 + 5 + 5 + 5 + 5 + (r.key === null ? 0 : r.key.length) + (r.value === null ? 0 : r.value.length);
  const headers = r.headers;
  if (headers !== undefined) {
    for (let i = 0; i < headers.length; i++) {
      const v = headers[i][1];
      size += 10 + headers[i][0].length * 3 + (v === null ? 0 : v.length);
    }
  }
  return size;
}

function uvarintSize(u: number): number {
  if (u < 0x80) return 1;
  if (u < 0x4000) return 2;
  if (u < 0x200000) return 3;
  if (u < 0x10000000) return 4;
  let size = 5;
  u = Math.floor(u / 0x800000000);
  while (u > 0) {
    size++;
    u = Math.floor(u / 128);
  }
  return size;
}

function zigZag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function varintSize(n: number): number {
  return uvarintSize(zigZag(n));
}

function writeUvarint(buf: Buffer, pos: number, u: number): number {
  while (u >= 0x80000000) {
    buf[pos++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  while (u >= 0x80) {
    buf[pos++] = (u & 0x7f) | 0x80;
    u >>>= 7;
  }
  buf[pos++] = u;
  return pos;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  return writeUvarint(buf, pos, zigZag(n));
}

function writeInt64(buf: Buffer, at: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(value - hi * TWO_32, at + 4);
}

let sizes = new Int32Array(4096);

/**
 * Builds one batch from records[order[from..to)] (relative offsets 0..n-1 in that order).
 * Records without a timestamp get `now`.
 */
export function writeBatch(
  records: readonly ProducerRecord[],
  order: Int32Array,
  from: number,
  to: number,
  now: number,
  compression: CompressionCodec,
): Buffer {
  const count = to - from;
  if (sizes.length < count) sizes = new Int32Array(Math.max(count, sizes.length * 2));
  const first = records[order[from]];
  const baseTimestamp = first.timestamp ?? now;
  let maxTimestamp = baseTimestamp;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const r = records[order[from + k]];
    const ts = r.timestamp ?? now;
    if (ts > maxTimestamp) maxTimestamp = ts;
    const key = r.key;
    const value = r.value;
    let body = 1 + varintSize(ts - baseTimestamp) + uvarintSize(k * 2);
    body += key === null ? 1 : uvarintSize(key.length * 2) + key.length;
    body += value === null ? 1 : uvarintSize(value.length * 2) + value.length;
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      body += 1;
    } else {
      body += uvarintSize(headers.length * 2);
      for (let h = 0; h < headers.length; h++) {
        const hk = Buffer.byteLength(headers[h][0], 'utf8');
        const hv = headers[h][1];
        body += uvarintSize(hk * 2) + hk + (hv === null ? 1 : uvarintSize(hv.length * 2) + hv.length);
      }
    }
    sizes[k] = body;
    total += uvarintSize(body * 2) + body;
  }

  const compressed = compression !== Compression.None;
  const out = Buffer.allocUnsafe(compressed ? total : HEADER_BYTES + total);
  let pos = compressed ? 0 : HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    const r = records[order[from + k]];
    pos = writeUvarint(out, pos, sizes[k] * 2);
    out[pos++] = 0; // attributes
    pos = writeVarint(out, pos, (r.timestamp ?? now) - baseTimestamp);
    pos = writeUvarint(out, pos, k * 2);
    const key = r.key;
    if (key === null) out[pos++] = 1;
    else {
      pos = writeUvarint(out, pos, key.length * 2);
      pos += key.copy(out, pos);
    }
    const value = r.value;
    if (value === null) out[pos++] = 1;
    else {
      pos = writeUvarint(out, pos, value.length * 2);
      pos += value.copy(out, pos);
    }
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      out[pos++] = 0;
    } else {
      pos = writeUvarint(out, pos, headers.length * 2);
      for (let h = 0; h < headers.length; h++) {
        const hk = headers[h][0];
        pos = writeUvarint(out, pos, Buffer.byteLength(hk, 'utf8') * 2);
        pos += out.write(hk, pos, 'utf8');
        const hv = headers[h][1];
        if (hv === null) out[pos++] = 1;
        else {
          pos = writeUvarint(out, pos, hv.length * 2);
          pos += hv.copy(out, pos);
        }
      }
    }
  }

  let batch: Buffer;
  if (compressed) {
    const body = compress(compression, out);
    batch = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    body.copy(batch, HEADER_BYTES);
  } else {
    batch = out;
  }
  writeInt64(batch, 0, 0); // baseOffset: assigned by the broker
  batch.writeInt32BE(batch.length - 12, 8); // batchLength
  batch.writeInt32BE(-1, 12); // partitionLeaderEpoch
  batch[16] = 2; // magic
  batch.writeInt16BE(compression, 21); // attributes: codec, CreateTime, not transactional
  batch.writeInt32BE(count - 1, 23); // lastOffsetDelta
  writeInt64(batch, 27, baseTimestamp);
  writeInt64(batch, 35, maxTimestamp);
  writeInt64(batch, 43, -1); // producerId
  batch.writeInt16BE(-1, 51); // producerEpoch
  batch.writeInt32BE(-1, 53); // baseSequence
  batch.writeInt32BE(count, 57);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
