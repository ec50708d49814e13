/**
 * `db.timezone` as a zone that converts between instants and wall-clock times, built on Intl's
 * IANA data. Accepts what Confluent's TimeZoneValidator accepts from java.time.ZoneId: region
 * ids (`Europe/Paris`, `UTC`; case-sensitive, as in Java), offsets (`Z`, `+02:00`, `-0530`,
 * `UTC+2`, `GMT-03:30`) and the legacy short ids of ZoneId.SHORT_IDS (`EST`, `PST`, ...).
 */

/** A date and time of day without zone; `month` is 1-12, `nanos` the nanoseconds within the second. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
}

export interface Zone {
  readonly id: string;
  /** Milliseconds to add to an instant (epoch ms) to get its wall-clock time in this zone. */
  offsetAt(epochMs: number): number;
  /**
   * The instant (epoch ms, ms part from `nanos`) of a wall-clock time in this zone. In an
   * overlap the earlier instant wins; in a gap the time moves forward by the gap (java.time's rules).
   */
  toEpochMillis(wall: WallClock): number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Offsets are cached per quarter hour of UTC: every IANA transition since 1970 falls on one. */
const BUCKET = 15 * MINUTE;

// ZoneId.SHORT_IDS (java.time): EST, MST and HST are fixed offsets, the rest are regions.
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

const OFFSET_TEXT = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** Offset text (`+02:00`, `-0530`, `+5`) in ms; null when it is not one (ZoneOffset.of's forms). */
export function parseOffset(text: string): number | null {
  const m = OFFSET_TEXT.exec(text);
  if (m === null) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  const seconds = m[4] === undefined ? 0 : Number(m[4]);
  if (hours > 18 || minutes > 59 || seconds > 59) return null;
  const total = (hours * 3600 + minutes * 60 + seconds) * 1000;
  if (total > 18 * HOUR) return null;
  return m[1] === '-' ? -total : total;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year; month may be 1-12 only). */
export function epochDayOf(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of a wall-clock time read as UTC. */
export function utcMillisOf(wall: WallClock): number {
  return epochDayOf(wall.year, wall.month, wall.day) * DAY + wall.hour * HOUR + wall.minute * MINUTE + wall.second * 1000 + Math.floor(wall.nanos / 1_000_000);
}

class FixedZone implements Zone {
  constructor(
    readonly id: string,
    private readonly offset: number,
  ) {}

  offsetAt(): number {
    return this.offset;
  }

  toEpochMillis(wall: WallClock): number {
    return utcMillisOf(wall) - this.offset;
  }
}

class RegionZone implements Zone {
  readonly #format: Intl.DateTimeFormat;
  /** Offsets by quarter hour of UTC, for quarter hours without a transition. */
  readonly #byBucket = new Map<number, number>();
  /** Offsets by UTC hour of the wall clock, for hours that are not next to a transition. */
  readonly #byLocalHour = new Map<number, number>();

  constructor(readonly id: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(epochMs: number): number {
    const bucket = Math.floor(epochMs / BUCKET);
    const cached = this.#byBucket.get(bucket);
    if (cached !== undefined) return cached;
    const start = bucket * BUCKET;
    const atStart = this.#exactOffset(start);
    // A quarter hour holding a transition (pre-1970 local mean times have odd ones) is never cached.
    if (atStart !== this.#exactOffset(start + BUCKET - 1000)) return this.#exactOffset(epochMs);
    if (this.#byBucket.size > 10_000) this.#byBucket.clear();
    this.#byBucket.set(bucket, atStart);
    return atStart;
  }

  toEpochMillis(wall: WallClock): number {
    const local = utcMillisOf(wall);
    const hourKey = Math.floor(local / HOUR);
    const cached = this.#byLocalHour.get(hourKey);
    if (cached !== undefined) return local - cached;
    const before = this.offsetAt(local - DAY);
    const after = this.offsetAt(local + DAY);
    if (before === after) {
      // No transition within a day either side: every wall time of this hour has this offset.
      if (this.#byLocalHour.size > 100_000) this.#byLocalHour.clear();
      this.#byLocalHour.set(hourKey, before);
      return local - before;
    }
    const candidates = [before, after].map((offset) => local - offset).filter((instant) => this.offsetAt(instant) === local - instant);
    if (candidates.length > 0) return Math.min(...candidates);
    // In a gap: the offset before the transition, which moves the time forward by the gap.
    return local - before;
  }

  /** The offset at the second holding `epochMs`, from the wall-clock fields Intl gives for it. */
  #exactOffset(epochMs: number): number {
    const at = Math.floor(epochMs / 1000) * 1000;
    const wall: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
    let bc = false;
    for (const part of this.#format.formatToParts(at)) {
      switch (part.type) {
        case 'year':
        case 'month':
        case 'day':
        case 'hour':
        case 'minute':
        case 'second':
          wall[part.type] = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (bc) wall.year = 1 - wall.year;
    return utcMillisOf(wall) - at;
  }
}

export const UTC: Zone = new FixedZone('UTC', 0);

const zones = new Map<string, Zone | null>();

/** The zone for a Java zone id, or null when ZoneId.of (with SHORT_IDS) would reject it. */
export function findZone(id: string): Zone | null {
  const cached = zones.get(id);
  if (cached !== undefined) return cached;
  const zone = resolveZone(id);
  zones.set(id, zone);
  return zone;
}

/** As findZone, throwing RangeError for an unknown id. */
export function zoneOf(id: string): Zone {
  const zone = findZone(id);
  if (zone === null) throw new RangeError(`Unknown time zone: ${id}`);
  return zone;
}

function resolveZone(id: string): Zone | null {
  if (id === 'UTC') return UTC;
  if (id === 'Z' || id === 'GMT' || id === 'UT') return new FixedZone(id, 0);
  const prefixed = /^(UTC|GMT|UT)([+-].*)$/.exec(id);
  const offsetText = prefixed !== null ? prefixed[2] : id.startsWith('+') || id.startsWith('-') ? id : null;
  if (offsetText !== null) {
    const offset = parseOffset(offsetText);
    return offset === null ? null : new FixedZone(id, offset);
  }
  const target = SHORT_IDS[id];
  if (target !== undefined) {
    const offset = parseOffset(target);
    return offset !== null ? new FixedZone(id, offset) : regionZone(target);
  }
  return regionZone(id);
}

function regionZone(region: string): Zone | null {
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(region)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: region }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  // ZoneId is case-sensitive where Intl is not (`europe/paris`); links such as `Asia/Calcutta`
  // resolve to another name in both.
  if (resolved !== region && resolved.toLowerCase() === region.toLowerCase()) return null;
  return resolved === 'UTC' ? new FixedZone(region, 0) : new RegionZone(region);
}
