import { describe, expect, it } from 'vitest';
import { parseJavaInt, parseJavaInteger } from './java-numbers.js';

describe('parseJavaInt', () => {
  const texts = ['0', '-0', '+0', '1', '+5', '-7', '000000001', '0000000001', '127', '128', '-128', '-129', '32767', '32768', '-32769',
    '123456789', '999999999', '2147483647', '2147483648', '-2147483648', '-2147483649', '', '-', '+', '1a', ' 1', '1 ', '1.0', '٣', '--1', '99999999999999999999'];

  it('agrees with parseJavaInteger, results and errors', () => {
    for (const bits of [8, 16, 32] as const) {
      for (const text of texts) {
        let expected: number | string;
        try {
          expected = Number(parseJavaInteger(text, bits));
        } catch (error) {
          expected = `${(error as Error).name}: ${(error as Error).message}`;
        }
        let actual: number | string;
        try {
          actual = parseJavaInt(text, bits);
        } catch (error) {
          actual = `${(error as Error).name}: ${(error as Error).message}`;
        }
        expect(Object.is(actual, expected), `${text} (${bits} bits): ${actual} vs ${expected}`).toBe(true);
      }
    }
  });
});
