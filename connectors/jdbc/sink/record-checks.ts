/**
 * Which records the sink accepts (Confluent's RecordValidator, connectors-spec.md 2.2): a Struct
 * value with a Struct schema unless the record is a tombstone with deletes enabled, and a Struct
 * or primitive key where the key is used.
 */
import { ConnectError } from '../../../src/connect/index.js';
import { BigDecimal, isPrimitiveType, Struct, type Schema, type SinkRecord } from '../../../src/data/index.js';
import { DELETE_ENABLED, PK_MODE, type JdbcSinkSettings } from './sink-config.js';

export type RecordCheck = (record: SinkRecord) => void;

/** The checks a configuration calls for, in Confluent's order (key first). */
export function recordCheck(settings: Pick<JdbcSinkSettings, 'connectorName' | 'pkMode' | 'deleteEnabled'>): RecordCheck {
  const checks: RecordCheck[] = [];
  const key = requiresKey(settings);
  const value = requiresValue(settings);
  if (settings.pkMode === 'record_key') checks.push(key);
  if (settings.pkMode === 'record_value' || settings.pkMode === 'none') checks.push(value);
  if (settings.deleteEnabled) {
    if (!checks.includes(key)) checks.push(key);
  } else if (!checks.includes(value)) {
    checks.push(value);
  }
  return (record) => {
    for (const check of checks) check(record);
  };
}

function requiresValue(settings: Pick<JdbcSinkSettings, 'connectorName' | 'pkMode' | 'deleteEnabled'>): RecordCheck {
  return (record) => {
    const schema = record.valueSchema();
    if (record.value() !== null && schema !== null && schema.type() === 'STRUCT') return;
    throw new ConnectError(
      `Sink connector '${settings.connectorName}' is configured with '${DELETE_ENABLED}=${settings.deleteEnabled}' and '${PK_MODE}=${settings.pkMode}' and therefore requires ` +
        `records with a non-null Struct value and non-null Struct schema, but found record at ${coordinates(record)} ` +
        `with a ${javaClassName(record.value(), schema)} value and ${schemaTypeName(schema)} value schema.`,
    );
  };
}

function requiresKey(settings: Pick<JdbcSinkSettings, 'connectorName' | 'pkMode' | 'deleteEnabled'>): RecordCheck {
  return (record) => {
    const schema = record.keySchema();
    if (record.key() !== null && schema !== null && (schema.type() === 'STRUCT' || isPrimitiveType(schema.type()))) return;
    throw new ConnectError(
      `Sink connector '${settings.connectorName}' is configured with '${DELETE_ENABLED}=${settings.deleteEnabled}' and '${PK_MODE}=${settings.pkMode}' and therefore requires ` +
        `records with a non-null key and non-null Struct or primitive key schema, but found record at ${coordinates(record)} ` +
        `with a ${javaClassName(record.key(), schema)} key and ${schemaTypeName(schema)} key schema.`,
    );
  };
}

function coordinates(record: SinkRecord): string {
  return `(topic='${record.topic()}',partition=${record.kafkaPartition() ?? 'null'},offset=${record.kafkaOffset()},timestamp=${record.timestamp() ?? 'null'})`;
}

/** What Java's getClass().getSimpleName() would say of the value (StringUtils.valueTypeOrNull). */
export function javaClassName(value: unknown, schema: Schema | null): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'bigint':
      return 'Long';
    case 'number':
      switch (schema?.type()) {
        case 'INT8':
          return 'Byte';
        case 'INT16':
          return 'Short';
        case 'INT32':
          return 'Integer';
        case 'INT64':
          return 'Long';
        case 'FLOAT32':
          return 'Float';
        case 'FLOAT64':
          return 'Double';
        default:
          return Number.isInteger(value) ? 'Long' : 'Double';
      }
    default:
      break;
  }
  if (value instanceof Struct) return 'Struct';
  if (value instanceof BigDecimal) return 'BigDecimal';
  if (value instanceof Date) return 'Date';
  if (value instanceof Uint8Array) return 'byte[]';
  if (Array.isArray(value)) return 'ArrayList';
  return 'HashMap';
}

/** StringUtils.schemaTypeOrNull: `Struct` for structs, the lower-case type name otherwise. */
export function schemaTypeName(schema: Schema | null): string {
  if (schema === null) return 'null';
  return schema.type() === 'STRUCT' ? 'Struct' : schema.type().toLowerCase();
}
