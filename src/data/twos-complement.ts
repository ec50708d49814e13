/**
 * Big-endian two's-complement bytes of an integer, minimal as Java's BigInteger.toByteArray
 * writes them (always at least one byte; a sign byte only when the top bit would lie).
 */
export function bigIntToBytes(value: bigint): Buffer {
  let byteCount = 1;
  // Smallest n with -2^(8n-1) <= value < 2^(8n-1).
  while (value >= 1n << BigInt(8 * byteCount - 1) || value < -(1n << BigInt(8 * byteCount - 1))) byteCount++;
  const bytes = Buffer.alloc(byteCount);
  let rest = BigInt.asUintN(8 * byteCount, value);
  for (let i = byteCount - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** Reads big-endian two's-complement bytes (Java's `new BigInteger(byte[])`); empty input is an error there too. */
export function bigIntFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new RangeError('Zero length BigInteger');
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return BigInt.asIntN(8 * bytes.length, value);
}
