/**
 * Cast (org.apache.kafka.connect.transforms.Cast$Key / $Value): casts fields, or the whole key or
 * value, to a primitive type with Java's casting rules (narrowing wraps, floats truncate, strings
 * parse, bytes become base64 text, Date/Time/Timestamp become their raw number or ISO text).
 *
 * Exports for registration: `descriptors` (Cast$Key, Cast$Value); also `Cast`, `CONFIG_DEF`, `parseCastSpec`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance, LambdaValidator, type ParsedValue } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import {
  CONSUMES_INPUT_RECORD,
  BigDecimal,
  DECIMAL_LOGICAL_NAME,
  DataException,
  SchemaBuilder,
  Struct,
  formatDateValue,
  formatJavaDouble,
  formatJavaFloat,
  isSchemalessDouble,
  markSchemalessDouble,
  unmarkSchemalessDouble,
  type ConnectRecord,
  type Field,
  type Schema,
  type SchemaType,
  type StructDeriver,
} from '../src/data/index.js';
import {
  JavaHashMapCapacity,
  NumberFormatError,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  copySchemaBasics,
  describeKeyAndValue,
  doubleToInt,
  doubleToLong,
  encodeLogicalValue,
  fieldValue,
  javaClassName,
  mapGet,
  orderLikeJavaHashMapOf,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaInteger,
  parseShortJavaInt,
  requireMap,
  requireStruct,
  schemalessTypeOf,
  splitLikeJava,
  type KeyOrValue,
  type TransformDescriptor,
  copyForNewValues,
  finishMap,
} from './util/index.js';

export const SPEC_CONFIG = 'spec';

/** The types Cast produces. */
export type CastTarget = 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64' | 'BOOLEAN' | 'STRING';

