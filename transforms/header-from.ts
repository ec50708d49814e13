/**
 * HeaderFrom (org.apache.kafka.connect.transforms.HeaderFrom$Key / $Value): copies or moves fields
 * of the key or value into headers; `fields[i]` goes to header `headers[i]`, with the field's
 * schema (or none, schemaless).
 *
 * Exports for registration: `descriptors` (HeaderFrom$Key, HeaderFrom$Value); also `HeaderFrom`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance, ValidString } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, DataException, SchemaBuilder, Struct, type ConnectHeaders, type ConnectRecord, type Schema } from '../src/data/index.js';
import {
  NonEmptyListValidator,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  asJavaHashMap,
  copySchemaBasics,
  copyToMap,
  describeKeyAndValue,
  fieldValue,
  mapGet,
  requireMap,
  requireStruct,
  type KeyOrValue,
  type TransformDescriptor,
} from './util/index.js';

export const FIELDS_CONFIG = 'fields';
export const HEADERS_CONFIG = 'headers';
export const OPERATION_CONFIG = 'operation';

type Operation = 'move' | 'copy';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: FIELDS_CONFIG,
    type: ConfigType.LIST,
    validator: new NonEmptyListValidator(),
    importance: Importance.HIGH,
    documentation: 'Field names in the record whose values are to be copied or moved to headers.',
  })
  .define({
    name: HEADERS_CONFIG,
    type: ConfigType.LIST,
    validator: new NonEmptyListValidator(),
    importance: Importance.HIGH,
    documentation: 'Header names, in the same order as the field names listed in the fields configuration property.',
  })
  .define({
    name: OPERATION_CONFIG,
    type: ConfigType.STRING,
    validator: ValidString.in('move', 'copy'),
    importance: Importance.HIGH,
    documentation:
      'Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), ' +
      'or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

export class HeaderFrom implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  readonly #moveSchemaCache = new SchemaCache<Schema>();
  #fields: readonly string[] = [];
  #headers: readonly string[] = [];
  #operation: Operation = 'copy';
  #replaceNullWithDefault = true;

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    const fields = config.requireList(FIELDS_CONFIG);
    const headers = config.requireList(HEADERS_CONFIG);
    if (headers.length !== fields.length) {
      throw new ConfigException(`'${FIELDS_CONFIG}' config must have the same number of elements as '${HEADERS_CONFIG}' config.`);
    }
    this.#fields = fields;
    this.#headers = headers;
    this.#operation = config.requireString(OPERATION_CONFIG) as Operation;
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.#moveSchemaCache.clear();
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const schema = this.#side.schema(record);
    const value = this.#side.value(record);
    return schema === null ? this.#applySchemaless(record, value) : this.#applyWithSchema(record, value, schema);
  }

  close(): void {}

  #applyWithSchema<R extends ConnectRecord<R>>(record: R, operatingValue: unknown, schema: Schema): R {
    const headers = record.headers().duplicate();
    const value = requireStruct(operatingValue, `header ${this.#operation}`);
    let updatedSchema = schema;
    let updatedValue = value;
    if (this.#operation === 'move') {
      updatedSchema = this.#moveSchemaCache.computeIfAbsent(schema, this.#moveSchema);
      updatedValue = new Struct(updatedSchema);
      for (const field of updatedSchema.fields()) updatedValue.put(field, this.#fieldValue(value, field.name()));
    }
    this.#fields.forEach((fieldName, i) => {
      const field = schema.field(fieldName);
      // Kafka fails with a NullPointerException here; name the field instead.
      if (field === null) throw new DataException(`Unknown field: ${fieldName}`);
      const fieldValue = value.schema().field(fieldName) !== null ? this.#fieldValue(value, fieldName) : null;
      headers.add(this.#headers[i], fieldValue, field.schema());
    });
    return this.#newRecord(record, updatedSchema, updatedValue, headers);
  }

  // As Kafka: the copy keeps name, version, doc and parameters, not optionality or the default.
  readonly #moveSchema = (schema: Schema): Schema => {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) if (!this.#fields.includes(field.name())) builder.field(field.name(), field.schema());
    return builder.build();
  };

  #fieldValue(value: Struct, fieldName: string): unknown {
    const field = value.schema().field(fieldName);
    return field === null ? null : fieldValue(value, field, this.#replaceNullWithDefault);
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R, operatingValue: unknown): R {
    const headers = record.headers().duplicate();
    const value = requireMap(operatingValue, `header ${this.#operation}`);
    const updated = copyToMap(value);
    this.#fields.forEach((fieldName, i) => {
      if (this.#operation === 'move') updated.delete(fieldName);
      headers.add(this.#headers[i], mapGet(value, fieldName), null);
    });
    return this.#newRecord(record, null, asJavaHashMap(updated), headers);
  }

  #newRecord<R extends ConnectRecord<R>>(record: R, schema: Schema | null, value: unknown, headers: ConnectHeaders): R {
    const keyChanged = this.#side.suffix === 'Key';
    return record.newRecord(
      record.topic(),
      record.kafkaPartition(),
      keyChanged ? schema : record.keySchema(),
      keyChanged ? value : record.key(),
      keyChanged ? record.valueSchema() : schema,
      keyChanged ? record.value() : value,
      record.timestamp(),
      headers,
    );
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('HeaderFrom', (side) => new HeaderFrom(side));
