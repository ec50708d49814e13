/**
 * Time zones named as Java's ZoneId names them (IANA regions, Java's short ids, fixed offsets),
 * and the wall-clock texts the sink binds: JDBC's setTimestamp/setTime/setDate with a Calendar in
 * `db.timezone` send the local date and time of the instant in that zone.
 */

const MINUTE_MS = 60_000;
/** Offsets are cached per quarter hour: every IANA transition since 1970 falls on one. */
const BUCKET_MS = 15 * MINUTE_MS;

/** java.time.ZoneId.SHORT_IDS: the legacy three-letter ids ZoneId.of(id, SHORT_IDS) accepts. */
const JAVA_SHORT_IDS: Readonly<Record<string, string>> = {
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

const OFFSET_ID = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const UTC_IDS = new Set(['Z', 'UTC', 'GMT', 'UT', 'Etc/UTC', 'Etc/GMT', 'UCT', 'Etc/UCT', 'Zulu', 'Etc/Zulu', 'Universal', 'Etc/Universal', 'Greenwich', 'Etc/Greenwich', 'GMT0', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0']);

/** A zone that answers the offset from UTC of any instant. */
export interface Zone {
  readonly id: string;
  /** Milliseconds to add to an instant to get its wall-clock time in this zone. */
  offsetAt(epochMs: number): number;
}

class FixedZone implements Zone {
  constructor(
    readonly id: string,
    private readonly offsetMs: number,
  ) {}

  offsetAt(): number {
    return this.offsetMs;
  }
}

class RegionZone implements Zone {
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();

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
    const bucket = Math.floor(epochMs / BUCKET_MS);
    const cached = this.#offsets.get(bucket);
    if (cached !== undefined) return cached;
    const start = bucket * BUCKET_MS;
    const atStart = this.#exactOffset(start);
    // A bucket holding a transition (pre-1970 local mean times have odd ones) is never cached.
    if (atStart !== this.#exactOffset(start + BUCKET_MS - 1000)) return this.#exactOffset(epochMs);
    if (this.#offsets.size > 10_000) this.#offsets.clear();
    this.#offsets.set(bucket, atStart);
    return atStart;
  }

  #exactOffset(epochMs: number): number {
    const seconds = Math.floor(epochMs / 1000) * 1000;
    const fields: Record<string, number> = {};
    let bc = false;
    for (const part of this.#format.formatToParts(seconds)) {
      if (part.type === 'era') bc = part.value.startsWith('B');
      else if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const local = new Date(0);
    local.setUTCFullYear(bc ? 1 - (fields.year ?? 0) : (fields.year ?? 1970), (fields.month ?? 1) - 1, fields.day ?? 1);
    local.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, 0);
    return local.getTime() - seconds;
  }
}

const zones = new Map<string, Zone>();

/**
 * The zone for a Java zone id, or null when Java would not know it (TimeZoneValidator: any region
 * id, a short id of ZoneId.SHORT_IDS, or an offset such as `+05:30`, `UTC-3`).
 */
export function findZone(id: string): Zone | null {
  const known = zones.get(id);
  if (known !== undefined) return known;
  const zone = resolveZone(id);
  if (zone !== null) zones.set(id, zone);
  return zone;
}

/** As findZone, throwing RangeError for an unknown id. */
export function zoneOf(id: string): Zone {
  const zone = findZone(id);
  if (zone === null) throw new RangeError(`Unknown time zone: ${id}`);
  return zone;
}

export const UTC: Zone = new FixedZone('UTC', 0);

function resolveZone(id: string): Zone | null {
  if (UTC_IDS.has(id)) return new FixedZone(id, 0);
  const short = JAVA_SHORT_IDS[id];
  if (short !== undefined && short.startsWith('-')) return fixedOffset(id, short);
  const offset = fixedOffset(id, id);
  if (offset !== null) return offset;
  const region = short ?? id;
  try {
    return new RegionZone(region);
  } catch {
    return null;
  }
}

function fixedOffset(id: string, text: string): Zone | null {
  const match = OFFSET_ID.exec(text);
  if (match === null) return null;
  const [, sign, hours, minutes, seconds] = match;
  const h = Number(hours);
  const m = Number(minutes ?? 0);
  const s = Number(seconds ?? 0);
  if (h > 18 || m > 59 || s > 59) return null;
  const ms = ((h * 60 + m) * 60 + s) * 1000;
  return new FixedZone(id, sign === '-' ? -ms : ms);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function year4(y: number): string {
  if (y >= 1000) return String(y);
  if (y >= 0) return String(y).padStart(4, '0');
  return `-${String(-y).padStart(4, '0')}`;
}

/** `yyyy-MM-dd` of the instant in `zone`. */
export function formatDate(epochMs: number, zone: Zone): string {
  const local = new Date(epochMs + zone.offsetAt(epochMs));
  return `${year4(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

/** `HH:mm:ss.SSS` of the instant in `zone`. */
export function formatTime(epochMs: number, zone: Zone): string {
  const local = new Date(epochMs + zone.offsetAt(epochMs));
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}.${pad3(local.getUTCMilliseconds())}`;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` of the instant in `zone`. */
export function formatTimestamp(epochMs: number, zone: Zone): string {
  const local = new Date(epochMs + zone.offsetAt(epochMs));
  return (
    `${year4(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ` +
    `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}.${pad3(local.getUTCMilliseconds())}`
  );
}

/**
 * `yyyy-MM-dd HH:mm:ss.ffffff` (or nine digits) for an epoch count of micro- or nanoseconds, as
 * the sink binds INT64/STRING fields named in `timestamp.fields.list`.
 */
export function formatEpochFraction(epoch: bigint, unitsPerSecond: 1_000_000n | 1_000_000_000n, zone: Zone): string {
  let seconds = epoch / unitsPerSecond;
  let fraction = epoch % unitsPerSecond;
  if (fraction < 0n) {
    fraction += unitsPerSecond;
    seconds -= 1n;
  }
  const whole = formatTimestamp(Number(seconds) * 1000, zone).slice(0, 19);
  const digits = unitsPerSecond === 1_000_000n ? 6 : 9;
  return `${whole}.${fraction.toString().padStart(digits, '0')}`;
}

/** `+05:30` / `-03:00` / `+00:00`: the offset of the instant, as PostgreSQL reads it after a timestamp. */
export function formatOffset(epochMs: number, zone: Zone): string {
  const offset = zone.offsetAt(epochMs);
  const minutes = Math.round(Math.abs(offset) / MINUTE_MS);
  const text = `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  return offset < 0 ? `-${text}` : `+${text}`;
}
