import { describe, expect, it } from 'vitest';
import { findZone, formatDate, formatEpochFraction, formatOffset, formatTime, formatTimestamp, UTC, zoneOf } from './time-zone.js';

describe('time zones and wall-clock text', () => {
  it('knows IANA regions, Java short ids and fixed offsets; refuses the rest', () => {
    for (const id of ['UTC', 'Z', 'GMT', 'Europe/Berlin', 'America/New_York', 'EST', 'PST', 'CTT', '+05:30', 'UTC-3', 'GMT+01:00', '-0800']) expect(findZone(id), id).not.toBeNull();
    for (const id of ['Mars/Base', 'not a zone', '+25:00', '']) expect(findZone(id), id).toBeNull();
  });

  it('formats the local time of an instant, across DST changes', () => {
    const berlin = zoneOf('Europe/Berlin');
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 0, 59, 59, 999), berlin)).toBe('2024-03-31 01:59:59.999');
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 1, 0, 0, 0), berlin)).toBe('2024-03-31 03:00:00.000');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 0, 30), berlin)).toBe('2024-10-27 02:30:00.000');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 1, 30), berlin)).toBe('2024-10-27 02:30:00.000');
    expect(formatOffset(Date.UTC(2024, 6, 1), berlin)).toBe('+02:00');
    expect(formatOffset(Date.UTC(2024, 0, 1), zoneOf('America/St_Johns'))).toBe('-03:30');
    expect(formatDate(Date.UTC(2024, 0, 1), zoneOf('America/New_York'))).toBe('2023-12-31');
    expect(formatTime(Date.UTC(1970, 0, 1, 13, 5, 0, 42), zoneOf('PST'))).toBe('05:05:00.042');
    expect(formatTimestamp(Date.UTC(2024, 0, 1, 12), zoneOf('EST'))).toBe('2024-01-01 07:00:00.000');
  });

  it('matches the offsets Intl reports for many instants of a zone with half-hour DST', () => {
    const zone = zoneOf('Australia/Lord_Howe');
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Lord_Howe', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const start = Date.UTC(2023, 0, 1);
    for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000 * 7 + 60_000 * 13) {
      expect(formatTimestamp(t, zone).slice(0, 19)).toBe(reference.format(t).replace(', ', ' '));
    }
  });

  it('formats years before 1000 and epoch micro/nanosecond counts', () => {
    const d = new Date(0);
    d.setUTCFullYear(5, 0, 2);
    expect(formatDate(d.getTime(), UTC)).toBe('0005-01-02');
    expect(formatEpochFraction(1_700_000_000_123_456n, 1_000_000n, UTC)).toBe('2023-11-14 22:13:20.123456');
    expect(formatEpochFraction(-1n, 1_000_000_000n, UTC)).toBe('1969-12-31 23:59:59.999999999');
  });
});
