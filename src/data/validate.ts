import { BigDecimal } from './big-decimal.js';
import { DataException } from './errors.js';
import { DATE_LOGICAL_NAME, DECIMAL_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME } from './logical-names.js';
import { schemaEquals, type Schema, type SchemaType } from './schema.js';
import { Struct } from './struct.js';
import { isMapLike, mapEntries } from './value-equality.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The JS representation each type accepts (Java's SCHEMA_TYPE_CLASSES). */
const TYPE_CHECKS: Record<SchemaType, (value: unknown) => boolean> = {
  INT8: (value) => isIntegerIn(value, -128, 127),
  INT16: (value) => isIntegerIn(value, -32768, 32767),
  INT32: (value) => isIntegerIn(value, -2147483648, 2147483647),
  INT64: (value) => typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX,
  FLOAT32: (value) => typeof value === 'number',
  FLOAT64: (value) => typeof value === 'number',
  BOOLEAN: (value) => typeof value === 'boolean',
  STRING: (value) => typeof value === 'string',
  BYTES: (value) => value instanceof Uint8Array,
  ARRAY: (value) => Array.isArray(value),
  MAP: (value) => isMapLike(value),
  STRUCT: (value) => value instanceof Struct,
};

/** Logical types take their own representation instead of the underlying type's (LOGICAL_TYPE_CLASSES). */
const LOGICAL_CHECKS: ReadonlyMap<string, (value: unknown) => boolean> = new Map<string, (value: unknown) => boolean>([
  [DECIMAL_LOGICAL_NAME, (value: unknown) => value instanceof BigDecimal],
  [DATE_LOGICAL_NAME, (value: unknown) => value instanceof Date],
  [TIME_LOGICAL_NAME, (value: unknown) => value instanceof Date],
  [TIMESTAMP_LOGICAL_NAME, (value: unknown) => value instanceof Date],
]);

/**
 * Checks that a value fits a schema (ConnectSchema.validateValue): its JS type matches the schema
 * type (INT8/16/32 integers in range, INT64 bigint, BYTES Uint8Array, logical types their JS
 * representation), nulls only where optional, and containers recursively. Throws DataException.
 */
export function validateValue(schema: Schema, value: unknown, fieldName?: string | null): void {
  // Most values are non-null scalars that fit: checked without building the error location.
  if (value !== null && value !== undefined && isValidScalar(schema, value)) return;
  // Containers too are checked first without the error locations (which would be built for every
  // element); only a value that fails is walked again by validateAt, for its message.
  if (fits(schema, value ?? null)) return;
  validateAt(schema, value ?? null, fieldName === undefined || fieldName === null ? 'value' : `field: "${fieldName}"`);
}

/**
 * validateAt's verdict without its messages: false where validateAt would throw. A nested Struct
 * is checked by its own validate(), which throws the same error validateAt would.
 */
function fits(schema: Schema, value: unknown): boolean {
  if (value === null || value === undefined) return schema.isOptional();
  const name = schema.name();
  const check = (name !== null ? LOGICAL_CHECKS.get(name) : undefined) ?? TYPE_CHECKS[schema.type()];
  if (!check(value)) return false;
  switch (schema.type()) {
    case 'STRUCT': {
      const struct = value as Struct;
      if (!schemaEquals(struct.schema(), schema)) return false;
      struct.validate();
      return true;
    }
    case 'ARRAY': {
      const elementSchema = schema.valueSchema();
      if (elementSchema === null) return false;
      for (const element of value as unknown[]) if (!fits(elementSchema, element)) return false;
      return true;
    }
    case 'MAP': {
      const keySchema = schema.keySchema();
      const valueSchema = schema.valueSchema();
      if (keySchema === null || valueSchema === null) return false;
      for (const [key, entryValue] of mapEntries(value as Map<unknown, unknown>)) {
        if (!fits(keySchema, key) || !fits(valueSchema, entryValue)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * Whether a non-null value fits a schema that is not a container (validateAt has nothing more to
 * check then); false leaves the answer to validateAt. The checks of TYPE_CHECKS, inline.
 */
function isValidScalar(schema: Schema, value: unknown): boolean {
  const type = schema.type();
  if (type === 'STRUCT' || type === 'ARRAY' || type === 'MAP') return false;
  const name = schema.name();
  if (name !== null) {
    const check = LOGICAL_CHECKS.get(name);
    if (check !== undefined) return check(value);
  }
  switch (type) {
    case 'STRING':
      return typeof value === 'string';
    case 'INT32':
      return isIntegerIn(value, -2147483648, 2147483647);
    case 'INT64':
      return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX;
    case 'FLOAT32':
    case 'FLOAT64':
      return typeof value === 'number';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'INT8':
      return isIntegerIn(value, -128, 127);
    case 'INT16':
      return isIntegerIn(value, -32768, 32767);
    case 'BYTES':
      return value instanceof Uint8Array;
    default:
      return false;
  }
}

function validateAt(schema: Schema, value: unknown, location: string): void {
  if (value === null || value === undefined) {
    if (!schema.isOptional()) {
      throw new DataException(`Invalid value: null used for required ${location}, schema type: ${schema.type()}`);
    }
    return;
  }
  const name = schema.name();
  const check = (name !== null ? LOGICAL_CHECKS.get(name) : undefined) ?? TYPE_CHECKS[schema.type()];
  if (!check(value)) {
    const named = name !== null ? ` "${name}"` : '';
    throw new DataException(`Invalid Java object for schema${named} with type ${schema.type()}: ${describeValue(value)} for ${location}`);
  }
  switch (schema.type()) {
    case 'STRUCT': {
      const struct = value as Struct;
      if (!schemaEquals(struct.schema(), schema)) throw new DataException('Struct schemas do not match.');
      struct.validate();
      break;
    }
    case 'ARRAY': {
      const entryLocation = `element of array ${location}`;
      const elementSchema = requireSchema(schema.valueSchema(), entryLocation);
      for (const element of value as unknown[]) validateAt(elementSchema, element ?? null, entryLocation);
      break;
    }
    case 'MAP': {
      const keyLocation = `key of map ${location}`;
      const valueLocation = `value of map ${location}`;
      const keySchema = requireSchema(schema.keySchema(), keyLocation);
      const valueSchema = requireSchema(schema.valueSchema(), valueLocation);
      for (const [key, entryValue] of mapEntries(value as Map<unknown, unknown>)) {
        validateAt(keySchema, key ?? null, keyLocation);
        validateAt(valueSchema, entryValue ?? null, valueLocation);
      }
      break;
    }
    default:
      break;
  }
}

function requireSchema(schema: Schema | null, location: string): Schema {
  if (schema === null) throw new DataException(`No schema defined for ${location}`);
  return schema;
}

/** A short description of a JS value's kind for error messages (Java prints the value's class). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return `number ${value}`;
    case 'bigint':
      return `bigint ${value}`;
    case 'string':
    case 'boolean':
    case 'symbol':
    case 'function':
      return typeof value;
    default:
      break;
  }
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (Array.isArray(value)) return 'Array';
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'object';
}
