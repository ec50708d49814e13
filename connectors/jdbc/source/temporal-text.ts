/**
 * Date, time and timestamp texts as the database layer returns them (`2022-08-01`,
 * `13:45:00.5`, `2022-08-01 13:45:00.123456`, `...+05:30`, `0044-03-15 BC`) turned into instants
 * the way the JDBC drivers' getDate/getTime/getTimestamp(col, calendar) do: wall-clock text is
 * read in a zone, text with an offset is an instant.
 */
import { DataException } from '../../../src/data/index.js';
import { epochDayOf, parseOffset, utcMillisOf, type WallClock, type Zone } from '../common/time-zone.js';
import { formatDateTimeSeconds } from '../common/wall-clock-text.js';

const DAY = 86_400_000;

/** An instant with nanosecond precision, as java.sql.Timestamp holds it. */
export interface Instant {
  /** Epoch milliseconds, the millisecond part of `nanos` included (Timestamp.getTime). */
  millis: number;
  /** Nanoseconds within the second (Timestamp.getNanos). */
  nanos: number;
}

export function compareInstants(a: Instant, b: Instant): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1;
  const subA = a.nanos % 1_000_000;
  const subB = b.nanos % 1_000_000;
  return subA === subB ? 0 : subA < subB ? -1 : 1;
}

/** An instant from epoch ms and nanos-of-second (the offset map's `timestamp`/`timestamp_nanos`). */
export function instantOf(millis: number, nanos?: number | null): Instant {
  const seconds = Math.floor(millis / 1000);
  const nanosOfSecond = nanos ?? (millis - seconds * 1000) * 1_000_000;
  return { millis: seconds * 1000 + Math.floor(nanosOfSecond / 1_000_000), nanos: nanosOfSecond };
}

/** How to read dates before 1582-10-15: Java's hybrid Julian/Gregorian calendar or proleptic Gregorian. */
export type CalendarSystem = 'LEGACY' | 'PROLEPTIC_GREGORIAN';

interface ParsedTemporal {
  wall: WallClock;
  /** The offset the text carried, in ms; null for wall-clock text. */
  offset: number | null;
}

class TextCursor {
  pos = 0;
  constructor(readonly text: string) {}

  digits(min: number, max: number): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.text.length && this.pos - start < max) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      this.pos++;
    }
    if (this.pos - start < min) throw this.bad();
    return value;
  }

  /** Fraction digits as nanoseconds (up to 9 digits kept). */
  fraction(): number {
    const start = this.pos;
    let nanos = 0;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 48 || c > 57) break;
      if (this.pos - start < 9) nanos = nanos * 10 + (c - 48);
      this.pos++;
    }
    const count = Math.min(this.pos - start, 9);
    if (count === 0) throw this.bad();
    return nanos * 10 ** (9 - count);
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) throw this.bad();
    this.pos++;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  bad(): DataException {
    return new DataException(`Unparseable date/time value from the database: "${this.text}"`);
  }
}

function readDate(cursor: TextCursor): { year: number; month: number; day: number } {
  let negative = false;
  if (cursor.peek() === '-') {
    negative = true;
    cursor.pos++;
  }
  const year = cursor.digits(4, 9);
  cursor.expect('-');
  const month = cursor.digits(2, 2);
  cursor.expect('-');
  const day = cursor.digits(2, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw cursor.bad();
  return { year: negative ? -year : year, month, day };
}

/** `HH:mm[:ss[.f...]]`; MySQL TIME values may have three hour digits. */
function readTime(cursor: TextCursor, maxHourDigits = 2): { hour: number; minute: number; second: number; nanos: number } {
  const hour = cursor.digits(2, maxHourDigits);
  cursor.expect(':');
  const minute = cursor.digits(2, 2);
  let second = 0;
  let nanos = 0;
  if (cursor.peek() === ':') {
    cursor.pos++;
    second = cursor.digits(2, 2);
    if (cursor.peek() === '.') {
      cursor.pos++;
      nanos = cursor.fraction();
    }
  }
  return { hour, minute, second, nanos };
}

/** The rest of the text: an optional offset (`+05:30`, `-08`, `Z`) and an optional ` BC`. */
function readSuffix(cursor: TextCursor): { offset: number | null; bc: boolean } {
  let rest = cursor.rest();
  let bc = false;
  if (rest.endsWith(' BC')) {
    bc = true;
    rest = rest.slice(0, -3);
  }
  if (rest === '') return { offset: null, bc };
  if (rest === 'Z') return { offset: 0, bc };
  const offset = parseOffset(rest.trim());
  if (offset === null) throw cursor.bad();
  return { offset, bc };
}

function checkFinite(text: string): void {
  if (text === 'infinity' || text === '-infinity') {
    throw new DataException(`The database returned ${text}, which has no Connect date/time representation`);
  }
}

export function parseTimestampText(text: string): ParsedTemporal {
  const common = parseCommonTimestamp(text);
  if (common !== null) return common;
  checkFinite(text);
  const cursor = new TextCursor(text);
  const date = readDate(cursor);
  const separator = cursor.peek();
  let time = { hour: 0, minute: 0, second: 0, nanos: 0 };
  if (separator === ' ' || separator === 'T') {
    const save = cursor.pos;
    cursor.pos++;
    if (/^\d{2}:/.test(cursor.rest())) time = readTime(cursor);
    else cursor.pos = save;
  }
  const { offset, bc } = readSuffix(cursor);
  return { wall: { ...date, year: bc ? 1 - date.year : date.year, ...time }, offset };
}

const ZERO = 48;

/** The digits of `text` from `start` to `end` as a number, or -1 if one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * What the drivers return for nearly every timestamp, `yyyy-MM-dd HH:mm:ss[.f{1,9}]` without an
 * offset or era, read without the general parser's intermediate objects; null for anything else
 * (which parseTimestampText then reads, or rejects, as before).
 */
function parseCommonTimestamp(text: string): ParsedTemporal | null {
  const length = text.length;
  if (length < 19 || length === 20 || length > 29) return null;
  const separator = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || (separator !== 0x20 && separator !== 0x54) || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) {
    return null;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || minute < 0 || second < 0) return null;
  let nanos = 0;
  if (length > 19) {
    if (text.charCodeAt(19) !== 0x2e) return null;
    const fraction = digitsAt(text, 20, length);
    if (fraction < 0) return null;
    nanos = fraction * 10 ** (9 - (length - 20));
  }
  return { wall: { year, month, day, hour, minute, second, nanos }, offset: null };
}

