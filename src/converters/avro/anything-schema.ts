import { DataException, describeValue, isMapLike, mapEntries } from '../../data/index.js';
import { parseAvroSchema } from './avro-schema-parser.js';
import { fieldIndex, type AvroRecordSchema, type AvroSchema } from './avro-schema.js';
import { AvroRecord } from './avro-values.js';
import { orderLikeSizedJavaHashMap } from './java-hash-map.js';

/**
 * Schemaless Connect data (schema null) travels as AvroData's self-referencing record
 * `io.confluent.connect.avro.Anything`: one optional field per kind of value, maps as arrays of
 * MapEntry records. This is the exact text the Java converter registers for it.
 */
export const ANYTHING_SCHEMA_TEXT =
  '{"type":"record","name":"Anything","namespace":"io.confluent.connect.avro","fields":[' +
  '{"name":"boolean","type":["null","boolean"],"default":null},' +
  '{"name":"bytes","type":["null","bytes"],"default":null},' +
  '{"name":"double","type":["null","double"],"default":null},' +
  '{"name":"float","type":["null","float"],"default":null},' +
  '{"name":"int","type":["null","int"],"default":null},' +
  '{"name":"long","type":["null","long"],"default":null},' +
  '{"name":"string","type":["null","string"],"default":null},' +
  '{"name":"array","type":["null",{"type":"array","items":"Anything"}],"default":null},' +
  '{"name":"map","type":["null",{"type":"array","items":{"type":"record","name":"MapEntry","fields":[' +
  '{"name":"key","type":"Anything"},{"name":"value","type":"Anything"}]}}],"default":null}]}';

export const ANYTHING_SCHEMA = parseAvroSchema(ANYTHING_SCHEMA_TEXT) as AvroRecordSchema;

const MAP_ENTRY = ((ANYTHING_SCHEMA.fields[fieldIndex(ANYTHING_SCHEMA, 'map')].schema as AvroSchema & { type: 'union' }).types[1] as AvroSchema & {
  type: 'array';
}).items as AvroRecordSchema;

/** Whether an Avro schema is the Anything record (so the Connect side is schemaless). */
export function isAnythingSchema(schema: AvroSchema): boolean {
  return schema === ANYTHING_SCHEMA || (schema.type === 'record' && schema.fullName === ANYTHING_SCHEMA.fullName);
}

/**
 * A schemaless Connect value as an Anything record. Numbers follow Connect's schema inference:
 * an integer that fits 32 bits is an int, another number a double, a bigint a long. A null inside
 * an array or map is an empty Anything record, since Anything itself cannot be null.
 */
export function anythingFromConnect(value: unknown, _avroSchema: AvroSchema, inContainer: boolean): AvroRecord | null {
  if (value === null || value === undefined) return inContainer ? anything('boolean', null) : null;
  if (typeof value === 'boolean') return anything('boolean', value);
  if (typeof value === 'string') return anything('string', value);
  if (typeof value === 'bigint') return anything('long', value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? anything('int', value) : anything('double', value);
  }
  if (value instanceof Uint8Array) return anything('bytes', Buffer.from(value));
  if (Array.isArray(value)) return anything('array', value.map((element: unknown) => anythingFromConnect(element, ANYTHING_SCHEMA, true)));
  if (isMapLike(value)) {
    const keyIndex = fieldIndex(MAP_ENTRY, 'key');
    const valueIndex = fieldIndex(MAP_ENTRY, 'value');
    const entries = mapEntries(value).map(([key, item]) => {
      const values: unknown[] = [null, null];
      values[keyIndex] = anythingFromConnect(key, ANYTHING_SCHEMA, true);
      values[valueIndex] = anythingFromConnect(item, ANYTHING_SCHEMA, true);
      return new AvroRecord(MAP_ENTRY, values);
    });
    return anything('map', entries);
  }
  throw new DataException(`Unknown Java type for schemaless data: ${describeValue(value)}`);
}

function anything(field: string, value: unknown): AvroRecord {
  const values = new Array<unknown>(ANYTHING_SCHEMA.fields.length).fill(null);
  if (value !== null) values[fieldIndex(ANYTHING_SCHEMA, field)] = value;
  return new AvroRecord(ANYTHING_SCHEMA, values);
}

const READ_ORDER = ['boolean', 'bytes', 'double', 'float', 'int', 'long', 'string', 'array', 'map'];

/** An Anything record back as a schemaless Connect value: the first field set, in AvroData's order. */
export function anythingToConnect(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (!(value instanceof AvroRecord)) throw new DataException('Invalid Avro data for schemaless Connect data');
  for (const field of READ_ORDER) {
    const index = fieldIndex(value.schema, field);
    const item = index < 0 ? null : value.values[index];
    if (item === null || item === undefined) continue;
    if (field === 'array') {
      if (!Array.isArray(item)) throw new DataException(`Expected a Collection for schemaless array field but found a ${describeValue(item)}`);
      return item.map(anythingToConnect);
    }
    if (field === 'map') {
      if (!Array.isArray(item)) throw new DataException(`Expected a List for schemaless map field but found a ${describeValue(item)}`);
      const entries = item.map((entry: unknown): [unknown, unknown] => {
        const record = entry as AvroRecord;
        return [anythingToConnect(record.values[fieldIndex(record.schema, 'key')]), anythingToConnect(record.values[fieldIndex(record.schema, 'value')])];
      });
      return new Map(orderLikeSizedJavaHashMap(entries, null));
    }
    return item;
  }
  return null;
}
