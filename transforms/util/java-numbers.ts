/**
 * Java's primitive number semantics, for transforms that cast like Java does: narrowing wraps,
 * floating-point to integer saturates (NaN → 0), and strings parse with Integer.parseInt /
 * Double.parseDouble rules. Parse failures throw NumberFormatError (Java's NumberFormatException).
 */
export class NumberFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberFormatException';
  }
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** `(long) d` for a double: truncation toward zero, saturating, NaN → 0. */
export function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 9223372036854775807) return LONG_MAX;
  if (value <= -9223372036854775808) return LONG_MIN;
  return BigInt(Math.trunc(value));
}

/** `(int) d` for a double: truncation toward zero, saturating, NaN → 0. */
export function doubleToInt(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value >= 2147483647) return 2147483647;
  if (value <= -2147483648) return -2147483648;
  return Math.trunc(value) | 0;
}

/** Two's-complement wrap of an integer to `bits` (Java's narrowing of integral types). */
export function wrapInteger(value: bigint, bits: 8 | 16 | 32 | 64): bigint {
  return BigInt.asIntN(bits, value);
}

const INTEGER_TEXT = /^[+-]?\d+$/;

/** Byte/Short/Integer/Long.parseXxx(text): optional sign and digits, in range; no whitespace. */
export function parseJavaInteger(text: string, bits: 8 | 16 | 32 | 64): bigint {
  if (!INTEGER_TEXT.test(text)) throw new NumberFormatError(`For input string: "${text}"`);
  const value = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  if (value < -limit || value >= limit) {
    const message = bits === 8 || bits === 16 ? `Value out of range. Value:"${text}" Radix:10` : `For input string: "${text}"`;
    throw new NumberFormatError(message);
  }
  return value;
}

/** Byte/Short/Integer.parseXxx(text) as a number: short digit strings without BigInt, the rest as parseJavaInteger. */
export function parseJavaInt(text: string, bits: 8 | 16 | 32): number {
  return parseShortJavaInt(text, bits) ?? Number(parseJavaInteger(text, bits));
}

/**
 * parseJavaInt for an optional sign and at most nine digits (exact, so only the range is left to
 * check) that fit; undefined for anything else, including every text that does not parse.
 */
export function parseShortJavaInt(text: string, bits: 8 | 16 | 32): number | undefined {
  const length = text.length;
  const first = text.charCodeAt(0);
  const negative = first === 0x2d;
  let i = negative || first === 0x2b ? 1 : 0;
  if (length <= i || length - i > 9) return undefined;
  let value = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  const limit = bits === 32 ? 2147483648 : bits === 16 ? 32768 : 128;
  // 0 - 0 is +0: "-0" parses to 0, never a negative zero.
  const result = negative ? 0 - value : value;
  return result >= -limit && result < limit ? result : undefined;
}

const DECIMAL_FLOAT_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX_FLOAT_TEXT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** Double.parseDouble(text): trimmed; decimal or hex notation, NaN, Infinity, optional f/d suffix. */
export function parseJavaDouble(text: string): number {
  const trimmed = javaTrim(text);
  if (DECIMAL_FLOAT_TEXT.test(trimmed)) return Number(trimmed.replace(/[fFdD]$/, ''));
  const hex = HEX_FLOAT_TEXT.exec(trimmed);
  if (hex !== null && (hex[2] !== '' || (hex[3] ?? '') !== '')) {
    const [, sign, whole, fraction = '', exponent] = hex;
    const mantissa = BigInt(`0x${whole}${fraction}` === '0x' ? '0' : `0x${whole}${fraction}`);
    const magnitude = Number(mantissa) * 2 ** (Number(exponent) - 4 * fraction.length);
    return sign === '-' ? -magnitude : magnitude;
  }
  throw new NumberFormatError(trimmed === '' ? 'empty String' : `For input string: "${trimmed}"`);
}

/** Float.parseFloat(text), rounded to float precision. */
export function parseJavaFloat(text: string): number {
  return Math.fround(parseJavaDouble(text));
}

/** Java's String.trim: strips leading and trailing characters up to U+0020. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}
