/**
 * java.text.SimpleDateFormat as Kafka's TimestampConverter and TimestampRouter use it: in UTC,
 * with the en_US names and week rules (weeks start on Sunday; week 1 holds January 1st), lenient.
 * Every pattern letter Java knows formats; parsing follows SimpleDateFormat.parse: fields may
 * roll over (month 13 is January next year), text after the pattern is ignored, two-digit `yy`
 * years land within 80 years before and 20 after now. Dates are proleptic Gregorian (Java switches
 * to the Julian calendar before 1582-10-15), as everywhere in Sluice.
 */

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';
const MILLIS_PER_DAY = 86_400_000;
const MILLIS_PER_MINUTE = 60_000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = MONTHS.map((name) => name.slice(0, 3));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_WEEKDAYS = WEEKDAYS.map((name) => name.slice(0, 3));
const AM_PM = ['AM', 'PM'];
const ERAS = ['BC', 'AD'];
const LONG_ERAS = ['Before Christ', 'Anno Domini'];

/** Zone names parsed by `z`/`Z` (offset in minutes, daylight saving included); Java knows many more. */
const ZONE_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Coordinated Universal Time', 0],
  ['Greenwich Mean Time', 0],
  ['Central European Standard Time', 60],
  ['Central European Summer Time', 120],
  ['Eastern Standard Time', -300],
  ['Eastern Daylight Time', -240],
  ['Central Standard Time', -360],
  ['Central Daylight Time', -300],
  ['Mountain Standard Time', -420],
  ['Mountain Daylight Time', -360],
  ['Pacific Standard Time', -480],
  ['Pacific Daylight Time', -420],
  ['AKST', -540],
  ['AKDT', -480],
  ['CEST', 120],
  ['EEST', 180],
  ['WEST', 60],
  ['UTC', 0],
  ['GMT', 0],
  ['EST', -300],
  ['EDT', -240],
  ['CST', -360],
  ['CDT', -300],
  ['MST', -420],
  ['MDT', -360],
  ['PST', -480],
  ['PDT', -420],
  ['HST', -600],
  ['CET', 60],
  ['EET', 120],
  ['WET', 0],
  ['JST', 540],
  ['KST', 540],
  ['UT', 0],
];

/** Java's IllegalArgumentException for a bad pattern (the message is Java's). */
export class DatePatternException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

/** java.text.ParseException: `Unparseable date: "<text>"`, with the offset Java reports. */
export class ParseException extends Error {
  constructor(
    message: string,
    readonly errorOffset: number,
  ) {
    super(message);
    this.name = 'ParseException';
  }
}

type PatternItem = { literal: string } | { letter: string; count: number };

/** SimpleDateFormat.compile: letters in runs, quoted text, and everything else as literals. */
function compilePattern(pattern: string): PatternItem[] {
  const items: PatternItem[] = [];
  let quoted: string | null = null;
  let letter: string | null = null;
  let count = 0;
  const flush = (): void => {
    if (letter !== null) {
      if (letter === 'X' && count >= 4) throw new DatePatternException(`invalid ISO 8601 format: length=${count}`);
      items.push({ letter, count });
    }
    letter = null;
    count = 0;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") {
      // '' is a quote, inside or outside quoted text.
      if (pattern[i + 1] === "'") {
        i++;
        flush();
        if (quoted !== null) quoted += "'";
        else items.push({ literal: "'" });
        continue;
      }
      if (quoted === null) {
        flush();
        quoted = '';
      } else {
        if (quoted !== '') items.push({ literal: quoted });
        quoted = null;
      }
      continue;
    }
    if (quoted !== null) {
      quoted += c;
      continue;
    }
    if (!/^[a-zA-Z]$/.test(c)) {
      flush();
      items.push({ literal: c });
      continue;
    }
    if (!PATTERN_LETTERS.includes(c)) throw new DatePatternException(`Illegal pattern character '${c}'`);
    if (letter !== null && letter !== c) flush();
    letter = c;
    count++;
  }
  if (quoted !== null) throw new DatePatternException('Unterminated quote');
  flush();
  return items;
}

