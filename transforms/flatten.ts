/**
 * Flatten (org.apache.kafka.connect.transforms.Flatten$Key / $Value): nested Structs (or Maps,
 * schemaless) become top-level fields named `parent<delimiter>child`. Arrays and primitives are
 * kept as they are; a field is optional when any ancestor is, and takes ancestors' defaults.
 *
 * Exports for registration: `descriptors` (Flatten$Key, Flatten$Value); also `Flatten`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, DataException, SchemaBuilder, Struct, type ConnectRecord, type Field, type Schema } from '../src/data/index.js';
import {
  SchemaCache,
  SimpleConfig,
  carryDoubleMark,
  copySchemaBasics,
  describeKeyAndValue,
  javaClassName,
  mapEntriesOf,
  requireMap,
  requireStructOrNull,
  schemalessTypeOf,
  type KeyOrValue,
  type SchemalessMap,
  type TransformDescriptor,
} from './util/index.js';

const DELIMITER_CONFIG = 'delimiter';
const DELIMITER_DEFAULT = '.';

export const CONFIG_DEF: ConfigDef = new ConfigDef().define({
  name: DELIMITER_CONFIG,
  type: ConfigType.STRING,
  defaultValue: DELIMITER_DEFAULT,
  importance: Importance.MEDIUM,
  documentation: 'Delimiter to insert between field names from the input record when generating field names for the output record',
});

const PURPOSE = 'flattening';

export class Flatten implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #delimiter = DELIMITER_DEFAULT;
  #plans = new SchemaCache<FlattenPlan>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    this.#delimiter = new SimpleConfig(CONFIG_DEF, props).requireString(DELIMITER_CONFIG);
    this.#plans = new SchemaCache<FlattenPlan>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    if (this.#side.value(record) === null) return record;
    return this.#side.schema(record) === null ? this.#applySchemaless(record) : this.#applyWithSchema(record);
  }

  close(): void {
    this.#plans.clear();
  }

  #fieldName(prefix: string, name: string): string {
    return prefix === '' ? name : prefix + this.#delimiter + name;
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const value = requireMap(this.#side.value(record), PURPOSE);
    // Kafka builds a LinkedHashMap: input order, not hash order.
    const flattened = new Map<unknown, unknown>();
    this.#flattenMap(value, '', flattened);
    return this.#side.newRecord(record, null, flattened);
  }

  #flattenMap(map: SchemalessMap, prefix: string, into: Map<unknown, unknown>): void {
    for (const [key, value] of mapEntriesOf(map)) {
      const fieldName = this.#fieldName(prefix, String(key));
      if (value === null || value === undefined) {
        into.set(fieldName, null);
        continue;
      }
      const type = schemalessTypeOf(value);
      if (type === null) {
        throw new DataException(`Flatten transformation was passed a value of type class ${javaClassName(value)} which is not supported by Connect's data API`);
      }
      switch (type) {
        case 'MAP':
          this.#flattenMap(requireMap(value, PURPOSE), fieldName, into);
          break;
        case 'STRUCT':
          throw new DataException(
            `Flatten transformation does not support class ${javaClassName(value)} for record without schemas (for field ${fieldName}).`,
          );
        default:
          into.set(fieldName, value);
          carryDoubleMark(map, key, into, fieldName, value);
      }
    }
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const value = requireStructOrNull(this.#side.value(record), PURPOSE);
    const schema = this.#side.schema(record);
    if (schema === null) throw new DataException(`Schema required for [${PURPOSE}]`);
    const plan = this.#plans.computeIfAbsent(schema, this.#makePlan);
    if (value === null) return this.#side.newRecord(record, plan.schema, null);
    const updated = new Struct(plan.schema);
    this.#flattenPlanned(value, plan.root, updated);
    return this.#side.newRecord(record, plan.schema, updated);
  }

  readonly #makePlan = (original: Schema): FlattenPlan => {
    const schema = this.#flattenSchema(original);
    const level = (levelSchema: Schema, prefix: string): FlattenLevel => ({
      schema: levelSchema,
      prefix,
      entries: levelSchema.fields().map((field) => {
        const fieldName = this.#fieldName(prefix, field.name());
        return field.schema().type() === 'STRUCT'
          ? { field, target: null, nested: level(field.schema(), fieldName) }
          : { field, target: schema.field(fieldName), nested: null };
      }),
    });
    return { schema, root: level(original, '') };
  };

  /** Adds the flattened fields of `schema`; `optional` if any ancestor is, defaults from the nearest ancestor that has one. */
  #flattenSchema(original: Schema): Schema {
    const builder = copySchemaBasics(original, SchemaBuilder.struct());
    this.#buildUpdatedSchema(original, '', builder, original.isOptional(), asStructOrNull(original.defaultValue()));
    return builder.build();
  }

  /** #flattenStruct with the field names and target fields worked out once per schema. */
  #flattenPlanned(struct: Struct | null, level: FlattenLevel, into: Struct): void {
    if (struct === null) return;
    // A Struct of another schema object than the plan's (an equal one): by name, as Kafka does.
    if (struct.schema() !== level.schema) {
      this.#flattenStruct(struct, level.prefix, into);
      return;
    }
    for (const { field, target, nested } of level.entries) {
      if (nested !== null) this.#flattenPlanned(struct.getStruct(field.name()), nested, into);
      else into.put(target as Field, struct.get(field));
    }
  }

  #buildUpdatedSchema(schema: Schema, prefix: string, newSchema: SchemaBuilder, optional: boolean, defaultFromParent: Struct | null): void {
    for (const field of schema.fields()) {
      const fieldName = this.#fieldName(prefix, field.name());
      const fieldSchema = field.schema();
      const fieldIsOptional = optional || fieldSchema.isOptional();
      const fieldDefault = fieldSchema.defaultValue() ?? (defaultFromParent === null ? null : defaultFromParent.get(field));
      switch (fieldSchema.type()) {
        case 'STRUCT':
          this.#buildUpdatedSchema(fieldSchema, fieldName, newSchema, fieldIsOptional, asStructOrNull(fieldDefault));
          break;
        case 'MAP':
          throw unsupportedWithSchema(fieldSchema, fieldName);
        default:
          newSchema.field(fieldName, convertFieldSchema(fieldSchema, fieldIsOptional, fieldDefault));
      }
    }
  }

  #flattenStruct(struct: Struct | null, prefix: string, into: Struct): void {
    if (struct === null) return;
    for (const field of struct.schema().fields()) {
      const fieldName = this.#fieldName(prefix, field.name());
      switch (field.schema().type()) {
        case 'STRUCT':
          this.#flattenStruct(struct.getStruct(field.name()), fieldName, into);
          break;
        case 'MAP':
          throw unsupportedWithSchema(field.schema(), fieldName);
        default:
          into.put(fieldName, struct.get(field));
      }
    }
  }
}

/** The flattened schema of a record schema, and how to fill it. */
interface FlattenPlan {
  readonly schema: Schema;
  readonly root: FlattenLevel;
}

/** One level of nested Structs: each field either goes to its flattened field or is flattened further. */
interface FlattenLevel {
  readonly schema: Schema;
  readonly prefix: string;
  readonly entries: ReadonlyArray<{ readonly field: Field; readonly target: Field | null; readonly nested: FlattenLevel | null }>;
}

function unsupportedWithSchema(schema: Schema, fieldName: string): DataException {
  return new DataException(`Flatten transformation does not support ${schema.type()} for record with schemas (for field ${fieldName}).`);
}

function asStructOrNull(value: unknown): Struct | null {
  return value instanceof Struct ? value : null;
}

/** The flattened field's schema: the original's type, name, version, doc and parameters, with the inherited optionality and default. */
function convertFieldSchema(original: Schema, optional: boolean, defaultFromParent: unknown): Schema {
  const builder = copySchemaBasics(original);
  if (optional) builder.optional();
  if (defaultFromParent !== null) builder.defaultValue(defaultFromParent);
  return builder.build();
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('Flatten', (side) => new Flatten(side));
