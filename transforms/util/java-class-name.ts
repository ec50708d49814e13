import { BigDecimal, SinkRecord, SourceRecord, Struct } from '../../src/data/index.js';

/**
 * The Java class Kafka Connect would have for a value, as its error messages print it
 * (`found: java.lang.String`). JS numbers cannot say which Java number they were: integers in the
 * int range read as Integer, other integers as Long, the rest as Double.
 */
export function javaClassName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      if (!Number.isInteger(value)) return 'java.lang.Double';
      return value >= -2147483648 && value <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
    default:
      break;
  }
  if (value instanceof Struct) return 'org.apache.kafka.connect.data.Struct';
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  if (value instanceof Date) return 'java.util.Date';
  if (value instanceof Uint8Array) return '[B';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof SinkRecord) return 'org.apache.kafka.connect.sink.SinkRecord';
  if (value instanceof SourceRecord) return 'org.apache.kafka.connect.source.SourceRecord';
  if (value instanceof Map) return 'java.util.HashMap';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'java.util.HashMap';
}
