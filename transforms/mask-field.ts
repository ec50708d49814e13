/**
 * MaskField (org.apache.kafka.connect.transforms.MaskField$Key / $Value): replaces the listed
 * fields with their type's empty value (0, false, "", epoch, [], {}) or a configured replacement.
 *
 * Exports for registration: `descriptors` (MaskField$Key, MaskField$Value); also `MaskField`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance, NonEmptyString } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import {
  CONSUMES_INPUT_RECORD,
  BigDecimal,
  DATE_LOGICAL_NAME,
  DECIMAL_LOGICAL_NAME,
  DataException,
  Schema,
  Struct,
  TIMESTAMP_LOGICAL_NAME,
  TIME_LOGICAL_NAME,
  convertTo,
  isMapLike,
  isSchemalessDouble,
  markSchemalessDouble,
  type ConnectRecord,
  type Field,
  type StructDeriver,
} from '../src/data/index.js';
import {
  JavaHashMapCapacity,
  NonEmptyListValidator,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SimpleConfig,
  describeKeyAndValue,
  fieldValue,
  mapGet,
  orderLikeJavaHashMapOf,
  requireMap,
  requireStruct,
  SchemaCache,
  type KeyOrValue,
  type TransformDescriptor,
  copyForNewValues,
  finishMap,
} from './util/index.js';

const FIELDS_CONFIG = 'fields';
const REPLACEMENT_CONFIG = 'replacement';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: FIELDS_CONFIG,
    type: ConfigType.LIST,
    validator: new NonEmptyListValidator(),
    importance: Importance.HIGH,
    documentation: 'Names of fields to mask.',
  })
  .define({
    name: REPLACEMENT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: null,
    validator: new NonEmptyString(),
    importance: Importance.LOW,
    documentation: "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const PURPOSE = 'mask fields';

/** The Java class a value has in Kafka, which decides how MaskField treats it. */
type JavaClass =
  | 'java.lang.Boolean'
  | 'java.lang.Byte'
  | 'java.lang.Short'
  | 'java.lang.Integer'
  | 'java.lang.Long'
  | 'java.lang.Float'
  | 'java.lang.Double'
  | 'java.lang.String'
  | 'java.math.BigDecimal'
  | 'java.util.Date'
  | 'java.util.ArrayList'
  | 'java.util.HashMap'
  | '[B'
  | 'org.apache.kafka.connect.data.Struct'
  | 'java.lang.Object';

function classFromSchema(schema: Schema): JavaClass {
  switch (schema.name()) {
    case DECIMAL_LOGICAL_NAME:
      return 'java.math.BigDecimal';
    case DATE_LOGICAL_NAME:
    case TIME_LOGICAL_NAME:
    case TIMESTAMP_LOGICAL_NAME:
      return 'java.util.Date';
    default:
      break;
  }
  const byType: Record<ReturnType<Schema['type']>, JavaClass> = {
    INT8: 'java.lang.Byte',
    INT16: 'java.lang.Short',
    INT32: 'java.lang.Integer',
    INT64: 'java.lang.Long',
    FLOAT32: 'java.lang.Float',
    FLOAT64: 'java.lang.Double',
    BOOLEAN: 'java.lang.Boolean',
    STRING: 'java.lang.String',
    BYTES: '[B',
    ARRAY: 'java.util.ArrayList',
    MAP: 'java.util.HashMap',
    STRUCT: 'org.apache.kafka.connect.data.Struct',
  };
  return byType[schema.type()];
}

// Schemaless JS values: an integral number is an Integer unless a JSON reader marked it a Double.
function classFromValue(value: unknown, isDouble: boolean): JavaClass {
  switch (typeof value) {
    case 'boolean':
      return 'java.lang.Boolean';
    case 'string':
      return 'java.lang.String';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      return !isDouble && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Double';
    default:
      break;
  }
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  if (value instanceof Date) return 'java.util.Date';
  if (value instanceof Uint8Array) return '[B';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (isMapLike(value)) return 'java.util.HashMap';
  if (value instanceof Struct) return 'org.apache.kafka.connect.data.Struct';
  return 'java.lang.Object';
}

function emptyValueOf(javaClass: JavaClass): unknown {
  switch (javaClass) {
    case 'java.lang.Boolean':
      return false;
    case 'java.lang.Byte':
    case 'java.lang.Short':
    case 'java.lang.Integer':
    case 'java.lang.Float':
    case 'java.lang.Double':
      return 0;
    case 'java.lang.Long':
      return 0n;
    case 'java.math.BigDecimal':
      return BigDecimal.ZERO;
    case 'java.util.Date':
      return new Date(0);
    case 'java.lang.String':
      return '';
    case 'java.util.ArrayList':
      return [];
    case 'java.util.HashMap':
      return new Map();
    default:
      throw new DataException(`Cannot mask value of type: class ${javaClass}`);
  }
}

/** Values.convertToXxx(null, text), with the message Kafka gives for text that is not a number. */
function convertReplacement(schema: Schema, text: string): unknown {
  try {
    return convertTo(schema, null, text);
  } catch (error) {
    if (error instanceof DataException) throw new DataException(`Unable to convert ${text} (class java.lang.String) to a number`, { cause: error });
    throw error;
  }
}