// --- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) ---

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Days from 1970-01-01 to year-month-day (month 1-12, day 1-31). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (month + 9) % 12;
  const dayOfYear = floorDiv(153 * monthIndex + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function isLeapYear(year: number): boolean {
  return floorMod(year, 4) === 0 && (floorMod(year, 100) !== 0 || floorMod(year, 400) === 0);
}

function monthLength(year: number, month0: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month0];
}

/** 0 = Sunday. */
function dayOfWeek(epochDay: number): number {
  return floorMod(epochDay + 4, 7);
}

/** The epoch day of the given weekday (Calendar's 1 = Sunday ... 7 = Saturday) on or before `epochDay`. */
function weekdayOnOrBefore(epochDay: number, calendarDayOfWeek: number): number {
  return epochDay - floorMod(dayOfWeek(epochDay) - (calendarDayOfWeek - 1), 7);
}

/** The Sunday that starts week 1 of a year (the week holding January 1st). */
function firstWeekStart(year: number): number {
  return weekdayOnOrBefore(daysFromCivil(year, 1, 1), 1);
}

interface CalendarFields {
  year: number;
  month0: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  epochDay: number;
  weekday: number;
  dayOfYear: number;
  weekOfYear: number;
  weekYear: number;
  weekOfMonth: number;
}

function calendarFields(millis: number): CalendarFields {
  const date = new Date(millis);
  const epochDay = floorDiv(millis, MILLIS_PER_DAY);
  const year = date.getUTCFullYear();
  const month0 = date.getUTCMonth();
  const day = date.getUTCDate();
  let weekYear = year;
  let weekOfYear = floorDiv(epochDay - firstWeekStart(year), 7) + 1;
  if (epochDay >= firstWeekStart(year + 1)) {
    weekYear = year + 1;
    weekOfYear = 1;
  }
  const firstOfMonth = daysFromCivil(year, month0 + 1, 1);
  return {
    year,
    month0,
    day,
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millis: date.getUTCMilliseconds(),
    epochDay,
    weekday: dayOfWeek(epochDay),
    dayOfYear: epochDay - daysFromCivil(year, 1, 1) + 1,
    weekOfYear,
    weekYear,
    weekOfMonth: floorDiv(day - 1 + dayOfWeek(firstOfMonth), 7) + 1,
  };
}

function pad(value: number, minDigits: number): string {
  return String(value).padStart(minDigits, '0');
}

function yearText(year: number, count: number): string {
  const yearOfEra = year > 0 ? year : 1 - year;
  return count === 2 ? pad(yearOfEra % 100, 2) : pad(yearOfEra, count);
}

