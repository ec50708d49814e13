/**
 * InsertField (org.apache.kafka.connect.transforms.InsertField$Key / $Value): adds the record's
 * topic, partition, offset, timestamp and/or a static string as fields of the key or value.
 *
 * Exports for registration: `descriptors` (InsertField$Key, InsertField$Value); also `InsertField`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance, type ConfigKeyDefinition } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, ConnectTimestamp, DataException, Schema, SchemaBuilder, Struct, type ConnectRecord, type Field, type StructDeriver } from '../src/data/index.js';
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  asJavaHashMap,
  copySchemaBasics,
  copyToMap,
  describeKeyAndValue,
  requireMap,
  requireSinkRecord,
  requireStruct,
  type KeyOrValue,
  type TransformDescriptor,
} from './util/index.js';

const TOPIC_FIELD = 'topic.field';
const PARTITION_FIELD = 'partition.field';
const OFFSET_FIELD = 'offset.field';
const TIMESTAMP_FIELD = 'timestamp.field';
const STATIC_FIELD = 'static.field';
const STATIC_VALUE = 'static.value';

const OPTIONALITY_DOC = 'Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).';

function optionalString(name: string, documentation: string): ConfigKeyDefinition {
  return { name, type: ConfigType.STRING, defaultValue: null, importance: Importance.MEDIUM, documentation };
}

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define(optionalString(TOPIC_FIELD, `Field name for Kafka topic. ${OPTIONALITY_DOC}`))
  .define(optionalString(PARTITION_FIELD, `Field name for Kafka partition. ${OPTIONALITY_DOC}`))
  .define(optionalString(OFFSET_FIELD, `Field name for Kafka offset - only applicable to sink connectors.<br/>${OPTIONALITY_DOC}`))
  .define(optionalString(TIMESTAMP_FIELD, `Field name for record timestamp. ${OPTIONALITY_DOC}`))
  .define(optionalString(STATIC_FIELD, `Field name for static data field. ${OPTIONALITY_DOC}`))
  .define(optionalString(STATIC_VALUE, 'Static field value, if field name configured.'))
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const PURPOSE = 'field insertion';
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();

/** A configured field name; `name!` makes the inserted field required, `name?` (or no suffix) optional. */
interface InsertionSpec {
  readonly name: string;
  readonly optional: boolean;
}

