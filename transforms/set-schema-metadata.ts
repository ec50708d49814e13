/**
 * SetSchemaMetadata (org.apache.kafka.connect.transforms.SetSchemaMetadata$Key / $Value): sets the
 * name and/or version of the key or value schema; Struct values are re-created on the new schema.
 *
 * Exports for registration: `descriptors` (SetSchemaMetadata$Key, SetSchemaMetadata$Value); also `SetSchemaMetadata`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, ConnectSchema, Struct, type ConnectRecord, type Schema, type StructFieldCopier } from '../src/data/index.js';
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  describeKeyAndValue,
  encodeLogicalValue,
  isLogicalSchema,
  requireSchema,
  type KeyOrValue,
  type TransformDescriptor,
} from './util/index.js';

const SCHEMA_NAME = 'schema.name';
const SCHEMA_VERSION = 'schema.version';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({ name: SCHEMA_NAME, type: ConfigType.STRING, defaultValue: null, importance: Importance.HIGH, documentation: 'Schema name to set.' })
  .define({ name: SCHEMA_VERSION, type: ConfigType.INT, defaultValue: null, importance: Importance.HIGH, documentation: 'Schema version to set.' })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

/** The new schema for an input schema, and the copier of Struct values onto it. */
interface Update {
  readonly schema: Schema;
  readonly copy: StructFieldCopier | undefined;
}

export class SetSchemaMetadata implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #schemaName: string | null = null;
  #schemaVersion: number | null = null;
  #replaceNullWithDefault = true;
  // Kafka builds the new schema for every record; one per input schema gives equal schemas.
  #schemaUpdateCache = new SchemaCache<Update>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#schemaName = config.getString(SCHEMA_NAME);
    this.#schemaVersion = config.getInt(SCHEMA_VERSION);
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    if (this.#schemaName === null && this.#schemaVersion === null) throw new ConfigException('Neither schema name nor version configured');
    this.#schemaUpdateCache = new SchemaCache<Update>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    const value = this.#side.value(record);
    const original = this.#side.schema(record);
    if (value === null && original === null) return record;
    const schema = requireSchema(original, 'updating schema metadata');
    const update = this.#schemaUpdateCache.computeIfAbsent(schema, this.#makeUpdate);
    return this.#side.newRecord(record, update.schema, this.updateSchemaIn(value, schema, update.schema, update.copy));
  }

  close(): void {
    this.#schemaUpdateCache.clear();
  }

  readonly #makeUpdate = (schema: Schema): Update => {
    const type = schema.type();
    const updatedSchema = new ConnectSchema({
      type,
      optional: schema.isOptional(),
      defaultValue: schema.defaultValue(),
      name: this.#schemaName ?? schema.name(),
      version: this.#schemaVersion ?? schema.version(),
      doc: schema.doc(),
      parameters: schema.parameters(),
      // Kafka (through 3.9) asks every schema for its fields and so fails on non-struct schemas
      // (KAFKA-17029); like the proposed fix, only structs carry fields.
      fields: type === 'STRUCT' ? schema.fields() : null,
      keySchema: type === 'MAP' ? schema.keySchema() : null,
      valueSchema: type === 'MAP' || type === 'ARRAY' ? schema.valueSchema() : null,
    });
    // The updated schema has the very fields of the input schema.
    const copy = type === 'STRUCT' ? Struct.fieldCopier(schema, schema.fields().map((field) => [field, field] as const)) : undefined;
    return { schema: updatedSchema, copy };
  };

  /**
   * The value re-pointed at `updatedSchema`: a Struct is copied onto it (same fields). A renamed
   * logical type (Decimal, Date, Time, Timestamp) is no longer logical, so its value takes the
   * physical form the renamed schema describes.
   */
  updateSchemaIn(value: unknown, originalSchema: Schema, updatedSchema: Schema, copy?: StructFieldCopier): unknown {
    if (value instanceof Struct) {
      const updated = new Struct(updatedSchema);
      if (copy !== undefined) copy(value, updated, this.#replaceNullWithDefault);
      else for (const field of updatedSchema.fields()) updated.copyFrom(value, field, field, this.#replaceNullWithDefault);
      return updated;
    }
    if (isLogicalSchema(originalSchema) && updatedSchema.name() !== originalSchema.name()) return encodeLogicalValue(originalSchema, value);
    return value;
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('SetSchemaMetadata', (side) => new SetSchemaMetadata(side));
