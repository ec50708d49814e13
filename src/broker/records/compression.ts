/**
 * The record batch codecs, by the id stored in bits 0-2 of a batch's attributes. The broker never
 * needs them on the produce/fetch paths (batches are stored and served verbatim); compaction,
 * timestamp lookups and tests look inside batches.
 */
import { createRequire } from 'node:module';

// The codecs cost ~15 MB of resident memory between them and most brokers never look inside a
// batch, so each is loaded on first use.
const load = createRequire(import.meta.url);
let zlib: typeof import('node:zlib') | undefined;
const gzipCodec = (): typeof import('node:zlib') => (zlib ??= load('node:zlib') as typeof import('node:zlib'));
let lz4: typeof import('lz4-napi') | undefined;
let snappy: typeof import('snappy') | undefined;
let zstd: typeof import('zstd-napi') | undefined;
const lz4Codec = (): typeof import('lz4-napi') => (lz4 ??= load('lz4-napi') as typeof import('lz4-napi'));
const snappyCodec = (): typeof import('snappy') => (snappy ??= load('snappy') as typeof import('snappy'));
const zstdCodec = (): typeof import('zstd-napi') => (zstd ??= load('zstd-napi') as typeof import('zstd-napi'));

export const Compression = {
  None: 0,
  Gzip: 1,
  Snappy: 2,
  Lz4: 3,
  Zstd: 4,
} as const;

export type CompressionCodec = (typeof Compression)[keyof typeof Compression];

export const COMPRESSION_NAMES: Readonly<Record<CompressionCodec, string>> = {
  0: 'none',
  1: 'gzip',
  2: 'snappy',
  3: 'lz4',
  4: 'zstd',
};

export function isCompressionCodec(id: number): id is CompressionCodec {
  return Number.isInteger(id) && id >= 0 && id <= 4;
}

export class CompressionError extends Error {}

export function compress(codec: CompressionCodec, data: Buffer): Buffer {
  switch (codec) {
    case Compression.None:
      return data;
    case Compression.Gzip:
      return gzipCodec().gzipSync(data);
    case Compression.Snappy:
      return xerialSnappyCompress(data);
    case Compression.Lz4:
      return lz4Codec().compressFrameSync(data);
    case Compression.Zstd:
      return zstdCodec().compress(data);
  }
}

export function decompress(codec: CompressionCodec, data: Buffer): Buffer {
  try {
    switch (codec) {
      case Compression.None:
        return data;
      case Compression.Gzip:
        return gzipCodec().gunzipSync(data);
      case Compression.Snappy:
        return snappyDecompress(data);
      case Compression.Lz4:
        return lz4Codec().decompressFrameSync(data);
      case Compression.Zstd:
        return zstdCodec().decompress(data);
    }
  } catch (err) {
    if (err instanceof CompressionError) throw err;
    throw new CompressionError(`cannot decompress ${COMPRESSION_NAMES[codec]} data: ${(err as Error).message}`);
  }
}

// Java clients and the Java broker wrap snappy in snappy-java's stream framing ("xerial"): a 16-byte
// header, then [int32 length, raw snappy block]*. librdkafka writes one raw block and reads both.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;
const XERIAL_VERSION = 1;
const XERIAL_MIN_COMPATIBLE_VERSION = 1;
/** snappy-java's default block size, which is what the Java producer writes. */
const XERIAL_BLOCK_BYTES = 32 * 1024;

function isXerialFramed(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_BYTES && data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

function snappyBlock(block: Uint8Array): Buffer {
  return snappyCodec().uncompressSync(block, { asBuffer: true }) as Buffer;
}

function snappyDecompress(data: Buffer): Buffer {
  if (!isXerialFramed(data)) return snappyBlock(data);
  const blocks: Buffer[] = [];
  let at = XERIAL_HEADER_BYTES;
  while (at < data.length) {
    if (at + 4 > data.length) throw new CompressionError('truncated xerial snappy block length');
    const length = data.readInt32BE(at);
    at += 4;
    if (length < 0 || at + length > data.length) throw new CompressionError('truncated xerial snappy block');
    blocks.push(snappyBlock(data.subarray(at, at + length)));
    at += length;
  }
  return blocks.length === 1 ? blocks[0] : Buffer.concat(blocks);
}

function xerialSnappyCompress(data: Buffer): Buffer {
  const header = Buffer.allocUnsafe(XERIAL_HEADER_BYTES);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_MIN_COMPATIBLE_VERSION, 12);
  const parts: Buffer[] = [header];
  for (let at = 0; at < data.length; at += XERIAL_BLOCK_BYTES) {
    const block = snappyCodec().compressSync(data.subarray(at, Math.min(at + XERIAL_BLOCK_BYTES, data.length)));
    const length = Buffer.allocUnsafe(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}
