/** CRC-32C (Castagnoli), the checksum of record batch format v2. */
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C of `data`, continuing from `initial` when checksumming in pieces. Unsigned 32-bit result. */
export function crc32c(data: Uint8Array, initial = 0): number {
  return nativeCrc32c(data, initial) >>> 0;
}

/** CRC-32C over several chunks, as if they were one buffer. */
export function crc32cOfChunks(chunks: readonly Uint8Array[]): number {
  let crc = 0;
  for (const chunk of chunks) crc = crc32c(chunk, crc);
  return crc;
}