const REPLACEMENT_PARSERS: Partial<Record<JavaClass, (replacement: string) => unknown>> = {
  'java.lang.Byte': (text) => convertReplacement(Schema.INT8_SCHEMA, text),
  'java.lang.Short': (text) => convertReplacement(Schema.INT16_SCHEMA, text),
  'java.lang.Integer': (text) => convertReplacement(Schema.INT32_SCHEMA, text),
  'java.lang.Long': (text) => convertReplacement(Schema.INT64_SCHEMA, text),
  'java.lang.Float': (text) => convertReplacement(Schema.FLOAT32_SCHEMA, text),
  'java.lang.Double': (text) => convertReplacement(Schema.FLOAT64_SCHEMA, text),
  'java.lang.String': (text) => text,
  'java.math.BigDecimal': (text) => {
    try {
      return BigDecimal.fromString(text);
    } catch (error) {
      throw new DataException(`Unable to convert ${text} (class java.lang.String) to number`, { cause: error });
    }
  },
};

function replacementFor(javaClass: JavaClass, replacement: string): unknown {
  const parse = REPLACEMENT_PARSERS[javaClass];
  if (parse === undefined) throw new DataException(`Cannot mask value of type class ${javaClass} with custom replacement.`);
  return parse(replacement);
}

export class MaskField implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #maskedFields: ReadonlySet<string> = new Set();
  #replacement: string | null = null;
  #replaceNullWithDefault = true;
  #plans = new SchemaCache<MaskPlan>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    const fields = config.requireList(FIELDS_CONFIG);
    // Kafka keeps the fields in a HashSet; schemaless, new fields are added in its iteration order.
    const hashSetCapacity = JavaHashMapCapacity.withInitialCapacity(Math.max(Math.trunc(fields.length / 0.75) + 1, 16));
    const unique = [...new Set(fields)].map((field): [unknown, null] => [field, null]);
    this.#maskedFields = new Set(orderLikeJavaHashMapOf(unique, hashSetCapacity).map(([field]) => String(field)));
    this.#replacement = config.getString(REPLACEMENT_CONFIG);
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.#plans = new SchemaCache<MaskPlan>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    return this.#side.schema(record) === null ? this.#applySchemaless(record) : this.#applyWithSchema(record);
  }

  close(): void {
    this.#plans.clear();
  }

  #masked(value: unknown, javaClass: () => JavaClass): unknown {
    if (value === null) return null;
    return this.#replacement === null ? emptyValueOf(javaClass()) : replacementFor(javaClass(), this.#replacement);
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const value = requireMap(this.#side.value(record), PURPOSE);
    const updated = copyForNewValues(value, this.#maskedFields);
    for (const field of this.#maskedFields) {
      const original = mapGet(value, field);
      const javaClass = classFromValue(original, isSchemalessDouble(value, field, original));
      const masked = this.#masked(original, () => javaClass);
      updated.set(field, masked);
      // A masked Double prints as 0.0 (or 123.0), as Java writes it.
      if (javaClass === 'java.lang.Double' && typeof masked === 'number') markSchemalessDouble(updated, field, masked);
    }
    return this.#side.newRecord(record, null, finishMap(updated));
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const value = requireStruct(this.#side.value(record), PURPOSE);
    const schema = value.schema();
    const plan = this.#plans.computeIfAbsent(schema, this.#makePlan);
    // A plan made for an equal schema object: the output keeps the record's own schema, as Kafka's.
    if (plan.schema !== schema) return this.#side.newRecord(record, this.#side.schema(record), this.#maskFieldByField(value));
    const replaceNullWithDefault = this.#replaceNullWithDefault;
    // Read before deriving: the derived Struct may be `value` itself, rebound (see Struct.deriver).
    const masked = plan.masked;
    const replacements = new Array<unknown>(masked.length);
    for (let i = 0; i < masked.length; i++) replacements[i] = this.#masked(fieldValue(value, masked[i], replaceNullWithDefault), plan.classes[i]);
    const updated = plan.derive(value, replaceNullWithDefault);
    for (let i = 0; i < masked.length; i++) updated.put(masked[i], replacements[i]);
    return this.#side.newRecord(record, this.#side.schema(record), updated);
  }

  /** Kafka's loop: every field of the schema put into a new Struct, masked or as it was. */
  #maskFieldByField(value: Struct): Struct {
    const updated = new Struct(value.schema());
    for (const field of value.schema().fields()) {
      const original = fieldValue(value, field, this.#replaceNullWithDefault);
      updated.put(field, this.#maskedFields.has(field.name()) ? this.#masked(original, () => classFromSchema(field.schema())) : original);
    }
    return updated;
  }

  readonly #makePlan = (schema: Schema): MaskPlan => {
    const fields = schema.fields();
    const masked = fields.filter((field) => this.#maskedFields.has(field.name()));
    const kept = fields.filter((field) => !this.#maskedFields.has(field.name()));
    return {
      schema,
      masked,
      // Resolved when first needed: a field whose type cannot be masked fails only when it has a value.
      classes: masked.map((field) => {
        let javaClass: JavaClass | undefined;
        return () => (javaClass ??= classFromSchema(field.schema()));
      }),
      derive: Struct.deriver(
        schema,
        schema,
        kept.map((field) => [field, field] as const),
        masked.map((field) => [field, field] as const),
      ),
    };
  };
}

/** What masking Structs of one schema needs, worked out once. */
interface MaskPlan {
  readonly schema: Schema;
  /** The masked fields, in schema order. */
  readonly masked: readonly Field[];
  readonly classes: ReadonlyArray<() => JavaClass>;
  /** The output Struct with the unmasked fields copied; the masked ones are put by the caller. */
  readonly derive: StructDeriver;
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('MaskField', (side) => new MaskField(side));
