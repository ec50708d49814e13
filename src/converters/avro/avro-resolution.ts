import { isNamed, type AvroField, type AvroSchema, type AvroUnionSchema } from './avro-schema.js';
import { jsonToDatum } from './avro-json-datum.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';

/** Data written with one schema that the reader schema cannot take (Avro's AvroTypeException on resolution). */
export class AvroResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AvroTypeException';
  }
}

/**
 * Avro schema resolution applied to decoded data: a datum decoded with the writer's schema,
 * re-shaped as the reader's schema reads it (fields matched by name or alias, missing ones
 * defaulted, enum symbols mapped, int→long→float→double and string↔bytes promoted).
 * Used when `use.latest.version` makes the subject's latest schema the reader.
 */
export function resolveDatum(value: unknown, writer: AvroSchema, reader: AvroSchema): unknown {
  if (writer === reader) return value;
  if (writer.type === 'union') {
    const branch = value instanceof AvroUnionValue ? value.branch : writerBranch(writer, value);
    return resolveDatum(value instanceof AvroUnionValue ? value.value : value, branch, reader);
  }
  if (reader.type === 'union') {
    const index = readerBranch(reader, writer);
    if (index < 0) throw new AvroResolutionError(`Found ${describe(writer)}, expecting ${describe(reader)}`);
    const branch = reader.types[index];
    const resolved = resolveDatum(value, writer, branch);
    return reader.types.filter((type) => type.type !== 'null').length > 1 ? new AvroUnionValue(branch, index, resolved) : resolved;
  }
  switch (reader.type) {
    case 'record': {
      if (writer.type !== 'record' || !(value instanceof AvroRecord)) break;
      const values = reader.fields.map((field) => {
        const index = writerFieldIndex(writer.fields, field);
        if (index >= 0) return resolveDatum(value.values[index], writer.fields[index].schema, field.schema);
        if (field.defaultValue === undefined) throw new AvroResolutionError(`Found ${writer.fullName}, expecting ${reader.fullName}, missing required field ${field.name}`);
        return jsonToDatum(field.defaultValue, field.schema);
      });
      return new AvroRecord(reader, values);
    }
    case 'enum': {
      const symbol = value instanceof AvroEnumSymbol ? value.symbol : String(value);
      if (reader.symbols.includes(symbol)) return new AvroEnumSymbol(reader, symbol);
      if (reader.enumDefault !== null) return new AvroEnumSymbol(reader, reader.enumDefault);
      throw new AvroResolutionError(`No match for ${symbol}`);
    }
    case 'fixed':
      if (value instanceof AvroFixed) return new AvroFixed(reader, value.bytes);
      break;
    case 'array':
      if (writer.type === 'array' && Array.isArray(value)) return value.map((element: unknown) => resolveDatum(element, writer.items, reader.items));
      break;
    case 'map':
      if (writer.type === 'map' && value instanceof Map) {
        return new Map([...(value as Map<string, unknown>)].map(([key, item]) => [key, resolveDatum(item, writer.values, reader.values)]));
      }
      break;
    case 'long':
      if (writer.type === 'int') return BigInt(value as number);
      return value;
    case 'float':
      return Math.fround(Number(value));
    case 'double':
      return Number(value);
    case 'string':
      return Buffer.isBuffer(value) ? value.toString('utf8') : value;
    case 'bytes':
      return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    default:
      return value;
  }
  throw new AvroResolutionError(`Found ${describe(writer)}, expecting ${describe(reader)}`);
}

function writerBranch(union: AvroUnionSchema, value: unknown): AvroSchema {
  const nonNull = union.types.filter((type) => type.type !== 'null');
  if (value === null || value === undefined) return union.types.find((type) => type.type === 'null') ?? union;
  return nonNull[0] ?? union;
}

function writerFieldIndex(fields: readonly AvroField[], readerField: AvroField): number {
  const index = fields.findIndex((field) => field.name === readerField.name);
  if (index >= 0) return index;
  return fields.findIndex((field) => readerField.aliases.includes(field.name));
}

/** The reader branch Avro picks for a writer schema: same named type or type first, then a promotion. */
function readerBranch(reader: AvroUnionSchema, writer: AvroSchema): number {
  const exact = reader.types.findIndex((branch) =>
    isNamed(branch) && isNamed(writer) ? branch.name === writer.name && branch.type === writer.type : branch.type === writer.type,
  );
  if (exact >= 0) return exact;
  return reader.types.findIndex((branch) => PROMOTIONS[writer.type]?.includes(branch.type) === true);
}

const PROMOTIONS: Partial<Record<AvroSchema['type'], readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

function describe(schema: AvroSchema): string {
  return isNamed(schema) ? schema.fullName : schema.type;
}

