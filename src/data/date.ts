import { DATE_LOGICAL_NAME } from './logical-names.js';
import { DataException } from './errors.js';
import type { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';

const LOGICAL_NAME = DATE_LOGICAL_NAME;
export const MILLIS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * The Date logical type (org.apache.kafka.connect.data.Date): INT32 days since the epoch.
 * Values are JS Dates at UTC midnight.
 */
export const ConnectDate = Object.freeze({
  LOGICAL_NAME,

  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
  },

  SCHEMA: SchemaBuilder.int32().name(LOGICAL_NAME).version(1).build(),

  fromLogical(schema: Schema, value: Date): number {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Date object but the schema does not match.');
    const millis = value.getTime();
    if (!Number.isFinite(millis)) throw new DataException('Invalid Date value: not a valid time');
    if (value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0 || value.getUTCSeconds() !== 0 || value.getUTCMilliseconds() !== 0) {
      throw new DataException('Kafka Connect Date type should not have any time fields set to non-zero values.');
    }
    // Java's (int) cast of the day count wraps.
    return Math.trunc(millis / MILLIS_PER_DAY) | 0;
  },

  toLogical(schema: Schema, days: number): Date {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Date object but the schema does not match.');
    return new Date(days * MILLIS_PER_DAY);
  },
});
