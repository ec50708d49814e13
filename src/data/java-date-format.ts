/**
 * The date texts Kafka Connect produces and accepts through java.text.SimpleDateFormat and
 * java.util.Date.toString. Java formats in the JVM's default time zone; Connect workers
 * conventionally run in UTC, so we use UTC. Like Java's GregorianCalendar, instants before
 * 1582-10-15 use the Julian calendar.
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MILLIS_PER_DAY = 86400000;
// 1582-10-15T00:00Z, the first Gregorian day in Java's default GregorianCalendar.
const GREGORIAN_CUTOVER_MILLIS = -12219292800000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function floorMod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

/** Calendar date of an instant in UTC: Gregorian from the cutover, Julian before it. */
function calendarDate(date: Date): CalendarDate {
  const millis = date.getTime();
  if (millis >= GREGORIAN_CUTOVER_MILLIS) {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  // Richards' algorithm from the Julian day number, without the Gregorian correction.
  const julianDay = floorDiv(millis, MILLIS_PER_DAY) + 2440588;
  const e = 4 * (julianDay + 1401) + 3;
  const h = 5 * floorDiv(floorMod(e, 1461), 4) + 2;
  const day = floorDiv(floorMod(h, 153), 5) + 1;
  const month = floorMod(floorDiv(h, 153) + 2, 12) + 1;
  const year = floorDiv(e, 1461) - 4716 + floorDiv(14 - month, 12);
  return { year, month, day };
}

/** Days since the epoch of a Julian-calendar date; month and day may overflow (lenient). */
function julianEpochDay(year: number, month: number, day: number): number {
  const y = year + floorDiv(month - 1, 12);
  const m = floorMod(month - 1, 12) + 1;
  const a = floorDiv(14 - m, 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  const julianDay = day + floorDiv(153 * mm + 2, 5) + 365 * yy + floorDiv(yy, 4) - 32083;
  return julianDay - 2440588;
}

// SimpleDateFormat's `yyyy` prints the year of era, so year 0 is 1 (BC).
function yearOfEra(year: number): number {
  return year <= 0 ? 1 - year : year;
}

/** `yyyy-MM-dd` */
export function formatIsoDate(date: Date): string {
  const { year, month, day } = calendarDate(date);
  return `${pad(yearOfEra(year), 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `HH:mm:ss.SSS'Z'` */
export function formatIsoTime(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` */
export function formatIsoTimestamp(date: Date): string {
  return `${formatIsoDate(date)}T${formatIsoTime(date)}`;
}

/** java.util.Date.toString: `Thu Jan 01 00:00:00 UTC 1970`. */
export function javaDateToString(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const { year, month, day } = calendarDate(date);
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return `${DAY_NAMES[date.getUTCDay()]} ${MONTH_NAMES[month - 1]} ${pad(day, 2)} ${time} UTC ${yearOfEra(year)}`;
}

type PatternPart = { field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millis' } | { literal: string };

const DATE_PARTS: PatternPart[] = [{ field: 'year' }, { literal: '-' }, { field: 'month' }, { literal: '-' }, { field: 'day' }];
const TIME_PARTS: PatternPart[] = [
  { field: 'hour' },
  { literal: ':' },
  { field: 'minute' },
  { literal: ':' },
  { field: 'second' },
  { literal: '.' },
  { field: 'millis' },
  { literal: 'Z' },
];

export type IsoPattern = 'date' | 'time' | 'timestamp';

const PATTERNS: Record<IsoPattern, PatternPart[]> = {
  date: DATE_PARTS,
  time: TIME_PARTS,
  timestamp: [...DATE_PARTS, { literal: 'T' }, ...TIME_PARTS],
};

/**
 * Parses like a lenient SimpleDateFormat with one of the three ISO patterns: each number field
 * takes as many digits as are there (spaces before it skipped, a minus sign allowed), literals
 * must match, text after the pattern is ignored, and out-of-range fields roll over
 * (month 13 is January next year). Returns null where SimpleDateFormat fails.
 */
export function parseLenientIso(text: string, pattern: IsoPattern): Date | null {
  const fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0 };
  let position = 0;
  for (const part of PATTERNS[pattern]) {
    if ('literal' in part) {
      if (text[position] !== part.literal) return null;
      position++;
      continue;
    }
    while (text[position] === ' ' || text[position] === '\t') position++;
    const match = /^-?\d+/.exec(text.slice(position));
    if (match === null) return null;
    fields[part.field] = Number(match[0]);
    position += match[0].length;
  }
  const timeOfDay = ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millis;
  const gregorian = new Date(0);
  gregorian.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  let millis = gregorian.getTime() + timeOfDay;
  if (millis < GREGORIAN_CUTOVER_MILLIS) millis = julianEpochDay(fields.year, fields.month, fields.day) * MILLIS_PER_DAY + timeOfDay;
  return Number.isFinite(millis) && Math.abs(millis) <= 8.64e15 ? new Date(millis) : null;
}
