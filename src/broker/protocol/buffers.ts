/** Byte-level reading and writing of Kafka's primitive types (big-endian, classic and compact forms). */

const TWO_32 = 2 ** 32;

export class ProtocolError extends Error {}

export class Reader {
  offset: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
    readonly end = buf.length,
  ) {
    this.offset = offset;
  }

  remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): number {
    const at = this.offset;
    if (at + n > this.end) throw new ProtocolError(`truncated: need ${n} bytes at ${at}, have ${this.end - at}`);
    this.offset = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }
  /** int64 as a JS number; Kafka's offsets, ids and timestamps stay far below 2^53. */
  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * TWO_32 + this.buf.readUInt32BE(at + 4);
  }
  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }
  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }
  uuid(): string {
    const at = this.need(16);
    return this.buf.toString('hex', at, at + 16);
  }
  raw(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  /** Unsigned (non-zig-zag) varint, as used by flexible versions. */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (shift > 28) throw new ProtocolError('varint too long');
      const b = this.buf[this.need(1)];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  /** Zig-zag varint as used inside record batches. */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zig-zag varlong (up to 64 bits), returned as a number. */
  varlong(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (shift > 63n) throw new ProtocolError('varlong too long');
      const b = this.buf[this.need(1)];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
    }
    return Number((result >> 1n) ^ -(result & 1n));
  }

  /** Length prefix of a string/bytes/array: classic int16/int32 or compact uvarint-minus-one. -1 is null. */
  length(compact: boolean, wide: boolean): number {
    if (compact) return this.uvarint() - 1;
    return wide ? this.int32() : this.int16();
  }

  string(compact: boolean): string | null {
    const n = this.length(compact, false);
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  bytes(compact: boolean): Buffer | null {
    const n = this.length(compact, true);
    if (n < 0) return null;
    return this.raw(n);
  }
}

/**
 * Growable output that can also splice in existing buffers by reference (record sets served
 * from disk are not copied).
 */
export class Writer {
  private chunks: Buffer[] = [];
  private buf: Buffer;
  private pos = 0;
  private flushedBytes = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get size(): number {
    return this.flushedBytes + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.pos = this.buf.writeInt8(v, this.pos);
    return this;
  }
  int16(v: number): this {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
    return this;
  }
  uint16(v: number): this {
    this.ensure(2);
    this.pos = this.buf.writeUInt16BE(v, this.pos);
    return this;
  }
  int32(v: number): this {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(v, this.pos);
    return this;
  }
  uint32(v: number): this {
    this.ensure(4);
    this.pos = this.buf.writeUInt32BE(v, this.pos);
    return this;
  }
  int64(v: number): this {
    this.ensure(8);
    const hi = Math.floor(v / TWO_32);
    this.buf.writeInt32BE(hi, this.pos);
    this.buf.writeUInt32BE(v - hi * TWO_32, this.pos + 4);
    this.pos += 8;
    return this;
  }
  float64(v: number): this {
    this.ensure(8);
    this.pos = this.buf.writeDoubleBE(v, this.pos);
    return this;
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  uuid(hex: string): this {
    const b = Buffer.from(hex.padStart(32, '0'), 'hex');
    return this.raw(b);
  }

  uvarint(v: number): this {
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  varlong(v: number): this {
    let u = (BigInt(v) << 1n) ^ (BigInt(v) >> 63n);
    u &= 0xffffffffffffffffn;
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
    return this;
  }

  length(n: number, compact: boolean, wide: boolean): this {
    if (compact) return this.uvarint(n + 1);
    return wide ? this.int32(n) : this.int16(n);
  }

  string(v: string | null, compact: boolean): this {
    if (v === null) return this.length(-1, compact, false);
    const n = Buffer.byteLength(v);
    this.length(n, compact, false);
    this.ensure(n);
    this.pos += this.buf.write(v, this.pos);
    return this;
  }

  bytes(v: Buffer | null, compact: boolean): this {
    if (v === null) return this.length(-1, compact, true);
    this.length(v.length, compact, true);
    return this.raw(v);
  }

  /** Copies small buffers; large ones are referenced, not copied. */
  raw(b: Buffer): this {
    if (b.length >= 4096) {
      this.flushScratch();
      this.chunks.push(b);
      this.flushedBytes += b.length;
      return this;
    }
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
    return this;
  }

  private flushScratch(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushedBytes += this.pos;
    this.buf = Buffer.allocUnsafe(Math.max(256, this.buf.length - this.pos));
    this.pos = 0;
  }

  /** All bytes written, as a list of chunks (cheap) ... */
  toChunks(): Buffer[] {
    this.flushScratch();
    return this.chunks;
  }

  /** ... or as one buffer. */
  toBuffer(): Buffer {
    const chunks = this.toChunks();
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }
}
