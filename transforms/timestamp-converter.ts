/**
 * TimestampConverter (org.apache.kafka.connect.transforms.TimestampConverter$Key / $Value):
 * converts the key or value, or one field of it, between Unix epoch numbers, formatted strings
 * (SimpleDateFormat, UTC) and the Date, Time and Timestamp logical types.
 *
 * Exports for registration: `descriptors` (TimestampConverter$Key, TimestampConverter$Value); also `TimestampConverter`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance, ValidString } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import {
  CONSUMES_INPUT_RECORD,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  DATE_LOGICAL_NAME,
  MILLIS_PER_DAY,
  Schema,
  SchemaBuilder,
  Struct,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  unmarkSchemalessDouble,
  type ConnectRecord,
  type Field,
  type StructDeriver,
} from '../src/data/index.js';
import { ConnectError } from '../src/runtime/errors.js';
import { DatePatternException, ParseException, SimpleDateFormat } from './simple-date-format.js';
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  copySchemaBasics,
  describeKeyAndValue,
  fieldValue,
  javaClassName,
  mapGet,
  requireMap,
  requireStructOrNull,
  type KeyOrValue,
  type TransformDescriptor,
  copyForNewValues,
  finishMap,
} from './util/index.js';

export const FIELD_CONFIG = 'field';
export const TARGET_TYPE_CONFIG = 'target.type';
export const FORMAT_CONFIG = 'format';
export const UNIX_PRECISION_CONFIG = 'unix.precision';

const PURPOSE = 'converting timestamp formats';

export type TimestampType = 'string' | 'unix' | 'Date' | 'Time' | 'Timestamp';
const TIMESTAMP_TYPES: readonly TimestampType[] = ['string', 'unix', 'Date', 'Time', 'Timestamp'];

type UnixPrecision = 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds';
const UNIX_PRECISIONS: readonly UnixPrecision[] = ['nanoseconds', 'microseconds', 'milliseconds', 'seconds'];

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: FIELD_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.HIGH,
    documentation: 'The field containing the timestamp, or empty if the entire value is a timestamp',
  })
  .define({
    name: TARGET_TYPE_CONFIG,
    type: ConfigType.STRING,
    validator: ValidString.in(...TIMESTAMP_TYPES),
    importance: Importance.HIGH,
    documentation: 'The desired timestamp representation: string, unix, Date, Time, or Timestamp',
  })
  .define({
    name: FORMAT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.',
  })
  .define({
    name: UNIX_PRECISION_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'milliseconds',
    validator: ValidString.in(...UNIX_PRECISIONS),
    importance: Importance.LOW,
    documentation:
      'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. ' +
      'Used to generate the output when type=unix or used to parse the input if the input is a Long.' +
      'Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const OPTIONAL_DATE_SCHEMA = ConnectDate.builder().optional().build();
const OPTIONAL_TIME_SCHEMA = ConnectTime.builder().optional().build();
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** TimeUnit conversions saturate at Long's range instead of overflowing. */
function saturate(value: bigint): bigint {
  return value > LONG_MAX ? LONG_MAX : value < LONG_MIN ? LONG_MIN : value;
}

/** A JS value Kafka would see as a java.lang.Long. */
function asLong(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && javaClassName(value) === 'java.lang.Long') return BigInt(value);
  return null;
}

/** One representation of a timestamp: how to read it into a Date, its schema, how to write it. */
interface Translator {
  toRaw(value: unknown): Date;
  typeSchema(optional: boolean): Schema;
  toType(date: Date): unknown;
}

function requireDate(value: unknown, what: string): Date {
  if (!(value instanceof Date)) throw new DataException(`Expected ${what} to be a java.util.Date, but found class ${javaClassName(value)}`);
  return value;
}

