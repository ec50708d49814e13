/**
 * ValueToKey (org.apache.kafka.connect.transforms.ValueToKey): replaces the key with a Struct or
 * Map of the listed value fields. Tombstones fail, as in Kafka (pair it with RecordIsTombstone).
 *
 * Exports for registration: `descriptors` (ValueToKey); also `ValueToKey`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, DataException, SchemaBuilder, Struct, type ConnectRecord, type Schema } from '../src/data/index.js';
import {
  JavaHashMapCapacity,
  NonEmptyListValidator,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  asJavaHashMap,
  carryDoubleMark,
  describeTransform,
  mapGet,
  requireMap,
  requireStruct,
  type TransformDescriptor,
} from './util/index.js';

const FIELDS_CONFIG = 'fields';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: FIELDS_CONFIG,
    type: ConfigType.LIST,
    validator: new NonEmptyListValidator(),
    importance: Importance.HIGH,
    documentation: 'Field names on the record value to extract as the record key.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const PURPOSE = 'copying fields from value to key';

export class ValueToKey implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  #fields: readonly string[] = [];
  #replaceNullWithDefault = true;
  #valueToKeySchemaCache = new SchemaCache<Schema>();

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#fields = config.requireList(FIELDS_CONFIG);
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.#valueToKeySchemaCache = new SchemaCache<Schema>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    return record.valueSchema() === null ? this.#applySchemaless(record) : this.#applyWithSchema(record);
  }

  close(): void {
    this.#valueToKeySchemaCache.clear();
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const value = requireMap(record.value(), PURPOSE);
    const key = new Map<unknown, unknown>();
    for (const field of this.#fields) {
      const fieldValue = mapGet(value, field);
      key.set(field, fieldValue);
      carryDoubleMark(value, field, key, field, fieldValue);
    }
    const orderedKey = asJavaHashMap(key, JavaHashMapCapacity.withInitialCapacity(this.#fields.length));
    return record.newRecord(record.topic(), record.kafkaPartition(), null, orderedKey, record.valueSchema(), record.value(), record.timestamp());
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const value = requireStruct(record.value(), PURPOSE);
    const keySchema = this.#valueToKeySchemaCache.computeIfAbsent(value.schema(), this.#keySchemaFor);
    const key = new Struct(keySchema);
    for (const field of this.#fields) {
      key.put(field, this.#replaceNullWithDefault ? value.get(field) : value.getWithoutDefault(field));
    }
    return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, value.schema(), value, record.timestamp());
  }

  readonly #keySchemaFor = (valueSchema: Schema): Schema => {
    const builder = SchemaBuilder.struct();
    for (const field of this.#fields) {
      const fromValue = valueSchema.field(field);
      if (fromValue === null) throw new DataException(`Field does not exist: ${field}`);
      builder.field(field, fromValue.schema());
    }
    return builder.build();
  };
}

export const descriptors: TransformDescriptor[] = [describeTransform('ValueToKey', () => new ValueToKey())];
