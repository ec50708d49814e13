/**
 * The date texts Kafka Connect produces and accepts through java.text.SimpleDateFormat and
 * java.util.Date.toString. Java formats in the JVM's default time zone; Connect workers
 * conventionally run in UTC, so we use UTC. Dates before the 1582 Gregorian switch follow the
 * proleptic Gregorian calendar here (Java switches to Julian).
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// SimpleDateFormat's `yyyy` prints the year of era, so year 0 is 1 (BC).
function yearOfEra(date: Date): number {
  const year = date.getUTCFullYear();
  return year <= 0 ? 1 - year : year;
}

/** `yyyy-MM-dd` */
export function formatIsoDate(date: Date): string {
  return `${pad(yearOfEra(date), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
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
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return `${DAY_NAMES[date.getUTCDay()]} ${MONTH_NAMES[date.getUTCMonth()]} ${pad(date.getUTCDate(), 2)} ${time} UTC ${yearOfEra(date)}`;
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
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, fields.millis);
  return Number.isNaN(date.getTime()) ? null : date;
}
