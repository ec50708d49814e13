/**
 * A column of values as one PostgreSQL array literal (`{"a","b\"c",NULL}`), the text the server
 * parses for a `?::text[]` parameter. Built here rather than by the driver so that only elements
 * holding a quote or a backslash pay for escaping.
 */
import type { DbParam } from '../common/db.js';

const NEEDS_ESCAPE = /["\\]/;

export function postgresArrayLiteral(values: readonly DbParam[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const v = values[i];
    if (v === null || v === undefined) text += 'NULL';
    else if (typeof v === 'string') text += NEEDS_ESCAPE.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
    else if (typeof v === 'number' || typeof v === 'bigint') text += String(v);
    else if (typeof v === 'boolean') text += v ? 't' : 'f';
    // bytea's hex input form; its backslash is escaped inside the array literal.
    else if (Buffer.isBuffer(v)) text += `"\\\\x${v.toString('hex')}"`;
    else throw new TypeError('Nested arrays cannot be written as a column of an array parameter');
  }
  return text + '}';
}