function formatField(letter: string, count: number, f: CalendarFields): string {
  switch (letter) {
    case 'G':
      return ERAS[f.year > 0 ? 1 : 0];
    case 'y':
      return yearText(f.year, count);
    case 'Y':
      return yearText(f.weekYear, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month0];
      if (count === 3) return SHORT_MONTHS[f.month0];
      return pad(f.month0 + 1, count);
    case 'd':
      return pad(f.day, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'H':
      return pad(f.hour, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millis, count);
    case 'E':
      return count >= 4 ? WEEKDAYS[f.weekday] : SHORT_WEEKDAYS[f.weekday];
    case 'D':
      return pad(f.dayOfYear, count);
    case 'F':
      return pad(floorDiv(f.day - 1, 7) + 1, count);
    case 'w':
      return pad(f.weekOfYear, count);
    case 'W':
      return pad(f.weekOfMonth, count);
    case 'a':
      return AM_PM[f.hour < 12 ? 0 : 1];
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'z':
      return count >= 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
    case 'u':
      return pad(f.weekday === 0 ? 7 : f.weekday, count);
    default:
      throw new DatePatternException(`Illegal pattern character '${letter}'`);
  }
}

// --- parsing ---

type Field =
  | 'era'
  | 'year'
  | 'weekYear'
  | 'month'
  | 'dayOfMonth'
  | 'dayOfYear'
  | 'dayOfWeek'
  | 'dayOfWeekInMonth'
  | 'weekOfYear'
  | 'weekOfMonth'
  | 'amPm'
  | 'hour'
  | 'hourOfDay'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'zoneOffset';

const GENERIC_FIELDS: Readonly<Record<string, Field>> = {
  d: 'dayOfMonth',
  H: 'hourOfDay',
  m: 'minute',
  s: 'second',
  S: 'millisecond',
  D: 'dayOfYear',
  F: 'dayOfWeekInMonth',
  w: 'weekOfYear',
  W: 'weekOfMonth',
  K: 'hour',
  u: 'dayOfWeek',
};

/** Java's CalendarBuilder: the parsed fields and the order they were set in (later wins). */
class ParsedFields {
  readonly #values = new Map<Field, number>();
  readonly #stamps = new Map<Field, number>();
  #nextStamp = 1;

  set(field: Field, value: number): void {
    this.#values.set(field, value);
    this.#stamps.set(field, this.#nextStamp++);
  }

  stamp(field: Field): number {
    return this.#stamps.get(field) ?? 0;
  }

  isSet(field: Field): boolean {
    return this.#stamps.has(field);
  }

  get(field: Field, fallback = 0): number {
    return this.#values.get(field) ?? fallback;
  }

  addYears(years: number): void {
    if (this.isSet('year')) this.#values.set('year', this.get('year') + years);
    if (this.isSet('weekYear')) this.#values.set('weekYear', this.get('weekYear') + years);
  }
}

/** Both stamps set: the later one; otherwise unset (Calendar.aggregateStamp). */
function aggregate(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : Math.max(a, b);
}

/** Calendar's field resolution (GregorianCalendar.computeTime with selectFields), in UTC. */
function resolve(fields: ParsedFields): number {
  const epochDay = fields.isSet('weekYear') && fields.stamp('weekYear') > fields.stamp('year') ? weekDate(fields) : resolveDate(fields);
  let timeOfDay: number;
  const hourOfDayStamp = fields.stamp('hourOfDay');
  const hourStamp = aggregate(fields.stamp('hour'), fields.stamp('amPm'));
  let best = Math.max(hourStamp, hourOfDayStamp);
  if (best === 0) best = Math.max(fields.stamp('hour'), fields.stamp('amPm'));
  if (best !== 0 && best === hourOfDayStamp) timeOfDay = fields.get('hourOfDay');
  else timeOfDay = fields.get('hour') + 12 * fields.get('amPm');
  timeOfDay = ((timeOfDay * 60 + fields.get('minute')) * 60 + fields.get('second')) * 1000 + fields.get('millisecond');
  return epochDay * MILLIS_PER_DAY + timeOfDay - fields.get('zoneOffset');
}

function resolvedYear(fields: ParsedFields, key: 'year' | 'weekYear'): number {
  const year = fields.get(key, 1970);
  return fields.isSet('era') && fields.get('era') === 0 ? 1 - year : year;
}

function toCalendarDayOfWeek(isoDay: number): number {
  return floorMod(isoDay, 7) + 1;
}

// GregorianCalendar.setWeekDate: week `weekOfYear` of `weekYear`, on `dayOfWeek`.
function weekDate(fields: ParsedFields): number {
  const weekOfYear = fields.isSet('weekOfYear') ? fields.get('weekOfYear') : 1;
  const weekday = fields.isSet('dayOfWeek') ? fields.get('dayOfWeek') : 1;
  return firstWeekStart(resolvedYear(fields, 'weekYear')) + floorMod(weekday - 1, 7) + 7 * (weekOfYear - 1);
}

function resolveDate(fields: ParsedFields): number {
  let year = resolvedYear(fields, 'year');
  const dowStamp = fields.stamp('dayOfWeek');
  let domStamp = fields.stamp('dayOfMonth');
  let womStamp = aggregate(fields.stamp('weekOfMonth'), dowStamp);
  let dowimStamp = aggregate(fields.stamp('dayOfWeekInMonth'), dowStamp);
  const doyStamp = fields.stamp('dayOfYear');
  let woyStamp = aggregate(fields.stamp('weekOfYear'), dowStamp);
  let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
  if (best === 0) {
    // No complete combination: a week field alone, or the day of week alone as day-of-week-in-month.
    womStamp = fields.stamp('weekOfMonth');
    dowimStamp = Math.max(fields.stamp('dayOfWeekInMonth'), dowStamp);
    woyStamp = fields.stamp('weekOfYear');
    best = Math.max(womStamp, dowimStamp, woyStamp);
    if (best === 0) best = domStamp = fields.stamp('month');
  }
  const monthBased =
    best === domStamp ||
    (best === womStamp && fields.stamp('weekOfMonth') >= fields.stamp('weekOfYear')) ||
    (best === dowimStamp && fields.stamp('dayOfWeekInMonth') >= fields.stamp('weekOfYear'));
  if (!monthBased) {
    const january1 = daysFromCivil(year, 1, 1);
    if (best === doyStamp) return january1 + fields.get('dayOfYear') - 1;
    let weekStart = firstWeekStart(year);
    if (dowStamp !== 0 && fields.get('dayOfWeek') !== 1) weekStart = weekdayOnOrBefore(weekStart + 6, fields.get('dayOfWeek'));
    return weekStart + 7 * (fields.get('weekOfYear') - 1);
  }
  let month0 = fields.get('month');
  year += floorDiv(month0, 12);
  month0 = floorMod(month0, 12);
  const first = daysFromCivil(year, month0 + 1, 1);
  if (best === domStamp) return fields.isSet('dayOfMonth') ? first + fields.get('dayOfMonth') - 1 : first;
  const weekday = dowStamp !== 0 ? fields.get('dayOfWeek') : 1;
  const useWeekOfMonth = womStamp === dowimStamp ? fields.stamp('weekOfMonth') >= fields.stamp('dayOfWeekInMonth') : best === womStamp;
  if (useWeekOfMonth) {
    let weekStart = weekdayOnOrBefore(first + 6, 1);
    if (weekStart - first >= 1) weekStart -= 7;
    if (dowStamp !== 0) weekStart = weekdayOnOrBefore(weekStart + 6, weekday);
    return weekStart + 7 * (fields.get('weekOfMonth') - 1);
  }
  const inMonth = fields.isSet('dayOfWeekInMonth') ? fields.get('dayOfWeekInMonth') : 1;
  if (inMonth >= 0) return weekdayOnOrBefore(first + 7 * inMonth - 1, weekday);
  const lastDate = monthLength(year, month0) + 7 * (inMonth + 1);
  return weekdayOnOrBefore(first + lastDate - 1, weekday);
}

/** The result of parsing one field: the index after it, or where parsing failed. */
type FieldResult = { end: number } | { errorIndex: number };

/** DecimalFormat's integer parse: an optional minus sign and ASCII digits, as Java's int. */
function parseInteger(text: string, start: number, limit: number): { value: number; end: number } | null {
  let index = start;
  const negative = text[index] === '-';
  if (negative) index++;
  const digitsStart = index;
  while (index < limit && text.charCodeAt(index) >= 0x30 && text.charCodeAt(index) <= 0x39) index++;
  if (index === digitsStart) return null;
  const digits = text.slice(digitsStart, index);
  let value: number;
  if (digits.length <= 18) {
    // Long.intValue(): the low 32 bits.
    value = Number(BigInt.asIntN(32, BigInt(negative ? `-${digits}` : digits)));
  } else {
    value = negative ? -2147483648 : 2147483647;
  }
  return { value, end: index };
}

/** The longest of `names` that starts `text` at `start`, ignoring case (SimpleDateFormat.matchString). */
function matchName(text: string, start: number, names: readonly string[]): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  names.forEach((name, index) => {
    if (name.length > (best?.length ?? 0) && text.slice(start, start + name.length).toLowerCase() === name.toLowerCase()) {
      best = { index, length: name.length };
    }
  });
  return best;
}

