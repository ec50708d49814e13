import { describe, expect, it } from 'vitest';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';

describe('Double.toString', () => {
  it.each([
    [1, '1.0'],
    [-1, '-1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [100, '100.0'],
    [0.1, '0.1'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1e7, '1.0E7'],
    [9999999, '9999999.0'],
    [12345678, '1.2345678E7'],
    [1e10, '1.0E10'],
    [1.5e-7, '1.5E-7'],
    [123.456, '123.456'],
    [1 / 3, '0.3333333333333333'],
    [2 ** 53 + 2, '9.007199254740994E15'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [2.2250738585072014e-308, '2.2250738585072014E-308'],
    [5e-324, '4.9E-324'],
    [1e-323, '9.9E-324'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    // The edges of the plain range (printed from JS's own text).
    [0.0009999999999999998, '9.999999999999998E-4'],
    [-0.001, '-0.001'],
    [9999999.999999998, '9999999.999999998'],
    [-9999999, '-9999999.0'],
    [-1e7, '-1.0E7'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%s prints as %s', (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
  });

  it('prints plain-range values as the exponential form would give them', () => {
    // What the general path computes: the shortest digits of toExponential laid out plainly.
    const plain = (value: number): string => {
      const [mantissa, exp] = Math.abs(value).toExponential().split('e');
      const digits = mantissa.replace('.', '').replace(/(?<=.)0+$/, '');
      const exponent = Number(exp);
      const padded = exponent >= 0 ? digits.padEnd(exponent + 2, '0') : `${'0'.repeat(-exponent)}${digits}`;
      const point = exponent >= 0 ? exponent + 1 : 1;
      const fraction = padded.slice(point).replace(/(?<=.)0+$/, '');
      return `${value < 0 ? '-' : ''}${padded.slice(0, point)}.${fraction}`;
    };
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 2000; i++) {
      const value = (random() < 0.5 ? -1 : 1) * 10 ** (random() * 10 - 3);
      for (const v of [value, Math.round(value), Math.round(value * 100) / 100]) {
        if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7) expect(formatJavaDouble(v)).toBe(plain(v));
      }
    }
  });
});

describe('Float.toString', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [0.3, '0.3'],
    [1.1, '1.1'],
    [3.14159, '3.14159'],
    [1e10, '1.0E10'],
    [16777216, '1.6777216E7'],
    [123456.789, '123456.79'],
    [3.4028234663852886e38, '3.4028235E38'],
    // JDK 19+ prints the shortest decimal; JDK 17 printed 1.17549435E-38.
    [1.1754943508222875e-38, '1.1754944E-38'],
    [1.401298464324817e-45, '1.4E-45'],
    [-2.5, '-2.5'],
    [0.001, '0.001'],
    [1e-4, '1.0E-4'],
    // Exact ties between two shortest decimals take the even digit.
    [2304671.25, '2304671.2'],
    [42148.0625, '42148.062'],
    [-365198.125, '-365198.12'],
  ])('%s prints as %s', (value, text) => {
    expect(formatJavaFloat(value)).toBe(text);
  });
});

describe('powers of two', () => {
  it('prints floats and doubles at binade boundaries', () => {
    expect(formatJavaFloat(2 ** -10)).toBe('9.765625E-4');
    expect(formatJavaFloat(2 ** 30)).toBe('1.0737418E9');
    expect(formatJavaFloat(2 ** 100)).toBe('1.2676506E30');
    expect(formatJavaFloat(2 ** -100)).toBe('7.888609E-31');
    expect(formatJavaDouble(2 ** 100)).toBe('1.2676506002282294E30');
    expect(formatJavaDouble(2 ** -1074)).toBe('4.9E-324');
  });
});
