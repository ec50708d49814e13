/**
 * Java's Float.toString and Double.toString (JDK 19+, Raffaello Giulietti's shortest-decimal
 * algorithm, which Jackson also prints with): the shortest decimal that rounds back to the value,
 * plain between 10^-3 and 10^7 (`100.0`, `0.001`), otherwise `1.0E10` / `1.0E-4`.
 * JDK 17 and older can print a longer decimal for some values; we match the newer JDKs.
 */
export function formatJavaDouble(value: number): string {
  const special = specialText(value);
  if (special !== null) return special;
  const magnitude = Math.abs(value);
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
  const exact = magnitude < FLOAT_MIN_NORMAL || FLOAT.decompose(magnitude).lowerGapHalved;
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

const DOUBLE: BinaryFormat = {
  significandBits: 52,
  minExponent: -1074,
  maxDigits: 17,
  decompose(value) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    const bits = view.getBigUint64(0);
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
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value);
    const bits = view.getUint32(0);
    const biased = (bits >>> 23) & 0xff;
    const fraction = BigInt(bits & 0x7fffff);
    if (biased === 0) return { significand: fraction, exponent: -149, lowerGapHalved: false };
    return { significand: fraction | (1n << 23n), exponent: biased - 150, lowerGapHalved: fraction === 0n && biased > 1 };
  },
};

function specialText(value: number): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return null;
}

function parseExponential(text: string): ShortestDecimal {
  const [mantissa, exponent] = text.split('e');
  return { digits: stripTrailingZeros(mantissa.replace('.', '')), exponent: Number(exponent) };
}

function stripTrailingZeros(digits: string): string {
  const stripped = digits.replace(/0+$/, '');
  return stripped === '' ? '0' : stripped;
}

// ECMAScript's Number-to-string picks the same shortest, closest decimal as Java for normal doubles;
// Java's extra rule (two digits when one would do) only changes subnormals, handled exactly.
function jsShortest(magnitude: number): ShortestDecimal {
  return parseExponential(magnitude.toExponential());
}

// For normal floats the closest p-digit decimal is the one to take, when it rounds back, except
// on an exact tie, where toExponential rounds up and Java takes the even digit.
function floatShortest(magnitude: number): ShortestDecimal {
  for (let precision = 1; precision <= 9; precision++) {
    const text = magnitude.toExponential(precision - 1);
    if (Math.fround(Number(text)) !== magnitude) continue;
    if (isTie(magnitude, precision)) return exactShortest(magnitude, FLOAT);
    return parseExponential(text);
  }
  return parseExponential(magnitude.toExponential(8));
}

// Whether the value lies exactly halfway between two decimals of `precision` digits.
function isTie(magnitude: number, precision: number): boolean {
  const longer = magnitude.toExponential(Math.min(precision + 40, 100));
  const digits = longer.slice(0, longer.indexOf('e')).replace('.', '');
  return /^5(0*)$/.test(digits.slice(precision));
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