/**
 * SimpleDateFormat.subParseNumericZone: `hh[[:]mm]` after the sign at `start`. Returns the end,
 * or the negated error position.
 */
function parseNumericZone(text: string, start: number, sign: number, count: number, colon: boolean, fields: ParsedFields): number {
  let index = start;
  // Java reads with charAt(index++) and catches the exception at the end of the text.
  const next = (): string | null => {
    const at = index++;
    return at < text.length ? text[at] : null;
  };
  const isDigit = (c: string | null): c is string => c !== null && c >= '0' && c <= '9';
  parse: {
    let c = next();
    if (!isDigit(c)) break parse;
    let hours = Number(c);
    c = next();
    if (c === null) break parse;
    if (isDigit(c)) hours = hours * 10 + Number(c);
    else {
      if (count > 0 || !colon) break parse;
      index--;
    }
    if (hours > 23) break parse;
    let minutes = 0;
    if (count !== 1) {
      c = next();
      if (c === null) break parse;
      if (colon) {
        if (c !== ':') break parse;
        c = next();
        if (c === null) break parse;
      }
      if (!isDigit(c)) break parse;
      minutes = Number(c);
      c = next();
      if (!isDigit(c)) break parse;
      minutes = minutes * 10 + Number(c);
      if (minutes > 59) break parse;
    }
    fields.set('zoneOffset', sign * (hours * 60 + minutes) * MILLIS_PER_MINUTE);
    return index;
  }
  return 1 - index;
}

