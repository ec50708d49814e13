import { BigDecimal } from './big-decimal.js';
import { MILLIS_PER_DAY } from './date.js';
import { DataException } from './errors.js';
import { formatIsoDate, formatIsoTime, formatIsoTimestamp } from './java-date-format.js';
import { doubleIfMarked, javaNumberText, javaToString } from './java-text.js';
import type { Schema } from './schema.js';
import { Struct } from './struct.js';
import { describeValue } from './validate.js';
import { isMapLike, mapEntries } from './value-equality.js';

/**
 * A Connect value as text, by Values.convertToString (SimpleHeaderConverter's format): strings raw
 * at the top level and quoted with `\` and `"` escaped inside containers, bytes as base64, lists
 * `[a,b]`, maps `{k:v}`, structs `{"field":value}`, dates as ISO time, date or timestamp.
 * The schema only tells float from double from integer for JS numbers.
 */
export function convertToString(schema: Schema | null, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const out: string[] = [];
  append(out, value, false, schema);
  return out.join('');
}

function append(out: string[], value: unknown, embedded: boolean, schema: Schema | null): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'number') {
    out.push(javaNumberText(value, schema));
  } else if (typeof value === 'bigint' || typeof value === 'boolean' || value instanceof BigDecimal) {
    out.push(value.toString());
  } else if (typeof value === 'string') {
    out.push(embedded ? `"${escape(value)}"` : value);
  } else if (value instanceof Uint8Array) {
    const encoded = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    out.push(embedded ? `"${encoded}"` : encoded);
  } else if (Array.isArray(value)) {
    const elementSchema = childSchema(schema, 'value');
    out.push('[');
    value.forEach((element, i) => {
      if (i > 0) out.push(',');
      append(out, element, true, elementSchema ?? doubleIfMarked(value, i, element));
    });
    out.push(']');
  } else if (isMapLike(value)) {
    const keySchema = childSchema(schema, 'key');
    const valueSchema = childSchema(schema, 'value');
    out.push('{');
    mapEntries(value).forEach(([key, entryValue], i) => {
      if (i > 0) out.push(',');
      append(out, key, true, keySchema);
      out.push(':');
      append(out, entryValue, true, valueSchema ?? doubleIfMarked(value, key, entryValue));
    });
    out.push('}');
  } else if (value instanceof Struct) {
    out.push('{');
    value
      .schema()
      .fields()
      .forEach((field, i) => {
        if (i > 0) out.push(',');
        append(out, field.name(), true, null);
        out.push(':');
        append(out, value.get(field), true, field.schema());
      });
    out.push('}');
  } else if (value instanceof Date) {
    out.push(formatDateValue(value));
  } else {
    throw new DataException(`Failed to serialize unexpected value type ${describeValue(value)}: ${javaToString(value)}`);
  }
}

/** Values.dateFormatFor: time of day below one day, a date at whole days, else a timestamp. */
export function formatDateValue(date: Date): string {
  const millis = date.getTime();
  if (millis < MILLIS_PER_DAY) return formatIsoTime(date);
  if (millis % MILLIS_PER_DAY === 0) return formatIsoDate(date);
  return formatIsoTimestamp(date);
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function childSchema(schema: Schema | null, part: 'key' | 'value'): Schema | null {
  if (schema === null) return null;
  const type = schema.type();
  if (part === 'key') return type === 'MAP' ? schema.keySchema() : null;
  return type === 'MAP' || type === 'ARRAY' ? schema.valueSchema() : null;
}
