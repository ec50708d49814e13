/**
 * Java's Float.toString and Double.toString (JDK 19+, Raffaello Giulietti's shortest-decimal
 * algorithm, which Jackson also prints with): the shortest decimal that rounds back to the value,
 * plain between 10^-3 and 10^7 (`100.0`, `0.001`), otherwise `1.0E10` / `1.0E-4`.
 * JDK 17 and older can print a longer decimal for some values; we match the newer JDKs.
 */
export function formatJavaDouble(value: number): string {
  const magnitude = Math.abs(value);
  // Where both print plainly, Java's text is JS's (the same shortest digits), with `.0` added to
  // an integral value. The bounds are doubles, and the shortest decimal grows with the value, so
  // every value in range has its first digit at 10^-3 to 10^6 (NaN fails the test).
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  const special = specialText(value);
  if (special !== null) return special;
  const decimal = magnitude >= DOUBLE_MIN_NORMAL ? jsShortest(magnitude) : exactShortest(magnitude, DOUBLE);
  return layout(value < 0, decimal);
}

/** Java's Float.toString for the float32 nearest to `value`. */
export function formatJavaFloat(value: number): string {
  const single = Math.fround(value);
  const special = specialText(single);
  if (special !== null) return special;
  const magnitude = Math.abs(single);
  // Subnormals and powers of two (whose rounding interval is lopsided) take the exact path.
  const exact = magnitude < FLOAT_MIN_NORMAL || isPowerOfTwoFloat(magnitude);
  const decimal = exact ? exactShortest(magnitude, FLOAT) : floatShortest(magnitude);
  return layout(single < 0, decimal);
}

interface ShortestDecimal {
  /** Significant digits without trailing zeros. */
  digits: string;
  /** Exponent of the first digit: value = d.ddd × 10^exponent. */
  exponent: number;
}

interface BinaryFormat {
  significandBits: number;
  minExponent: number;
  maxDigits: number;
  decompose(value: number): { significand: bigint; exponent: number; lowerGapHalved: boolean };
}

const DOUBLE_MIN_NORMAL = 2.2250738585072014e-308;
const FLOAT_MIN_NORMAL = 1.1754943508222875e-38;

// Shared scratch views: allocating a buffer per call costs more than the formatting.
const SCRATCH = new DataView(new ArrayBuffer(8));

const DOUBLE: BinaryFormat = {
  significandBits: 52,
  minExponent: -1074,
  maxDigits: 17,
  decompose(value) {
    SCRATCH.setFloat64(0, value);
    const bits = SCRATCH.getBigUint64(0);
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    if (biased === 0) return { significand: fraction, exponent: -1074, lowerGapHalved: false };
    return { significand: fraction | (1n << 52n), exponent: biased - 1075, lowerGapHalved: fraction === 0n && biased > 1 };
  },
};

const FLOAT: BinaryFormat = {
  significandBits: 23,
  minExponent: -149,
  maxDigits: 9,
  decompose(value) {
    SCRATCH.setFloat32(0, value);
    const bits = SCRATCH.getUint32(0);
    const biased = (bits >>> 23) & 0xff;
    const fraction = BigInt(bits & 0x7fffff);
    if (biased === 0) return { significand: fraction, exponent: -149, lowerGapHalved: false };
    return { significand: fraction | (1n << 23n), exponent: biased - 150, lowerGapHalved: fraction === 0n && biased > 1 };
  },
};

function isPowerOfTwoFloat(value: number): boolean {
  SCRATCH.setFloat32(0, value);
  return (SCRATCH.getUint32(0) & 0x7fffff) === 0;
}

function specialText(value: number): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return null;
}

function parseExponential(text: string): ShortestDecimal {
  const e = text.indexOf('e');
  const mantissa = e === 1 ? text[0] : text[0] + text.slice(2, e);
  return { digits: stripTrailingZeros(mantissa), exponent: Number(text.slice(e + 1)) };
}

function stripTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
  return digits.slice(0, end);
}

// ECMAScript's Number-to-string picks the same shortest, closest decimal as Java for normal doubles;
// Java's extra rule (two digits when one would do) only changes subnormals, handled exactly.
function jsShortest(magnitude: number): ShortestDecimal {
  return parseExponential(magnitude.toExponential());
}

// For normal floats the closest p-digit decimal is the one to take, when it rounds back (and
// if p digits round back, so do p+1, so the shortest p can be bisected), except on an exact tie,
// where toExponential rounds up and Java takes the even digit.
function floatShortest(magnitude: number): ShortestDecimal {
  let low = 1;
  let high = 9;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Math.fround(Number(magnitude.toExponential(middle - 1))) === magnitude) high = middle;
    else low = middle + 1;
  }
  if (isTie(magnitude, low)) return exactShortest(magnitude, FLOAT);
  return parseExponential(magnitude.toExponential(low - 1));
}

