/**
 * Instants as wall-clock text in a zone, as JDBC's setDate/setTime/setTimestamp with a Calendar
 * send them and as the source binds its timestamp parameters.
 */
import type { Zone } from './time-zone.js';

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

/** The instant's wall-clock fields in `zone`, read through a Date's UTC getters. */
function local(epochMs: number, zone: Zone): Date {
  return new Date(epochMs + zone.offsetAt(epochMs));
}

function dateText(d: Date): string {
  return `${year4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function secondsText(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** `yyyy-MM-dd` of the instant in `zone`. */
export function formatDate(epochMs: number, zone: Zone): string {
  return dateText(local(epochMs, zone));
}

/** `HH:mm:ss.SSS` of the instant in `zone`. */
export function formatTime(epochMs: number, zone: Zone): string {
  const d = local(epochMs, zone);
  return `${secondsText(d)}.${pad3(d.getUTCMilliseconds())}`;
}

/** `yyyy-MM-dd HH:mm:ss` (the separator may be `T`) of the instant in `zone`: whole seconds. */
export function formatDateTimeSeconds(epochMs: number, zone: Zone, separator = ' '): string {
  const d = local(epochMs, zone);
  return `${dateText(d)}${separator}${secondsText(d)}`;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` of the instant in `zone`. */
export function formatTimestamp(epochMs: number, zone: Zone): string {
  const d = local(epochMs, zone);
  return `${dateText(d)} ${secondsText(d)}.${pad3(d.getUTCMilliseconds())}`;
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
  const digits = unitsPerSecond === 1_000_000n ? 6 : 9;
  return `${formatDateTimeSeconds(Number(seconds) * 1000, zone)}.${fraction.toString().padStart(digits, '0')}`;
}

/** `+05:30` / `-03:00` / `+00:00`: the offset of the instant, as PostgreSQL reads it after a date-time. */
export function formatOffset(epochMs: number, zone: Zone): string {
  const offset = zone.offsetAt(epochMs);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const text = `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  return offset < 0 ? `-${text}` : `+${text}`;
}
