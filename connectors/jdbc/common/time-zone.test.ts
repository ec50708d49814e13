import { describe, expect, it } from 'vitest';
import { epochDayOf, findZone, parseOffset, zoneOf } from './time-zone.js';
import { formatTimestamp } from './wall-clock-text.js';

const HOUR = 3_600_000;

describe('time zones (db.timezone)', () => {
  it('accepts what ZoneId.of accepts: regions, offsets, short ids; refuses the rest', () => {
    const accepted = ['UTC', 'Z', 'GMT', 'UT', 'Etc/UTC', 'Europe/Paris', 'America/New_York', 'Asia/Calcutta', '+02:00', '+05:30', '-0530', '-0800', 'UTC+2', 'UTC-3', 'GMT-03:30', 'GMT+01:00'];
    for (const id of [...accepted, 'EST', 'PST', 'CTT', 'Etc/GMT+5']) expect(findZone(id), id).not.toBeNull();
    for (const id of ['Mars/Olympus', 'europe/paris', 'not a zone', '+25:00', '', 'UTC+']) expect(findZone(id), id).toBeNull();
    expect(() => zoneOf('Mars/Olympus')).toThrow(RangeError);
    expect(zoneOf('EST').offsetAt(Date.UTC(2022, 6, 1))).toBe(-5 * HOUR);
    expect(zoneOf('PST').offsetAt(Date.UTC(2022, 6, 1))).toBe(-7 * HOUR);
    expect(zoneOf('UTC-3').offsetAt(0)).toBe(-3 * HOUR);
  });

  it('finds offsets across daylight saving time, and the instant of a wall-clock time', () => {
    const ny = zoneOf('America/New_York');
    expect(ny.offsetAt(Date.UTC(2022, 0, 15))).toBe(-5 * HOUR);
    expect(ny.offsetAt(Date.UTC(2022, 6, 15))).toBe(-4 * HOUR);
    const wall = { year: 2022, month: 7, day: 15, hour: 12, minute: 0, second: 0, nanos: 0 };
    expect(ny.toEpochMillis(wall)).toBe(Date.UTC(2022, 6, 15, 16));
    // Gap (2022-03-13 02:30 does not exist): moved forward by an hour.
    expect(ny.toEpochMillis({ ...wall, month: 3, day: 13, hour: 2, minute: 30 })).toBe(Date.UTC(2022, 2, 13, 7, 30));
    // Overlap (2022-11-06 01:30 happens twice): the earlier instant.
    expect(ny.toEpochMillis({ ...wall, month: 11, day: 6, hour: 1, minute: 30 })).toBe(Date.UTC(2022, 10, 6, 5, 30));
  });

  it('matches the offsets Intl reports for many instants of a zone with half-hour DST, both ways', () => {
    const zone = zoneOf('Australia/Lord_Howe');
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Lord_Howe', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const start = Date.UTC(2023, 0, 1);
    for (let t = start; t < start + 366 * 86_400_000; t += HOUR * 7 + 60_000 * 13) {
      const text = reference.format(t).replace(', ', ' ');
      expect(formatTimestamp(t, zone).slice(0, 19)).toBe(text);
      const [date, time] = text.split(' ') as [string, string];
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
      // Every wall time read back gives an instant that shows it (the earlier one in an overlap).
      const back = zone.toEpochMillis({ year, month, day, hour, minute, second, nanos: 0 });
      expect(formatTimestamp(back, zone).slice(0, 19)).toBe(text);
    }
  });

  it('parses offsets and civil days', () => {
    expect(parseOffset('+05:30')).toBe(19_800_000);
    expect(parseOffset('-08')).toBe(-28_800_000);
    expect(parseOffset('+0530')).toBe(19_800_000);
    expect(parseOffset('x')).toBeNull();
    expect(epochDayOf(1970, 1, 1)).toBe(0);
    expect(epochDayOf(2022, 8, 1)).toBe(19205);
    expect(epochDayOf(1, 1, 1)).toBe(-719162);
  });
});