export interface SimpleDateFormatOptions {
  /** The moment two-digit years are resolved against (Java uses the time the format was made). */
  now?: number;
}

/** A SimpleDateFormat in UTC; throws DatePatternException (Java's message) for a bad pattern. */
export class SimpleDateFormat {
  readonly #pattern: string;
  readonly #items: PatternItem[];
  readonly #defaultCenturyStart: number;
  readonly #defaultCenturyStartYear: number;

  constructor(pattern: string, options: SimpleDateFormatOptions = {}) {
    this.#pattern = pattern;
    this.#items = compilePattern(pattern);
    const now = new Date(options.now ?? Date.now());
    const centuryStart = new Date(now.getTime());
    centuryStart.setUTCFullYear(now.getUTCFullYear() - 80);
    this.#defaultCenturyStart = centuryStart.getTime();
    this.#defaultCenturyStartYear = centuryStart.getUTCFullYear();
  }

  toPattern(): string {
    return this.#pattern;
  }

  format(date: Date): string {
    const fields = calendarFields(date.getTime());
    return this.#items.map((item) => ('literal' in item ? item.literal : formatField(item.letter, item.count, fields))).join('');
  }

  /** DateFormat.parse(String): a ParseException when the text does not start with a date in this pattern. */
  parse(text: string): Date {
    const result = this.#parse(text);
    if ('errorIndex' in result || result.end === 0) {
      throw new ParseException(`Unparseable date: "${text}"`, 'errorIndex' in result ? result.errorIndex : -1);
    }
    return new Date(result.millis);
  }