function parseInsertionSpec(spec: string | null): InsertionSpec | null {
  if (spec === null) return null;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

interface Insertions {
  readonly topic: InsertionSpec | null;
  readonly partition: InsertionSpec | null;
  readonly offset: InsertionSpec | null;
  readonly timestamp: InsertionSpec | null;
  readonly staticField: InsertionSpec | null;
  readonly staticValue: string | null;
}

/** The updated schema for an input schema, with its fields resolved once. */
interface UpdatePlan {
  readonly schema: Schema;
  /** The updated Struct, with each input field copied into the updated schema's field of that name. */
  readonly derive: StructDeriver;
  readonly topic: Field | null;
  readonly partition: Field | null;
  readonly offset: Field | null;
  readonly timestamp: Field | null;
  readonly staticField: Field | null;
}

export class InsertField implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #insertions: Insertions | null = null;
  #replaceNullWithDefault = true;
  #schemaUpdateCache = new SchemaCache<UpdatePlan>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    const insertions: Insertions = {
      topic: parseInsertionSpec(config.getString(TOPIC_FIELD)),
      partition: parseInsertionSpec(config.getString(PARTITION_FIELD)),
      offset: parseInsertionSpec(config.getString(OFFSET_FIELD)),
      timestamp: parseInsertionSpec(config.getString(TIMESTAMP_FIELD)),
      staticField: parseInsertionSpec(config.getString(STATIC_FIELD)),
      staticValue: config.getString(STATIC_VALUE),
    };
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    const { topic, partition, offset, timestamp, staticField, staticValue } = insertions;
    if (topic === null && partition === null && offset === null && timestamp === null && staticField === null) {
      throw new ConfigException('No field insertion configured');
    }
    if (staticField !== null && staticValue === null) {
      throw ConfigException.invalidValue(STATIC_VALUE, null, `No value specified for static field: ${staticField.name}`);
    }
    this.#insertions = insertions;
    this.#schemaUpdateCache = new SchemaCache<UpdatePlan>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    if (this.#side.value(record) === null) return record;
    if (this.#side.schema(record) === null) return this.#applySchemaless(record);
    return this.#applyWithSchema(record);
  }

  close(): void {
    this.#schemaUpdateCache.clear();
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const insertions = this.#configured();
    const value = requireMap(this.#side.value(record), PURPOSE);
    const updated = copyToMap(value);
    const partition = record.kafkaPartition();
    const timestamp = record.timestamp();
    if (insertions.topic !== null) updated.set(insertions.topic.name, record.topic());
    if (insertions.partition !== null && partition !== null) updated.set(insertions.partition.name, partition);
    if (insertions.offset !== null) updated.set(insertions.offset.name, requireSinkRecord(record, PURPOSE).kafkaOffset());
    // Schemaless, Kafka inserts the timestamp as a Long of epoch milliseconds.
    if (insertions.timestamp !== null && timestamp !== null) updated.set(insertions.timestamp.name, BigInt(timestamp));
    if (insertions.staticField !== null && insertions.staticValue !== null) updated.set(insertions.staticField.name, insertions.staticValue);
    return this.#side.newRecord(record, null, asJavaHashMap(updated));
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const insertions = this.#configured();
    const value = requireStruct(this.#side.value(record), PURPOSE);
    const plan = this.#schemaUpdateCache.computeIfAbsent(value.schema(), this.#makePlan);
    const updated = plan.derive(value, this.#replaceNullWithDefault);
    const partition = record.kafkaPartition();
    const timestamp = record.timestamp();
    if (plan.topic !== null) updated.put(plan.topic, record.topic());
    if (plan.partition !== null && partition !== null) updated.put(plan.partition, partition);
    if (plan.offset !== null) updated.put(plan.offset, requireSinkRecord(record, PURPOSE).kafkaOffset());
    if (plan.timestamp !== null && timestamp !== null) updated.put(plan.timestamp, new Date(timestamp));
    if (plan.staticField !== null && insertions.staticValue !== null) updated.put(plan.staticField, insertions.staticValue);
    return this.#side.newRecord(record, plan.schema, updated);
  }

  readonly #makePlan = (schema: Schema): UpdatePlan => {
    const insertions = this.#configured();
    const updatedSchema = this.#makeUpdatedSchema(schema);
    const field = (name: string): Field => {
      const found = updatedSchema.field(name);
      if (found === null) throw new DataException(`${name} is not a valid field name`);
      return found;
    };
    const inserted = (spec: InsertionSpec | null): Field | null => (spec === null ? null : field(spec.name));
    return {
      schema: updatedSchema,
      derive: Struct.deriver(
        schema,
        updatedSchema,
        schema.fields().map((from) => [from, field(from.name())] as const),
      ),
      topic: inserted(insertions.topic),
      partition: inserted(insertions.partition),
      offset: inserted(insertions.offset),
      timestamp: inserted(insertions.timestamp),
      staticField: inserted(insertions.staticField),
    };
  };

  #makeUpdatedSchema(schema: Schema): Schema {
    const insertions = this.#configured();
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) builder.field(field.name(), field.schema());
    const add = (spec: InsertionSpec | null, optional: Schema, required: Schema): void => {
      if (spec !== null) builder.field(spec.name, spec.optional ? optional : required);
    };
    add(insertions.topic, Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA);
    add(insertions.partition, Schema.OPTIONAL_INT32_SCHEMA, Schema.INT32_SCHEMA);
    add(insertions.offset, Schema.OPTIONAL_INT64_SCHEMA, Schema.INT64_SCHEMA);
    add(insertions.timestamp, OPTIONAL_TIMESTAMP_SCHEMA, ConnectTimestamp.SCHEMA);
    add(insertions.staticField, Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA);
    return builder.build();
  }

  #configured(): Insertions {
    if (this.#insertions === null) throw new Error('InsertField used before configure()');
    return this.#insertions;
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('InsertField', (side) => new InsertField(side));
