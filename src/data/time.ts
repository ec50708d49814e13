import { TIME_LOGICAL_NAME } from './logical-names.js';
import { MILLIS_PER_DAY } from './date.js';
import { DataException } from './errors.js';
import type { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';

const LOGICAL_NAME = TIME_LOGICAL_NAME;

/**
 * The Time logical type (org.apache.kafka.connect.data.Time): INT32 milliseconds since midnight.
 * Values are JS Dates on 1970-01-01 UTC.
 */
export const ConnectTime = Object.freeze({
  LOGICAL_NAME,

  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
  },

  SCHEMA: SchemaBuilder.int32().name(LOGICAL_NAME).version(1).build(),

  fromLogical(schema: Schema, value: Date): number {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Time object but the schema does not match.');
    const millis = value.getTime();
    // Java accepts exactly one full day (86400000) too.
    if (!(millis >= 0 && millis <= MILLIS_PER_DAY)) {
      throw new DataException('Kafka Connect Time type should not have any date fields set to non-zero values.');
    }
    return millis;
  },

  toLogical(schema: Schema, millis: number): Date {
    if (schema.name() !== LOGICAL_NAME) throw new DataException('Requested conversion of Date object but the schema does not match.');
    if (millis < 0 || millis > MILLIS_PER_DAY) {
      throw new DataException('Time values must use number of milliseconds greater than 0 and less than 86400000');
    }
    return new Date(millis);
  },
});