function translators(format: SimpleDateFormat | null, precision: UnixPrecision): Record<TimestampType, Translator> {
  return {
    string: {
      toRaw(value) {
        if (typeof value !== 'string') throw new DataException(`Expected string timestamp to be a String, but found class ${javaClassName(value)}`);
        // Kafka fails with a NullPointerException here; say what is missing instead.
        if (format === null) throw new DataException(`TimestampConverter requires the ${FORMAT_CONFIG} option to parse string timestamps`);
        try {
          return format.parse(value);
        } catch (error) {
          if (!(error instanceof ParseException)) throw error;
          throw new DataException(`Could not parse timestamp: value (${value}) does not match pattern (${format.toPattern()})`, { cause: error });
        }
      },
      typeSchema: (optional) => (optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA),
      toType: (date) => (format as SimpleDateFormat).format(date),
    },
    unix: {
      toRaw(value) {
        const unix = asLong(value);
        if (unix === null) throw new DataException(`Expected Unix timestamp to be a Long, but found class ${javaClassName(value)}`);
        const millis =
          precision === 'seconds'
            ? saturate(unix * 1000n)
            : precision === 'microseconds'
              ? unix / 1000n
              : precision === 'nanoseconds'
                ? unix / 1_000_000n
                : unix;
        return ConnectTimestamp.toLogical(ConnectTimestamp.SCHEMA, millis);
      },
      typeSchema: (optional) => (optional ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA),
      toType(date) {
        const millis = ConnectTimestamp.fromLogical(ConnectTimestamp.SCHEMA, date);
        if (precision === 'seconds') return millis / 1000n;
        if (precision === 'microseconds') return saturate(millis * 1000n);
        if (precision === 'nanoseconds') return saturate(millis * 1_000_000n);
        return millis;
      },
    },
    Date: {
      // Connect Dates are a subset of java.util.Date values, so they are already raw.
      toRaw: (value) => requireDate(value, 'Date'),
      typeSchema: (optional) => (optional ? OPTIONAL_DATE_SCHEMA : ConnectDate.SCHEMA),
      toType: (date) => new Date(Math.floor(date.getTime() / MILLIS_PER_DAY) * MILLIS_PER_DAY),
    },
    Time: {
      toRaw: (value) => requireDate(value, 'Time'),
      typeSchema: (optional) => (optional ? OPTIONAL_TIME_SCHEMA : ConnectTime.SCHEMA),
      toType: (date) => new Date(((date.getTime() % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY),
    },
    Timestamp: {
      toRaw: (value) => requireDate(value, 'Timestamp'),
      typeSchema: (optional) => (optional ? OPTIONAL_TIMESTAMP_SCHEMA : ConnectTimestamp.SCHEMA),
      toType: (date) => date,
    },
  };
}

/** The representation a schema stands for (logical type, else STRING or INT64). */
function timestampTypeFromSchema(schema: Schema): TimestampType {
  switch (schema.name()) {
    case TIMESTAMP_LOGICAL_NAME:
      return 'Timestamp';
    case DATE_LOGICAL_NAME:
      return 'Date';
    case TIME_LOGICAL_NAME:
      return 'Time';
    default:
      break;
  }
  if (schema.type() === 'STRING') return 'string';
  if (schema.type() === 'INT64') return 'unix';
  throw new ConnectError(`Schema ${schema.toString()} does not correspond to a known timestamp type format`);
}

/** The representation of a schemaless value; Date, Time and Timestamp all read as Timestamp. */
function inferTimestampType(value: unknown): TimestampType {
  if (value instanceof Date) return 'Timestamp';
  if (asLong(value) !== null) return 'unix';
  if (typeof value === 'string') return 'string';
  throw new DataException(`TimestampConverter does not support class ${javaClassName(value)} objects as timestamps`);
}

// Java's String.trim().isEmpty().
function isBlank(text: string | null): boolean {
  return text === null || text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '') === '';
}

export class TimestampConverter implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  readonly #plans = new SchemaCache<ConvertPlan>();
  #field = '';
  #targetType: TimestampType = 'Timestamp';
  #translators: Record<TimestampType, Translator> = translators(null, 'milliseconds');
  #replaceNullWithDefault = true;

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#field = config.requireString(FIELD_CONFIG);
    this.#targetType = config.requireString(TARGET_TYPE_CONFIG) as TimestampType;
    const pattern = config.getString(FORMAT_CONFIG);
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    if (this.#targetType === 'string' && isBlank(pattern)) {
      throw new ConfigException('TimestampConverter requires format option to be specified when using string timestamps');
    }
    let format: SimpleDateFormat | null = null;
    if (!isBlank(pattern)) {
      try {
        format = new SimpleDateFormat(pattern as string);
      } catch (error) {
        if (!(error instanceof DatePatternException)) throw error;
        // Kafka passes the exception as ConfigException's (name, value) pair; its message reads so.
        throw new ConfigException(
          `Invalid value java.lang.IllegalArgumentException: ${error.message} for configuration ` +
            `TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${pattern}`,
          { cause: error },
        );
      }
    }
    this.#translators = translators(format, config.requireString(UNIX_PRECISION_CONFIG) as UnixPrecision);
    this.#plans.clear();
  }

  apply<R extends ConnectRecord<R>>(record: R): R {
    const schema = this.#side.schema(record);
    return schema === null ? this.#applySchemaless(record) : this.#applyWithSchema(record, schema);
  }

  close(): void {}

  #applyWithSchema<R extends ConnectRecord<R>>(record: R, schema: Schema): R {
    if (this.#field === '') {
      const updatedSchema = this.#translators[this.#targetType].typeSchema(schema.isOptional());
      return this.#side.newRecord(record, updatedSchema, this.#convert(this.#side.value(record), timestampTypeFromSchema(schema)));
    }
    const value = requireStructOrNull(this.#side.value(record), PURPOSE);
    const plan = this.#plans.computeIfAbsent(schema, this.#makePlan);
    // A value of another (equal) schema object is converted field by field, as Kafka's loop does.
    if (value === null || value.schema() !== plan.source) return this.#side.newRecord(record, plan.schema, this.#convertStruct(value, plan.schema));
    const replaceNullWithDefault = this.#replaceNullWithDefault;
    // Converted before deriving: the derived Struct may be `value` itself, rebound (see Struct.deriver).
    const converted = plan.from === null ? null : this.#convert(fieldValue(value, plan.from, replaceNullWithDefault), timestampTypeFromSchema(plan.from.schema()));
    const updated = plan.derive(value, replaceNullWithDefault);
    if (plan.to !== null) updated.put(plan.to, converted);
    return this.#side.newRecord(record, plan.schema, updated);
  }

  readonly #makePlan = (schema: Schema): ConvertPlan => {
    const updatedSchema = this.#convertSchema(schema);
    const target = (field: Field): Field => updatedSchema.field(field.name()) as Field;
    const from = schema.field(this.#field);
    const kept = schema.fields().filter((field) => field !== from);
    return {
      source: schema,
      schema: updatedSchema,
      from,
      to: from === null ? null : target(from),
      derive: Struct.deriver(
        schema,
        updatedSchema,
        kept.map((field) => [field, target(field)] as const),
        from === null ? [] : [[from, target(from)] as const],
      ),
    };
  };

  readonly #convertSchema = (schema: Schema): Schema => {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) {
      const fieldSchema = field.name() === this.#field ? this.#translators[this.#targetType].typeSchema(field.schema().isOptional()) : field.schema();
      builder.field(field.name(), fieldSchema);
    }
    if (schema.isOptional()) builder.optional();
    const defaultValue = schema.defaultValue();
    if (defaultValue !== null) builder.defaultValue(this.#convertStruct(defaultValue as Struct, builder));
    return builder.build();
  };

  #convertStruct(value: Struct | null, updatedSchema: Schema): Struct | null {
    if (value === null) return null;
    const updated = new Struct(updatedSchema);
    for (const field of value.schema().fields()) {
      const original = fieldValue(value, field, this.#replaceNullWithDefault);
      updated.put(field.name(), field.name() === this.#field ? this.#convert(original, timestampTypeFromSchema(field.schema())) : original);
    }
    return updated;
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const raw = this.#side.value(record);
    if (raw === null || this.#field === '') return this.#side.newRecord(record, null, this.#convert(raw, null));
    const value = requireMap(raw, PURPOSE);
    const converted = this.#convert(mapGet(value, this.#field), null);
    const updated = copyForNewValues(value, [this.#field]);
    updated.set(this.#field, converted);
    unmarkSchemalessDouble(updated, this.#field);
    return this.#side.newRecord(record, null, finishMap(updated));
  }

  /** Through a Date: read as `sourceType` (inferred from the value when null), write as the target type. */
  #convert(value: unknown, sourceType: TimestampType | null): unknown {
    if (value === null || value === undefined) return null;
    const raw = this.#translators[sourceType ?? inferTimestampType(value)].toRaw(value);
    return this.#translators[this.#targetType].toType(raw);
  }
}

/** What converting Structs of one schema needs, worked out once. */
interface ConvertPlan {
  readonly source: Schema;
  readonly schema: Schema;
  /** The converted field in the source and updated schemas (null: the schema has no such field). */
  readonly from: Field | null;
  readonly to: Field | null;
  /** The updated Struct with the other fields copied; the converted one is put by the caller. */
  readonly derive: StructDeriver;
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('TimestampConverter', (side) => new TimestampConverter(side));
