import { describe, expect, it } from 'vitest';
import { UTC, zoneOf } from './time-zone.js';
import { formatDate, formatDateTimeSeconds, formatEpochFraction, formatOffset, formatTime, formatTimestamp } from './wall-clock-text.js';

describe('wall-clock text', () => {
  it('formats the local time of an instant, across DST changes', () => {
    const berlin = zoneOf('Europe/Berlin');
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 0, 59, 59, 999), berlin)).toBe('2024-03-31 01:59:59.999');
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 1, 0, 0, 0), berlin)).toBe('2024-03-31 03:00:00.000');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 0, 30), berlin)).toBe('2024-10-27 02:30:00.000');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 1, 30), berlin)).toBe('2024-10-27 02:30:00.000');
    expect(formatDateTimeSeconds(Date.UTC(2024, 9, 27, 1, 30, 5, 999), berlin, 'T')).toBe('2024-10-27T02:30:05');
    expect(formatOffset(Date.UTC(2024, 6, 1), berlin)).toBe('+02:00');
    expect(formatOffset(Date.UTC(2024, 0, 1), zoneOf('America/St_Johns'))).toBe('-03:30');
    expect(formatOffset(0, UTC)).toBe('+00:00');
    expect(formatDate(Date.UTC(2024, 0, 1), zoneOf('America/New_York'))).toBe('2023-12-31');
    expect(formatTime(Date.UTC(1970, 0, 1, 13, 5, 0, 42), zoneOf('PST'))).toBe('05:05:00.042');
    expect(formatTimestamp(Date.UTC(2024, 0, 1, 12), zoneOf('EST'))).toBe('2024-01-01 07:00:00.000');
  });

  it('formats years before 1000, BC years and epoch micro/nanosecond counts', () => {
    const d = new Date(0);
    d.setUTCFullYear(5, 0, 2);
    expect(formatDate(d.getTime(), UTC)).toBe('0005-01-02');
    d.setUTCFullYear(-43, 2, 15);
    expect(formatDateTimeSeconds(d.getTime(), UTC)).toBe('-0043-03-15 00:00:00');
    expect(formatEpochFraction(1_700_000_000_123_456n, 1_000_000n, UTC)).toBe('2023-11-14 22:13:20.123456');
    expect(formatEpochFraction(-1n, 1_000_000_000n, UTC)).toBe('1969-12-31 23:59:59.999999999');
  });
});
