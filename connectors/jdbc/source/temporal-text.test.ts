import { describe, expect, it } from 'vitest';
import { compareInstants, dateMillis, formatWallClock, instantOf, parseTimestampText, parseTimeText, toInstant } from './temporal-text.js';
import { zoneOf as zone } from '../common/time-zone.js';

describe('timestamp text', () => {
  const utc = zone('UTC');

  it('reads wall-clock text in db.timezone, with nanos', () => {
    expect(toInstant(parseTimestampText('2022-08-01 00:00:00'), utc, 'LEGACY')).toEqual({ millis: Date.UTC(2022, 7, 1), nanos: 0 });
    expect(toInstant(parseTimestampText('2022-08-01 13:45:01.123456'), utc, 'LEGACY')).toEqual({ millis: Date.UTC(2022, 7, 1, 13, 45, 1, 123), nanos: 123_456_000 });
    expect(toInstant(parseTimestampText('2022-08-01 00:00:00.5'), zone('America/New_York'), 'LEGACY').millis).toBe(Date.UTC(2022, 7, 1, 4, 0, 0, 500));
  });

  it('reads the common form (no offset or era) exactly as the general form', () => {
    for (let digits = 0; digits <= 9; digits++) {
      const fraction = digits === 0 ? '' : `.${'123456789'.slice(0, digits)}`;
      const nanos = digits === 0 ? 0 : Number('123456789'.slice(0, digits).padEnd(9, '0'));
      for (const separator of [' ', 'T']) {
        expect(parseTimestampText(`2026-11-30${separator}23:59:58${fraction}`)).toEqual({
          wall: { year: 2026, month: 11, day: 30, hour: 23, minute: 59, second: 58, nanos },
          offset: null,
        });
      }
    }
    // Longer fractions, offsets, eras and five-digit years take the general parser; bad text still fails.
    expect(parseTimestampText('2026-11-30 23:59:58.1234567891').wall.nanos).toBe(123_456_789);
    expect(parseTimestampText('12026-11-30 00:00:00').wall.year).toBe(12026);
    expect(parseTimestampText('2026-11-30 00:00:00+02').offset).toBe(2 * 3_600_000);
    for (const bad of ['2026-13-01 00:00:00', '2026-11-00 00:00:00', '2026-11-30 0a:00:00', '2026-11-30 00:00:00.']) {
      expect(() => parseTimestampText(bad)).toThrow(/Unparseable/);
    }
  });

  it('reads text with an offset as an instant, whatever db.timezone says', () => {
    const ny = zone('America/New_York');
    expect(toInstant(parseTimestampText('2022-08-01 00:00:00.25+00'), ny, 'LEGACY').millis).toBe(Date.UTC(2022, 7, 1, 0, 0, 0, 250));
    expect(toInstant(parseTimestampText('2022-08-01 05:30:00+05:30'), ny, 'LEGACY').millis).toBe(Date.UTC(2022, 7, 1));
    expect(toInstant(parseTimestampText('2022-08-01T00:00:00Z'), ny, 'LEGACY').millis).toBe(Date.UTC(2022, 7, 1));
  });

  it('years BC, before the Gregorian cutover (legacy calendar) and infinity', () => {
    const bc = toInstant(parseTimestampText('0044-03-15 12:00:00 BC'), utc, 'PROLEPTIC_GREGORIAN');
    const d = new Date(bc.millis);
    expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]).toEqual([-43, 3, 15]);
    // 1000-01-01 Julian is 1000-01-06 proleptic Gregorian.
    const julian = toInstant(parseTimestampText('1000-01-01 00:00:00'), utc, 'LEGACY').millis;
    const gregorian = toInstant(parseTimestampText('1000-01-01 00:00:00'), utc, 'PROLEPTIC_GREGORIAN').millis;
    expect((julian - gregorian) / 86_400_000).toBe(5);
    expect(toInstant(parseTimestampText('1582-10-15 00:00:00'), utc, 'LEGACY').millis).toBe(-12219292800000);
    expect(() => parseTimestampText('infinity')).toThrow(/infinity/);
    expect(() => parseTimestampText('yesterday')).toThrow(/Unparseable/);
  });

  it('dates are UTC midnight, times fold into 1970-01-01', () => {
    expect(dateMillis('2022-08-01', 'LEGACY')).toBe(Date.UTC(2022, 7, 1));
    // The general forms and the calendar rules still apply around the common form's fast path.
    expect(dateMillis('1000-01-01', 'LEGACY') - dateMillis('1000-01-01', 'PROLEPTIC_GREGORIAN')).toBe(5 * 86_400_000);
    expect(dateMillis('0044-03-15 BC', 'PROLEPTIC_GREGORIAN')).toBe(dateMillis('-0043-03-15', 'PROLEPTIC_GREGORIAN'));
    expect(dateMillis('12022-08-01', 'PROLEPTIC_GREGORIAN')).toBeGreaterThan(dateMillis('2022-08-01', 'PROLEPTIC_GREGORIAN'));
    for (const bad of ['2022-13-01', '0000-00-00', '2022-08-0x']) expect(() => dateMillis(bad, 'LEGACY')).toThrow(/Unparseable/);
    expect(() => dateMillis('infinity', 'LEGACY')).toThrow(/infinity/);
    expect(toInstant(parseTimeText('13:45:01.5'), utc, 'LEGACY').millis).toBe((13 * 3600 + 45 * 60 + 1) * 1000 + 500);
    expect(toInstant(parseTimeText('01:00:00+02'), utc, 'LEGACY').millis).toBe(-3_600_000);
    expect(toInstant(parseTimeText('12:00:00'), zone('America/New_York'), 'LEGACY').millis).toBe(17 * 3_600_000);
  });

  it('compares and formats instants', () => {
    expect(compareInstants(instantOf(5, 5_000_001), instantOf(5, 5_000_000))).toBe(1);
    expect(compareInstants(instantOf(4), instantOf(5))).toBe(-1);
    expect(instantOf(1_500)).toEqual({ millis: 1_500, nanos: 500_000_000 });
    expect(instantOf(1_999, 123_456_789)).toEqual({ millis: 1_123, nanos: 123_456_789 });
    const instant = { millis: Date.UTC(2022, 7, 1, 4, 0, 0, 123), nanos: 123_456_000 };
    expect(formatWallClock(instant, zone('America/New_York'))).toBe('2022-08-01 00:00:00.123456');
    expect(formatWallClock(instant, utc, 6, 'T')).toBe('2022-08-01T04:00:00.123456');
    expect(formatWallClock(instant, utc, 9, 'T')).toBe('2022-08-01T04:00:00.123456000');
    expect(formatWallClock({ millis: 0, nanos: 0 }, utc)).toBe('1970-01-01 00:00:00');
  });
});
