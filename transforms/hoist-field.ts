/**
 * HoistField (org.apache.kafka.connect.transforms.HoistField$Key / $Value): wraps the key or value
 * in a single-field Struct (with a schema) or Map (schemaless).
 *
 * Exports for registration: `descriptors` (HoistField$Key, HoistField$Value); also `HoistField`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, noteFreshValue, SchemaBuilder, Struct, type ConnectRecord, type Field, type Schema } from '../src/data/index.js';
import { SchemaCache, SimpleConfig, describeKeyAndValue, type KeyOrValue, type TransformDescriptor } from './util/index.js';

const FIELD_CONFIG = 'field';

export const CONFIG_DEF: ConfigDef = new ConfigDef().define({
  name: FIELD_CONFIG,
  type: ConfigType.STRING,
  importance: Importance.MEDIUM,
  documentation: 'Field name for the single field that will be created in the resulting Struct or Map.',
});

/** The wrapping schema for an input schema, and its one field. */
interface Hoisted {
  readonly schema: Schema;
  readonly field: Field;
}

export class HoistField implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #fieldName = '';
  #schemaUpdateCache = new SchemaCache<Hoisted>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    this.#fieldName = new SimpleConfig(CONFIG_DEF, props).requireString(FIELD_CONFIG);
    this.#schemaUpdateCache = new SchemaCache<Hoisted>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    const schema = this.#side.schema(record);
    const value = this.#side.value(record);
    if (schema === null) return this.#side.newRecord(record, null, new Map([[this.#fieldName, value]]));
    const hoisted = this.#schemaUpdateCache.computeIfAbsent(schema, this.#hoist);
    return this.#side.newRecord(record, hoisted.schema, noteFreshValue(new Struct(hoisted.schema).put(hoisted.field, value)));
  }

  readonly #hoist = (original: Schema): Hoisted => {
    const updatedSchema = SchemaBuilder.struct().field(this.#fieldName, original).build();
    return { schema: updatedSchema, field: updatedSchema.fields()[0] };
  };

  close(): void {
    this.#schemaUpdateCache.clear();
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('HoistField', (side) => new HoistField(side));