export function parseTimeText(text: string): ParsedTemporal {
  const cursor = new TextCursor(text);
  let negative = false;
  if (cursor.peek() === '-') {
    negative = true;
    cursor.pos++;
  }
  // MySQL TIME spans -838:59:59..838:59:59; the day count folds into the date.
  const { hour: hours, minute, second, nanos } = readTime(cursor, 3);
  const { offset } = readSuffix(cursor);
  const signed = negative ? -1 : 1;
  const totalMs = signed * ((hours * 3600 + minute * 60 + second) * 1000 + Math.floor(nanos / 1_000_000));
  const dayShift = Math.floor(totalMs / DAY);
  const msOfDay = totalMs - dayShift * DAY;
  const wall: WallClock = {
    year: 1970,
    month: 1,
    day: 1 + dayShift,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor((msOfDay % 3_600_000) / 60_000),
    second: Math.floor((msOfDay % 60_000) / 1000),
    nanos: (msOfDay % 1000) * 1_000_000 + (negative ? 0 : nanos % 1_000_000),
  };
  return { wall, offset };
}

/** Days between the proleptic Gregorian and the Julian reading of a date before the 1582 cutover (0 after it). */
function legacyShiftDays(year: number, month: number, day: number): number {
  if (year > 1582 || (year === 1582 && (month > 10 || (month === 10 && day >= 15)))) return 0;
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const julianDay = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return julianDay - 2440588 - epochDayOf(year, month, day);
}

/** The instant of parsed text: its own offset, else wall-clock time in `zone`. */
export function toInstant(parsed: ParsedTemporal, zone: Zone, calendar: CalendarSystem): Instant {
  const { wall, offset } = parsed;
  let millis: number;
  if (offset !== null) {
    millis = utcMillisOf(wall) - offset;
  } else {
    millis = zone.toEpochMillis(wall);
  }
  if (calendar === 'LEGACY') millis += legacyShiftDays(wall.year, wall.month, wall.day) * DAY;
  return { millis, nanos: wall.nanos };
}

/** A DATE's instant: midnight UTC of that day (Confluent reads DATE with a UTC calendar). */
export function dateMillis(text: string, calendar: CalendarSystem): number {
  const common = parseCommonDate(text);
  const { year, month, day } = common ?? readDateText(text);
  let days = epochDayOf(year, month, day);
  if (calendar === 'LEGACY') days += legacyShiftDays(year, month, day);
  return days * DAY;
}

/** `yyyy-MM-dd` (nearly every DATE a driver returns) without the general parser; null for anything else. */
function parseCommonDate(text: string): { year: number; month: number; day: number } | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** A DATE's text in any form the drivers give (five-digit years, ` BC`). */
function readDateText(text: string): { year: number; month: number; day: number } {
  checkFinite(text);
  const cursor = new TextCursor(text);
  const date = readDate(cursor);
  const { bc } = readSuffix(cursor);
  return { ...date, year: bc ? 1 - date.year : date.year };
}

/** Wall-clock text of an instant in a zone, `yyyy-MM-dd HH:mm:ss[.fffffffff]` with trailing zeros dropped. */
export function formatWallClock(instant: Instant, zone: Zone, fractionDigits: 'trim' | 6 | 9 = 'trim', separator = ' '): string {
  const base = formatDateTimeSeconds(instant.millis, zone, separator);
  const nanosText = String(instant.nanos).padStart(9, '0');
  if (fractionDigits === 6) return `${base}.${nanosText.slice(0, 6)}`;
  if (fractionDigits === 9) return `${base}.${nanosText}`;
  if (instant.nanos === 0) return base;
  return `${base}.${nanosText.replace(/0+$/, '')}`;
}