const SUPPORTED_INPUT_TYPES: readonly SchemaType[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING', 'BYTES'];
const SUPPORTED_OUTPUT_TYPES: readonly CastTarget[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING'];
const INPUT_TYPES: ReadonlySet<SchemaType> = new Set(SUPPORTED_INPUT_TYPES);
const OUTPUT_TYPES: ReadonlySet<SchemaType> = new Set(SUPPORTED_OUTPUT_TYPES);
const ALL_TYPES: readonly SchemaType[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING', 'BYTES', 'ARRAY', 'MAP', 'STRUCT'];

/** A parsed `spec`: per-field targets, or one target for the whole key/value. */
export interface CastSpec {
  readonly fields: ReadonlyMap<string, CastTarget>;
  readonly wholeValue: CastTarget | null;
}

function parseTargetType(text: string): CastTarget {
  const upper = text.toUpperCase();
  const type = ALL_TYPES.find((t) => t === upper);
  if (type === undefined) {
    // Kafka passes the enum's exception as the ConfigException's "value", hence this odd wording.
    throw new ConfigException(
      `Invalid value java.lang.IllegalArgumentException: No enum constant org.apache.kafka.connect.data.Schema.Type.${upper} for configuration Invalid type found in casting spec: ${text}`,
    );
  }
  const target = SUPPORTED_OUTPUT_TYPES.find((t) => t === type);
  if (target === undefined) {
    throw new ConfigException(`Cast transformation does not support casting to ${type}; supported types are [${SUPPORTED_OUTPUT_TYPES.join(', ')}]`);
  }
  return target;
}

/** Parses `field:type,...` or a single `type` (Kafka's Cast.parseFieldTypes, messages included). */
export function parseCastSpec(mappings: readonly string[]): CastSpec {
  const fields = new Map<string, CastTarget>();
  let wholeValue: CastTarget | null = null;
  for (const mapping of mappings) {
    const parts = splitLikeJava(mapping, ':');
    // Kafka reports a bad mapping under ReplaceField's `renames` key; kept, since it is what users see.
    if (parts.length > 2) throw ConfigException.invalidValue('renames', mappings, `Invalid rename mapping: ${mapping}`);
    if (parts.length === 0) throw ConfigException.invalidValue(SPEC_CONFIG, mappings, `Invalid cast mapping: ${mapping}`);
    if (parts.length === 1) wholeValue = parseTargetType(parts[0].trim());
    else fields.set(parts[0].trim(), parseTargetType(parts[1].trim()));
  }
  if (wholeValue !== null && mappings.length > 1) {
    throw new ConfigException('Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec');
  }
  return { fields, wholeValue };
}

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: SPEC_CONFIG,
    type: ConfigType.LIST,
    validator: LambdaValidator.with(
      (_name, value: ParsedValue) => {
        if (value === null || !Array.isArray(value) || value.length === 0) throw new ConfigException('Must specify at least one field to cast.');
        parseCastSpec(value as readonly string[]);
      },
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    importance: Importance.HIGH,
    documentation:
      'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of ' +
      'Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, ' +
      'int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const PURPOSE = 'cast types';

/** A value as the Java object Cast sees: its Java class decides each rule. */
type JavaValue =
  | { readonly kind: 'integral'; readonly value: bigint; readonly type: 'INT8' | 'INT16' | 'INT32' | 'INT64' }
  | { readonly kind: 'floating'; readonly value: number; readonly type: 'FLOAT32' | 'FLOAT64' }
  | { readonly kind: 'decimal'; readonly value: BigDecimal }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  | { readonly kind: 'date'; readonly value: Date };

function asJavaValue(value: unknown, type: SchemaType): JavaValue {
  if (value instanceof BigDecimal) return { kind: 'decimal', value };
  if (value instanceof Date) return { kind: 'date', value };
  if (value instanceof Uint8Array) return { kind: 'bytes', value };
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean', value };
    case 'string':
      return { kind: 'string', value };
    case 'bigint':
      return { kind: 'integral', value, type: 'INT64' };
    case 'number':
      if (type === 'FLOAT32' || type === 'FLOAT64') return { kind: 'floating', value, type };
      if (type === 'INT8' || type === 'INT16' || type === 'INT32' || type === 'INT64') return { kind: 'integral', value: BigInt(value), type };
      return { kind: 'floating', value, type: 'FLOAT64' };
    default:
      throw new DataException(`Unexpected type in Cast transformation: class ${javaClassName(value)}`);
  }
}

/** Number.longValue() of a Java number. */
function longValueOf(number: JavaValue & { kind: 'integral' | 'floating' | 'decimal' }): bigint {
  if (number.kind === 'integral') return number.value;
  if (number.kind === 'floating') return doubleToLong(number.value);
  return number.value.longValue();
}

/** Number.intValue() of a Java number; byteValue/shortValue narrow this further. */
function intValueOf(number: JavaValue & { kind: 'integral' | 'floating' | 'decimal' }): number {
  if (number.kind === 'integral') return Number(BigInt.asIntN(32, number.value));
  if (number.kind === 'floating') return doubleToInt(number.value);
  return number.value.intValue();
}

function doubleValueOf(number: JavaValue & { kind: 'integral' | 'floating' | 'decimal' }): number {
  if (number.kind === 'integral') return Number(number.value);
  if (number.kind === 'floating') return number.value;
  return number.value.toNumber();
}

function unexpectedType(value: JavaValue): DataException {
  return new DataException(`Unexpected type in Cast transformation: class ${javaClassName(value.value)}`);
}

function castTo(target: CastTarget, value: JavaValue): unknown {
  if (target === 'STRING') return castToString(value);
  switch (value.kind) {
    case 'integral':
    case 'floating':
    case 'decimal':
      switch (target) {
        case 'INT8':
          return (intValueOf(value) << 24) >> 24;
        case 'INT16':
          return (intValueOf(value) << 16) >> 16;
        case 'INT32':
          return intValueOf(value);
        case 'INT64':
          return longValueOf(value);
        case 'FLOAT32':
          return Math.fround(doubleValueOf(value));
        case 'FLOAT64':
          return doubleValueOf(value);
        case 'BOOLEAN':
          return longValueOf(value) !== 0n;
      }
      break;
    case 'boolean': {
      const one = value.value ? 1 : 0;
      return target === 'INT64' ? BigInt(one) : target === 'BOOLEAN' ? value.value : one;
    }
    case 'string':
      switch (target) {
        case 'INT8':
          return parseJavaInt(value.value, 8);
        case 'INT16':
          return parseJavaInt(value.value, 16);
        case 'INT32':
          return parseJavaInt(value.value, 32);
        case 'INT64':
          return parseJavaInteger(value.value, 64);
        case 'FLOAT32':
          return parseJavaFloat(value.value);
        case 'FLOAT64':
          return parseJavaDouble(value.value);
        case 'BOOLEAN':
          return value.value.toLowerCase() === 'true';
      }
      break;
    default:
      break;
  }
  throw unexpectedType(value);
}

function isInt32(value: number): boolean {
  return (value | 0) === value;
}

/** castTo for a Byte, Short or Integer value, without going through a Java Long. */
function castInt32To(target: CastTarget, int32: number): unknown {
  const value = int32 | 0; // -0 is the integer 0
  switch (target) {
    case 'INT8':
      return (value << 24) >> 24;
    case 'INT16':
      return (value << 16) >> 16;
    case 'INT32':
      return value;
    case 'INT64':
      return BigInt(value);
    case 'FLOAT32':
      return Math.fround(value);
    case 'FLOAT64':
      return value;
    case 'BOOLEAN':
      return value !== 0;
    case 'STRING':
      return String(value);
  }
}

function castToString(value: JavaValue): string {
  switch (value.kind) {
    case 'date':
      return formatDateValue(value.value);
    case 'bytes':
      return Buffer.from(value.value.buffer, value.value.byteOffset, value.value.byteLength).toString('base64');
    case 'integral':
      return value.value.toString();
    case 'floating':
      return value.type === 'FLOAT32' ? formatJavaFloat(value.value) : formatJavaDouble(value.value);
    case 'decimal':
      return value.value.toString();
    case 'boolean':
      return String(value.value);
    case 'string':
      return value.value;
  }
}

/**
 * Kafka's castValueToType. `schema` null means schemaless (the type then comes from the JS value,
 * `isDouble` telling a JSON-read Double from an integer).
 */
function castValueToType(schema: Schema | null, value: unknown, target: SchemaType, isDouble = false): unknown {
  if (value === null) return null;
  const inferredType = schema === null ? schemalessTypeOf(value, isDouble) : schema.type();
  if (inferredType === null) {
    throw new DataException(`Cast transformation was passed a value of type class ${javaClassName(value)} which is not supported by Connect's data API`);
  }
  if (!INPUT_TYPES.has(inferredType)) {
    throw new DataException(`Cast transformation does not support casting from ${inferredType}; supported types are [${SUPPORTED_INPUT_TYPES.join(', ')}]`);
  }
  // Date/Time/Timestamp cast from their raw int/long; Decimal stays a BigDecimal, which Java treats as a Number.
  const name = schema === null ? null : schema.name();
  const encoded = schema !== null && name !== null && name !== DECIMAL_LOGICAL_NAME && target !== 'STRING' ? encodeLogicalValue(schema, value) : value;
  const encodedType = encoded === value ? inferredType : schemalessTypeOf(encoded) ?? inferredType;
  if (!OUTPUT_TYPES.has(target)) throw new DataException(`${target} is not supported in the Cast transformation.`);
  const castTarget = target as CastTarget;
  try {
    // The common casts, without the Java-object detour of castTo.
    if (typeof encoded === 'string' && (castTarget === 'INT32' || castTarget === 'INT16' || castTarget === 'INT8')) {
      return parseJavaInt(encoded, castTarget === 'INT32' ? 32 : castTarget === 'INT16' ? 16 : 8);
    }
    if (typeof encoded === 'number' && (encodedType === 'INT8' || encodedType === 'INT16' || encodedType === 'INT32') && isInt32(encoded)) {
      return castInt32To(castTarget, encoded);
    }
    return castTo(castTarget, asJavaValue(encoded, encodedType));
  } catch (error) {
    if (error instanceof NumberFormatError) {
      throw new DataException(`Value (${String(encoded)}) was out of range for requested data type`, { cause: error });
    }
    throw error;
  }
}

function builderFor(type: CastTarget): SchemaBuilder {
  return SchemaBuilder.type(type);
}

/** The cast schema of an input schema: the fields copied as they are, then the fields cast. */
interface CastPlan {
  readonly schema: Schema;
  /** The cast Struct with the uncast fields copied (null for a whole-value cast). */
  readonly derive: StructDeriver | null;
  readonly casts: readonly CastStep[];
}

/** One field cast. */
interface CastStep {
  readonly field: Field;
  readonly to: Field;
  readonly caster: Caster;
}

type Caster = (value: unknown) => unknown;

/** castValueToType(schema, ·, target) for the values of one field, the common case decided once. */
function casterFor(schema: Schema, target: CastTarget): Caster {
  if (schema.name() === null && schema.type() === 'STRING' && (target === 'INT32' || target === 'INT16' || target === 'INT8')) {
    const bits = target === 'INT32' ? 32 : target === 'INT16' ? 16 : 8;
    return (value) => (typeof value === 'string' ? parseShortJavaInt(value, bits) : undefined) ?? castValueToType(schema, value, target);
  }
  return (value) => castValueToType(schema, value, target);
}

export class Cast implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #spec: CastSpec = { fields: new Map(), wholeValue: null };
  // Kafka's HashMap of casts: schemaless, missing fields are added in its iteration order.
  #fieldsInJavaOrder: ReadonlyArray<[string, CastTarget]> = [];
  #replaceNullWithDefault = true;
  #schemaUpdateCache = new SchemaCache<CastPlan>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#spec = parseCastSpec(config.requireList(SPEC_CONFIG));
    this.#fieldsInJavaOrder = orderLikeJavaHashMapOf([...this.#spec.fields], JavaHashMapCapacity.DEFAULT).map(([field, target]) => [String(field), target]);
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.#schemaUpdateCache = new SchemaCache<CastPlan>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    if (this.#side.value(record) === null) return record;
    return this.#side.schema(record) === null ? this.#applySchemaless(record) : this.#applyWithSchema(record);
  }

  close(): void {
    this.#schemaUpdateCache.clear();
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const whole = this.#spec.wholeValue;
    if (whole !== null) return this.#side.newRecord(record, null, castValueToType(null, this.#side.value(record), whole));
    const value = requireMap(this.#side.value(record), PURPOSE);
    const updated = copyForNewValues(value, this.#spec.fields.keys());
    for (const [field, target] of this.#fieldsInJavaOrder) {
      const original = mapGet(value, field);
      const cast = castValueToType(null, original, target, isSchemalessDouble(value, field, original));
      updated.set(field, cast);
      // Java holds the result as a Float/Double, which a JSON writer prints with a fraction; any
      // other result is not one, whatever the field held before (20.0 cast to int32 prints 20).
      if ((target === 'FLOAT32' || target === 'FLOAT64') && typeof cast === 'number') markSchemalessDouble(updated, field, cast);
      else unmarkSchemalessDouble(updated, field);
    }
    return this.#side.newRecord(record, null, finishMap(updated));
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const valueSchema = this.#side.schema(record);
    if (valueSchema === null) throw new DataException('Schema required for [cast types]');
    const plan = this.#schemaUpdateCache.computeIfAbsent(valueSchema, this.#makePlan);
    const updatedSchema = plan.schema;
    const whole = this.#spec.wholeValue;
    if (whole !== null) return this.#side.newRecord(record, updatedSchema, castValueToType(valueSchema, this.#side.value(record), whole));
    const value = requireStruct(this.#side.value(record), PURPOSE);
    if (value.schema() === valueSchema && plan.derive !== null) {
      // The plan's fields line up with the struct's (its schema equals valueSchema). The deriver
      // leaves the cast fields alone, so they can still be read from `value` even when it is
      // `updated` itself (a Struct rebound in place).
      const withDefault = this.#replaceNullWithDefault;
      const updated = plan.derive(value, withDefault);
      for (const step of plan.casts) updated.put(step.to, step.caster(fieldValue(value, step.field, withDefault)));
      return this.#side.newRecord(record, updatedSchema, updated);
    }
    const updated = new Struct(updatedSchema);
    for (const field of value.schema().fields()) {
      const original = fieldValue(value, field, this.#replaceNullWithDefault);
      const target = this.#spec.fields.get(field.name());
      const updatedField = updatedSchema.field(field.name());
      if (updatedField === null) throw new DataException(`${field.name()} is not a valid field name`);
      updated.put(updatedField, target === undefined ? original : castValueToType(field.schema(), original, target));
    }
    return this.#side.newRecord(record, updatedSchema, updated);
  }

  readonly #makePlan = (valueSchema: Schema): CastPlan => {
    const schema = this.#buildSchema(valueSchema);
    if (this.#spec.wholeValue !== null || schema.type() !== 'STRUCT') return { schema, derive: null, casts: [] };
    const copies: Array<readonly [Field, Field]> = [];
    const casts: CastStep[] = [];
    for (const field of valueSchema.fields()) {
      const to = schema.field(field.name());
      if (to === null) throw new DataException(`${field.name()} is not a valid field name`);
      const target = this.#spec.fields.get(field.name());
      if (target === undefined) copies.push([field, to]);
      else casts.push({ field, to, caster: casterFor(field.schema(), target) });
    }
    const derive = Struct.deriver(
      valueSchema,
      schema,
      copies,
      casts.map((step) => [step.field, step.to] as const),
    );
    return { schema, derive, casts };
  };

  #buildSchema(valueSchema: Schema): Schema {
    const whole = this.#spec.wholeValue;
    let builder: SchemaBuilder;
    if (whole !== null) {
      // As Kafka, the whole-value schema keeps the original's name, version, doc and parameters.
      builder = copySchemaBasics(valueSchema, builderFor(whole));
    } else {
      builder = copySchemaBasics(valueSchema, SchemaBuilder.struct());
      for (const field of valueSchema.fields()) {
        const target = this.#spec.fields.get(field.name());
        if (target === undefined) {
          builder.field(field.name(), field.schema());
          continue;
        }
        const fieldBuilder = builderFor(target);
        if (field.schema().isOptional()) fieldBuilder.optional();
        const fieldDefault = field.schema().defaultValue();
        if (fieldDefault !== null) fieldBuilder.defaultValue(castValueToType(field.schema(), fieldDefault, target));
        builder.field(field.name(), fieldBuilder.build());
      }
    }
    if (valueSchema.isOptional()) builder.optional();
    const defaultValue = valueSchema.defaultValue();
    // Like Kafka, a struct with a default fails here: structs are not a cast input.
    if (defaultValue !== null) builder.defaultValue(castValueToType(valueSchema, defaultValue, builder.type()));
    return builder.build();
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('Cast', (side) => new Cast(side));