// Whether the value lies exactly halfway between two decimals of `precision` digits: then its
// exact decimal form has precision+1 digits ending in 5, which is also its shortest double text.
function isTie(magnitude: number, precision: number): boolean {
  const exact = parseExponential(magnitude.toExponential());
  return exact.digits.length === precision + 1 && exact.digits.endsWith('5');
}

/**
 * Exact search over decimals of growing length inside the rounding interval of the binary value,
 * with Java's tie rules: closest to the value, even last digit on a tie, and two digits when one
 * digit would be enough.
 */
function exactShortest(magnitude: number, format: BinaryFormat): ShortestDecimal {
  const { significand, exponent, lowerGapHalved } = format.decompose(magnitude);
  // Work in units of 2^(exponent-2): value = 4m, interval bounds 4m±2 (4m-1 below a power of two).
  const scaleExponent = exponent - 2;
  const center = 4n * significand;
  const high = center + 2n;
  const low = center - (lowerGapHalved ? 1n : 2n);
  const inclusive = significand % 2n === 0n;
  let firstDigitExponent = Math.floor(Math.log10(magnitude));
  // Correct the floating-point estimate exactly.
  while (compareWithPowerOfTen(center, scaleExponent, firstDigitExponent) < 0) firstDigitExponent--;
  while (compareWithPowerOfTen(center, scaleExponent, firstDigitExponent + 1) >= 0) firstDigitExponent++;

  for (let length = 1; length <= format.maxDigits; length++) {
    const found = closestInInterval(length, firstDigitExponent, { center, low, high, inclusive, scaleExponent });
    if (found === null) continue;
    if (length === 1) {
      return closestInInterval(2, firstDigitExponent, { center, low, high, inclusive, scaleExponent }) ?? found;
    }
    return found;
  }
  return jsShortest(magnitude);
}

interface Interval {
  center: bigint;
  low: bigint;
  high: bigint;
  inclusive: boolean;
  scaleExponent: number;
}

function closestInInterval(length: number, firstDigitExponent: number, interval: Interval): ShortestDecimal | null {
  const decimalExponent = firstDigitExponent - length + 1;
  // Compare c × 10^q with N × 2^s as integers: multiply both sides to clear negative powers.
  const twoUp = 2n ** BigInt(Math.max(interval.scaleExponent, 0));
  const twoDown = 2n ** BigInt(Math.max(-interval.scaleExponent, 0));
  const tenUp = 10n ** BigInt(Math.max(decimalExponent, 0));
  const tenDown = 10n ** BigInt(Math.max(-decimalExponent, 0));
  const scaleBinary = (n: bigint): bigint => n * twoUp * tenDown;
  const denominator = twoDown * tenUp;
  const center = scaleBinary(interval.center);
  const low = scaleBinary(interval.low);
  const high = scaleBinary(interval.high);
  const floor = center / denominator;
  let best: bigint | null = null;
  let bestDistance = 0n;
  for (const candidate of [floor, floor + 1n]) {
    const scaled = candidate * denominator;
    const inside = interval.inclusive ? scaled >= low && scaled <= high : scaled > low && scaled < high;
    if (!inside || candidate === 0n) continue;
    const distance = scaled > center ? scaled - center : center - scaled;
    if (best === null || distance < bestDistance || (distance === bestDistance && candidate % 2n === 0n)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === null) return null;
  const text = best.toString();
  return { digits: stripTrailingZeros(text), exponent: decimalExponent + text.length - 1 };
}

/** Sign of (n × 2^s) − 10^k. */
function compareWithPowerOfTen(n: bigint, s: number, k: number): number {
  const left = n * 2n ** BigInt(Math.max(s, 0)) * 10n ** BigInt(Math.max(-k, 0));
  const right = 2n ** BigInt(Math.max(-s, 0)) * 10n ** BigInt(Math.max(k, 0));
  return left === right ? 0 : left < right ? -1 : 1;
}

function layout(negative: boolean, { digits, exponent }: ShortestDecimal): string {
  const sign = negative ? '-' : '';
  if (exponent >= -3 && exponent < 7) {
    if (exponent >= 0) {
      const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1);
      return `${sign}${integer}.${fraction === '' ? '0' : fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const fraction = digits.slice(1);
  return `${sign}${digits[0]}.${fraction === '' ? '0' : fraction}E${exponent}`;
}
