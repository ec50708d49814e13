import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatIsoTime, formatIsoTimestamp, javaDateToString, parseLenientIso } from './java-date-format.js';

describe('Java date text (UTC)', () => {
  it('formats like SimpleDateFormat and Date.toString', () => {
    expect(formatIsoTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006Z');
    expect(formatIsoTime(new Date(45000123))).toBe('12:30:00.123Z');
    expect(javaDateToString(new Date(1700000000123))).toBe('Tue Nov 14 22:13:20 UTC 2023');
  });

  it('uses the Julian calendar before 1582-10-15, as GregorianCalendar does', () => {
    expect(formatIsoDate(new Date(Date.UTC(1582, 9, 15)))).toBe('1582-10-15');
    expect(formatIsoDate(new Date(Date.UTC(1582, 9, 14)))).toBe('1582-10-04');
    expect(javaDateToString(new Date(-62135596800000))).toBe('Mon Jan 03 00:00:00 UTC 1');
    expect(parseLenientIso('0001-01-01', 'date')?.getTime()).toBe(-62135769600000);
  });

  it('parses leniently like SimpleDateFormat', () => {
    expect(parseLenientIso('2024-13-45', 'date')?.toISOString()).toBe('2025-02-14T00:00:00.000Z');
    expect(parseLenientIso('2024-01-0x', 'date')?.toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(parseLenientIso('2024- 1- 1', 'date')?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseLenientIso('25:61:61.999Z', 'time')?.getTime()).toBe(93721999);
    expect(parseLenientIso('abcd-01-01', 'date')).toBeNull();
  });
});
