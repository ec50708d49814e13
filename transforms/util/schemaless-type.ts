import { Struct, isMapLike, type SchemaType } from '../../src/data/index.js';

/**
 * The Connect type of a schemaless value (Kafka's ConnectSchema.schemaType(value.getClass())), or
 * null for values Connect has no type for (a Date or BigDecimal without a schema). An integral
 * number is an INT32 when it fits (INT64 beyond), unless `isDouble` says a JSON reader saw it as
 * a Java Double; other numbers are FLOAT64.
 */
export function schemalessTypeOf(value: unknown, isDouble = false): SchemaType | null {
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'STRING';
    case 'bigint':
      return 'INT64';
    case 'number':
      if (isDouble || !Number.isInteger(value)) return 'FLOAT64';
      return value >= -2147483648 && value <= 2147483647 ? 'INT32' : 'INT64';
    default:
      break;
  }
  if (value instanceof Uint8Array) return 'BYTES';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof Struct) return 'STRUCT';
  if (isMapLike(value)) return 'MAP';
  return null;
}