  #parse(text: string): { millis: number; end: number } | { errorIndex: number } {
    const fields = new ParsedFields();
    const ambiguousYear = { value: false };
    let start = 0;
    for (let i = 0; i < this.#items.length; i++) {
      const item = this.#items[i];
      if ('literal' in item) {
        for (const ch of item.literal) {
          if (start >= text.length || text[start] !== ch) return { errorIndex: start };
          start++;
        }
        continue;
      }
      const next = this.#items[i + 1];
      const obeyCount = next !== undefined && 'letter' in next && obeysCount(next.letter, next.count);
      const result = this.#subParse(text, start, item.letter, item.count, obeyCount, fields, ambiguousYear);
      if ('errorIndex' in result) return result;
      start = result.end;
    }
    let millis = resolve(fields);
    if (ambiguousYear.value && millis < this.#defaultCenturyStart) {
      fields.addYears(100);
      millis = resolve(fields);
    }
    return { millis, end: start };
  }

  // SimpleDateFormat.subParse for one field.
  #subParse(
    text: string,
    start: number,
    letter: string,
    count: number,
    obeyCount: boolean,
    fields: ParsedFields,
    ambiguousYear: { value: boolean },
  ): FieldResult {
    let position = start;
    for (;;) {
      if (position >= text.length) return { errorIndex: start };
      if (text[position] !== ' ' && text[position] !== '\t') break;
      position++;
    }
    const actualStart = position;
    const readNumber = (): { value: number; end: number } | null => {
      if (obeyCount && start + count > text.length) return null;
      return parseInteger(text, position, obeyCount ? start + count : text.length);
    };
    const failed = (): FieldResult => ({ errorIndex: position });

    switch (letter) {
      case 'y':
      case 'Y': {
        const number = readNumber();
        if (number === null) return failed();
        let value = number.value;
        if (count <= 2 && number.end - actualStart === 2 && /^[0-9]{2}$/.test(text.slice(actualStart, actualStart + 2))) {
          const ambiguousTwoDigitYear = this.#defaultCenturyStartYear % 100;
          ambiguousYear.value = value === ambiguousTwoDigitYear;
          value += Math.floor(this.#defaultCenturyStartYear / 100) * 100 + (value < ambiguousTwoDigitYear ? 100 : 0);
        }
        fields.set(letter === 'y' ? 'year' : 'weekYear', value);
        return { end: number.end };
      }
      case 'M':
      case 'L': {
        if (count <= 2) {
          const number = readNumber();
          if (number === null) return failed();
          fields.set('month', number.value - 1);
          return { end: number.end };
        }
        const match = matchName(text, start, [...MONTHS, ...SHORT_MONTHS]);
        if (match === null) return failed();
        fields.set('month', match.index % 12);
        return { end: start + match.length };
      }
      case 'k':
      case 'h': {
        const number = readNumber();
        if (number === null) return failed();
        // 24 (k) and 12 (h) are the hour zero.
        const zero = letter === 'k' ? 24 : 12;
        fields.set(letter === 'k' ? 'hourOfDay' : 'hour', number.value === zero ? 0 : number.value);
        return { end: number.end };
      }
      case 'G': {
        const match = matchName(text, start, [...ERAS, ...LONG_ERAS]);
        if (match === null) return failed();
        fields.set('era', match.index % 2);
        return { end: start + match.length };
      }
      case 'E': {
        const match = matchName(text, start, [...WEEKDAYS, ...SHORT_WEEKDAYS]);
        if (match === null) return failed();
        fields.set('dayOfWeek', (match.index % 7) + 1);
        return { end: start + match.length };
      }
      case 'a': {
        const match = matchName(text, start, AM_PM);
        if (match === null) return failed();
        fields.set('amPm', match.index);
        return { end: start + match.length };
      }
      case 'z':
      case 'Z':
        return this.#parseZone(text, start, position, fields);
      case 'X': {
        const c = text[position];
        if (c === 'Z') {
          fields.set('zoneOffset', 0);
          return { end: position + 1 };
        }
        if (c !== '+' && c !== '-') return { errorIndex: position + 1 };
        const end = parseNumericZone(text, position + 1, c === '+' ? 1 : -1, count, count === 3, fields);
        return end > 0 ? { end } : { errorIndex: -end };
      }
      default: {
        const field = GENERIC_FIELDS[letter];
        const number = readNumber();
        if (number === null || field === undefined) return failed();
        fields.set(field, field === 'dayOfWeek' ? toCalendarDayOfWeek(number.value) : number.value);
        return { end: number.end };
      }
    }
  }

  // `z` and `Z` accept the same: GMT[+-hh:mm], an RFC 822 offset (+hhmm), or a zone name.
  #parseZone(text: string, start: number, position: number, fields: ParsedFields): FieldResult {
    const c = text[position];
    if (c === '+' || c === '-') {
      const end = parseNumericZone(text, position + 1, c === '+' ? 1 : -1, 0, false, fields);
      return end > 0 ? { end } : { errorIndex: -end };
    }
    if ((c === 'G' || c === 'g') && text.slice(start, start + 3).toUpperCase() === 'GMT') {
      const afterGmt = start + 3;
      const sign = text[afterGmt] === '+' ? 1 : text[afterGmt] === '-' ? -1 : 0;
      if (sign === 0) {
        fields.set('zoneOffset', 0);
        return { end: afterGmt };
      }
      const end = parseNumericZone(text, afterGmt + 1, sign, 0, true, fields);
      return end > 0 ? { end } : { errorIndex: -end };
    }
    const match = matchName(
      text,
      position,
      ZONE_NAMES.map(([name]) => name),
    );
    if (match === null) return { errorIndex: position };
    fields.set('zoneOffset', ZONE_NAMES[match.index][1] * MILLIS_PER_MINUTE);
    return { end: position + match.length };
  }
}

// SimpleDateFormat.shouldObeyCount: a numeric field right after this one fixes this one's width.
function obeysCount(letter: string, count: number): boolean {
  if (letter === 'M' || letter === 'L') return count <= 2;
  return 'ydkHmsSDFwWhKYu'.includes(letter);
}
