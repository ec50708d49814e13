import { TIMESTAMP_LOGICAL_NAME } from './logical-names.js';
import { DataException } from './errors.js';
import type { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';

const LOGICAL_NAME = TIMESTAMP_LOGICAL_NAME;
// The range of a JS Date; Java's long millis reach further, but no JS Date can hold those.
const MAX_DATE_MILLIS = 8.64e15;

/**
 * The Timestamp logical type (org.apache.kafka.connect.data.Timestamp): INT64 milliseconds since
 * the epoch. Values are JS Dates; the INT64 form is a bigint.
 */
export const ConnectTimestamp = Object.freeze({
  LOGICAL_NAME,

  builder(): SchemaBuilder {
    return SchemaBuilder.int64().name(LOGICAL_NAME).version(1);
  },

  SCHEMA: SchemaBuilder.int64().name(LOGICAL_NAME).version(1).build(),

  fromLogical(schema: Schema, value: Date): bigint {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Timestamp object but the schema does not match.');
    const millis = value.getTime();
    if (!Number.isFinite(millis)) throw new DataException('Invalid Timestamp value: not a valid time');
    return BigInt(millis);
  },

  toLogical(schema: Schema, millis: bigint | number): Date {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Timestamp object but the schema does not match.');
    const asNumber = Number(millis);
    if (!(Math.abs(asNumber) <= MAX_DATE_MILLIS)) {
      throw new DataException(`Timestamp ${millis} ms is outside the range a JavaScript Date can hold`);
    }
    return new Date(asNumber);
  },
});
