import { formatJavaDouble } from './java-number-format.js';
import { bigIntFromBytes, bigIntToBytes } from './twos-complement.js';

// Java's BigDecimal(String) grammar: sign, digits with an optional point, optional exponent.
const DECIMAL_TEXT = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const MAX_SCALE = 2147483647;
const MIN_SCALE = -2147483648;

/**
 * An exact decimal, Java's BigDecimal: an unscaled integer and a scale, value = unscaled × 10^-scale.
 * The value of Connect's Decimal logical type. Like Java, equality includes the scale (1.50 ≠ 1.5).
 */
export class BigDecimal {
  readonly #unscaled: bigint;
  readonly #scale: number;

  constructor(unscaled: bigint, scale = 0) {
    if (!Number.isInteger(scale) || scale > MAX_SCALE || scale < MIN_SCALE) {
      throw new RangeError(`BigDecimal scale must be a 32-bit integer, got ${scale}`);
    }
    this.#unscaled = unscaled;
    this.#scale = scale;
  }

  static readonly ZERO = new BigDecimal(0n, 0);

  /** Parses Java BigDecimal text (`12.30`, `-1E+3`, `.5`); throws SyntaxError otherwise. */
  static fromString(text: string): BigDecimal {
    const match = DECIMAL_TEXT.exec(text);
    if (match === null) throw new SyntaxError(`Invalid decimal text: "${text}"`);
    const [, sign, intDigits, fracAfterInt, fracOnly, exponent] = match;
    const fraction = fracOnly ?? fracAfterInt ?? '';
    const digits = (intDigits ?? '') + fraction;
    const scale = fraction.length - (exponent === undefined ? 0 : Number(exponent));
    if (!Number.isSafeInteger(scale) || scale > MAX_SCALE || scale < MIN_SCALE) {
      throw new SyntaxError(`Decimal exponent out of range: "${text}"`);
    }
    const magnitude = BigInt(digits);
    return new BigDecimal(sign === '-' ? -magnitude : magnitude, scale);
  }

  /** Java's BigDecimal.valueOf(double): the decimal of the double's shortest text. */
  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) throw new RangeError(`Infinite or NaN: ${value}`);
    return BigDecimal.fromString(formatJavaDouble(value));
  }

  /** The unscaled value of big-endian two's-complement bytes with the given scale (Decimal.toLogical). */
  static fromBytes(bytes: Uint8Array, scale: number): BigDecimal {
    return new BigDecimal(bigIntFromBytes(bytes), scale);
  }

  unscaledValue(): bigint {
    return this.#unscaled;
  }

  scale(): number {
    return this.#scale;
  }

  /** Number of decimal digits of the unscaled value (1 for zero). */
  precision(): number {
    const magnitude = this.#unscaled < 0n ? -this.#unscaled : this.#unscaled;
    return magnitude.toString().length;
  }

  signum(): number {
    return this.#unscaled === 0n ? 0 : this.#unscaled < 0n ? -1 : 1;
  }

  /** The unscaled value as minimal two's-complement bytes (Decimal.fromLogical, BigInteger.toByteArray). */
  toBytes(): Buffer {
    return bigIntToBytes(this.#unscaled);
  }

  /** True when the value has no fractional part. */
  isIntegral(): boolean {
    if (this.#scale <= 0) return true;
    return this.#unscaled % 10n ** BigInt(this.#scale) === 0n;
  }

  /** The integer part, truncated toward zero (BigDecimal.toBigInteger). */
  toBigInt(): bigint {
    if (this.#scale <= 0) return this.#unscaled * 10n ** BigInt(-this.#scale);
    return this.#unscaled / 10n ** BigInt(this.#scale);
  }

  /** Java's longValue(): the integer part wrapped to 64 bits. */
  longValue(): bigint {
    return BigInt.asIntN(64, this.toBigInt());
  }

  /** Java's intValue(): the integer part wrapped to 32 bits. */
  intValue(): number {
    return Number(BigInt.asIntN(32, this.toBigInt()));
  }

  /** Nearest double (Java's doubleValue). */
  toNumber(): number {
    return Number(this.toString());
  }

  compareTo(other: BigDecimal): number {
    const scale = Math.max(this.#scale, other.#scale);
    const a = this.#unscaled * 10n ** BigInt(scale - this.#scale);
    const b = other.#unscaled * 10n ** BigInt(scale - other.#scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  /** Java's equals: same value and same scale. */
  equals(other: unknown): boolean {
    return other instanceof BigDecimal && other.#unscaled === this.#unscaled && other.#scale === this.#scale;
  }

  /** Java's BigDecimal.toString: plain unless the scale is negative or the exponent is below -6. */
  toString(): string {
    const negative = this.#unscaled < 0n;
    const coefficient = (negative ? -this.#unscaled : this.#unscaled).toString();
    const sign = negative ? '-' : '';
    const adjusted = -this.#scale + (coefficient.length - 1);
    if (this.#scale >= 0 && adjusted >= -6) return sign + placePoint(coefficient, this.#scale);
    const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
    return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }

  /** Java's toPlainString: never an exponent. */
  toPlainString(): string {
    const negative = this.#unscaled < 0n;
    const coefficient = (negative ? -this.#unscaled : this.#unscaled).toString();
    const sign = negative ? '-' : '';
    if (this.#scale <= 0) return sign + coefficient + '0'.repeat(-this.#scale);
    return sign + placePoint(coefficient, this.#scale);
  }

  toJSON(): string {
    return this.toString();
  }
}

function placePoint(coefficient: string, scale: number): string {
  if (scale === 0) return coefficient;
  if (coefficient.length > scale) {
    return `${coefficient.slice(0, coefficient.length - scale)}.${coefficient.slice(coefficient.length - scale)}`;
  }
  return `0.${'0'.repeat(scale - coefficient.length)}${coefficient}`;
}
