import { DataException, SinkRecord, Struct, isMapLike, type ConnectRecord, type Schema } from '../../src/data/index.js';
import { javaClassName } from './java-class-name.js';
import type { SchemalessMap } from './schemaless-map.js';

/**
 * Kafka's transforms/util/Requirements: the checks every transform makes on what it is given,
 * with Kafka's messages (users search for them). `purpose` names the transform's job.
 */
export function requireSchema(schema: Schema | null, purpose: string): Schema {
  if (schema === null) throw new DataException(`Schema required for [${purpose}]`);
  return schema;
}

export function requireMap(value: unknown, purpose: string): SchemalessMap {
  if (!isMapLike(value)) {
    throw new DataException(`Only Map objects supported in absence of schema for [${purpose}], found: ${javaClassName(value)}`);
  }
  return value;
}

export function requireMapOrNull(value: unknown, purpose: string): SchemalessMap | null {
  return value === null || value === undefined ? null : requireMap(value, purpose);
}

export function requireStruct(value: unknown, purpose: string): Struct {
  if (!(value instanceof Struct)) {
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${javaClassName(value)}`);
  }
  return value;
}

export function requireStructOrNull(value: unknown, purpose: string): Struct | null {
  return value === null || value === undefined ? null : requireStruct(value, purpose);
}

export function requireSinkRecord<R extends ConnectRecord<R>>(record: R, purpose: string): SinkRecord {
  if (!(record instanceof SinkRecord)) {
    throw new DataException(`Only SinkRecord supported for [${purpose}], found: ${javaClassName(record)}`);
  }
  return record;
}
