import { describe, expect, it } from 'vitest';
import { BigDecimal } from './big-decimal.js';
import { bigIntFromBytes, bigIntToBytes } from './twos-complement.js';

const hex = (value: bigint): string => bigIntToBytes(value).toString('hex');

describe('two-complement bytes as BigInteger.toByteArray', () => {
  it('writes the minimal big-endian form', () => {
    expect(hex(0n)).toBe('00');
    expect(hex(1n)).toBe('01');
    expect(hex(127n)).toBe('7f');
    expect(hex(128n)).toBe('0080');
    expect(hex(255n)).toBe('00ff');
    expect(hex(256n)).toBe('0100');
    expect(hex(9999n)).toBe('270f');
    expect(hex(-1n)).toBe('ff');
    expect(hex(-128n)).toBe('80');
    expect(hex(-129n)).toBe('ff7f');
    expect(hex(-256n)).toBe('ff00');
    expect(hex(-9999n)).toBe('d8f1');
    expect(hex(2n ** 63n)).toBe('008000000000000000');
    expect(hex(-(2n ** 63n))).toBe('8000000000000000');
    expect(hex(123456789012345678901234567890n)).toBe('018ee90ff6c373e0ee4e3f0ad2');
  });

  it('reads them back', () => {
    for (const value of [0n, 1n, -1n, 127n, 128n, -128n, -129n, 9999n, -9999n, 2n ** 100n, -(2n ** 100n) + 7n]) {
      expect(bigIntFromBytes(bigIntToBytes(value))).toBe(value);
    }
    expect(bigIntFromBytes(Buffer.from('ffff', 'hex'))).toBe(-1n);
    expect(bigIntFromBytes(Buffer.from('00ff', 'hex'))).toBe(255n);
    expect(() => bigIntFromBytes(Buffer.alloc(0))).toThrow('Zero length BigInteger');
  });
});

describe('BigDecimal', () => {
  it('parses Java decimal text and keeps the scale', () => {
    const price = BigDecimal.fromString('99.99');
    expect(price.unscaledValue()).toBe(9999n);
    expect(price.scale()).toBe(2);
    expect(BigDecimal.fromString('1.5600').scale()).toBe(4);
    expect(BigDecimal.fromString('-.5').unscaledValue()).toBe(-5n);
    expect(BigDecimal.fromString('1E+3').scale()).toBe(-3);
    expect(BigDecimal.fromString('1.').scale()).toBe(0);
    expect(() => BigDecimal.fromString('1.2.3')).toThrow(SyntaxError);
    expect(() => BigDecimal.fromString(' 1')).toThrow(SyntaxError);
  });

  it('prints like BigDecimal.toString', () => {
    expect(new BigDecimal(9999n, 2).toString()).toBe('99.99');
    expect(new BigDecimal(-5n, 3).toString()).toBe('-0.005');
    expect(new BigDecimal(1n, -3).toString()).toBe('1E+3');
    expect(new BigDecimal(123n, -2).toString()).toBe('1.23E+4');
    expect(new BigDecimal(1n, 7).toString()).toBe('1E-7');
    expect(new BigDecimal(1n, 6).toString()).toBe('0.000001');
    expect(new BigDecimal(123n, 10).toString()).toBe('1.23E-8');
    expect(new BigDecimal(0n, 2).toString()).toBe('0.00');
    expect(new BigDecimal(0n, -2).toString()).toBe('0E+2');
    expect(new BigDecimal(1n, -3).toPlainString()).toBe('1000');
  });

  it('compares with scale like Java equals, and by value with compareTo', () => {
    expect(BigDecimal.fromString('1.5').equals(BigDecimal.fromString('1.50'))).toBe(false);
    expect(BigDecimal.fromString('1.5').compareTo(BigDecimal.fromString('1.50'))).toBe(0);
    expect(BigDecimal.fromString('2').compareTo(BigDecimal.fromString('10.5'))).toBe(-1);
  });

  it('converts to bytes of the unscaled value', () => {
    expect(BigDecimal.fromString('99.99').toBytes().toString('base64')).toBe('Jw8=');
    expect(BigDecimal.fromString('10.2345').toBytes().toString('base64')).toBe('AY/J');
    expect(BigDecimal.fromBytes(Buffer.from('Jw8=', 'base64'), 2).toString()).toBe('99.99');
  });

  it('follows Java valueOf(double), longValue and intValue', () => {
    expect(BigDecimal.fromNumber(1).toString()).toBe('1.0');
    expect(BigDecimal.fromNumber(1e10).scale()).toBe(-9);
    expect(BigDecimal.fromString('-7.9').longValue()).toBe(-7n);
    expect(BigDecimal.fromString('1E+20').longValue()).toBe(BigInt.asIntN(64, 10n ** 20n));
    expect(BigDecimal.fromString('4294967297.5').intValue()).toBe(1);
  });
});
