/**
 * Reader/writer compatibility of two Avro schemas, following Java Avro's SchemaCompatibility
 * (which Confluent's registry uses) rule for rule, so the same pairs pass and fail: promotions
 * int→long→float→double and string↔bytes, reader fields missing in the writer need defaults,
 * writer enum symbols must exist in the reader unless the reader enum has a default, every
 * writer union branch must be readable, named types match by unqualified name or reader alias.
 */
import { shortName, type AvroField, type AvroNode, type AvroRecordNode } from './avro-node.js';

export type IncompatibilityType =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

export interface Incompatibility {
  type: IncompatibilityType;
  /** JSON pointer into the reader schema, e.g. "/fields/1/type". */
  location: string;
  /** Avro's detail text (Confluent's "additionalInfo"). */
  message: string;
}

/** All the reasons `reader` cannot decode data written with `writer`; empty when it can. */
export function readerWriterIncompatibilities(reader: AvroNode, writer: AvroNode): Incompatibility[] {
  return new Checker().check(reader, writer);
}

interface Result {
  state: 'compatible' | 'incompatible' | 'in-progress';
  incompatibilities: Incompatibility[];
}

const COMPATIBLE: Result = { state: 'compatible', incompatibilities: [] };
const IN_PROGRESS: Result = { state: 'in-progress', incompatibilities: [] };

function merge(a: Result, b: Result): Result {
  if (b.incompatibilities.length === 0 && b.state !== 'incompatible') return a;
  return {
    state: a.state === 'compatible' ? (b.state === 'in-progress' ? 'compatible' : b.state) : 'incompatible',
    incompatibilities: [...a.incompatibilities, ...b.incompatibilities],
  };
}

class Checker {
  // Pairs are memoized by identity; a pair met again while being computed is a recursive
  // schema and counts as compatible unless proven otherwise, as in Avro.
  private readonly memo = new Map<AvroNode, Map<AvroNode, Result>>();

  check(reader: AvroNode, writer: AvroNode): Incompatibility[] {
    return this.compatibility('', reader, writer, []).incompatibilities;
  }

  private compatibility(token: string, reader: AvroNode, writer: AvroNode, location: string[]): Result {
    location.push(token);
    let byWriter = this.memo.get(reader);
    if (byWriter === undefined) {
      byWriter = new Map();
      this.memo.set(reader, byWriter);
    }
    let result = byWriter.get(writer);
    if (result !== undefined) {
      if (result.state === 'in-progress') result = COMPATIBLE;
    } else {
      byWriter.set(writer, IN_PROGRESS);
      result = this.calculate(reader, writer, location);
      byWriter.set(writer, result);
    }
    location.pop();
    return result;
  }

  /** Avro restarts the location for branch checks, so nested details point from the root. */
  private fresh(reader: AvroNode, writer: AvroNode): Result {
    return this.compatibility('', reader, writer, []);
  }

  private calculate(reader: AvroNode, writer: AvroNode, location: string[]): Result {
    let result = COMPATIBLE;
    if (reader.kind === writer.kind) {
      switch (reader.kind) {
        case 'array':
          return this.compatibility('items', reader.items, (writer as typeof reader).items, location);
        case 'map':
          return this.compatibility('values', reader.values, (writer as typeof reader).values, location);
        case 'fixed': {
          const w = writer as typeof reader;
          result = merge(result, nameCheck(reader, w, location));
          if (reader.size !== w.size) {
            result = merge(result, incompatible('FIXED_SIZE_MISMATCH', `expected: ${w.size}, found: ${reader.size}`, [...location, 'size']));
          }
          return result;
        }
        case 'enum': {
          const w = writer as typeof reader;
          result = merge(result, nameCheck(reader, w, location));
          const missing = [...new Set(w.symbols.filter((s) => !reader.symbols.includes(s)))].sort(javaStringOrder);
          const readerHasDefault = reader.defaultSymbol !== undefined && reader.symbols.includes(reader.defaultSymbol);
          if (missing.length > 0 && !readerHasDefault) {
            result = merge(result, incompatible('MISSING_ENUM_SYMBOLS', `[${missing.join(', ')}]`, [...location, 'symbols']));
          }
          return result;
        }
        case 'record': {
          result = merge(result, nameCheck(reader, writer as AvroRecordNode, location));
          return merge(result, this.recordFields(reader, writer as AvroRecordNode, location));
        }
        case 'union': {
          const w = writer as typeof reader;
          w.branches.forEach((branch, i) => {
            location.push(String(i));
            if (this.fresh(reader, branch).state === 'incompatible') {
              result = merge(result, incompatible('MISSING_UNION_BRANCH', `reader union lacking writer type: ${javaTypeName(branch)}`, location));
            }
            location.pop();
          });
          return result;
        }
        default:
          return result;
      }
    }

    if (writer.kind === 'union') {
      for (const branch of writer.branches) result = merge(result, this.fresh(reader, branch));
      return result;
    }
    switch (reader.kind) {
      case 'long':
        return writer.kind === 'int' ? result : typeMismatch(reader, writer, location);
      case 'float':
        return writer.kind === 'int' || writer.kind === 'long' ? result : typeMismatch(reader, writer, location);
      case 'double':
        return writer.kind === 'int' || writer.kind === 'long' || writer.kind === 'float' ? result : typeMismatch(reader, writer, location);
      case 'bytes':
        return writer.kind === 'string' ? result : typeMismatch(reader, writer, location);
      case 'string':
        return writer.kind === 'bytes' ? result : typeMismatch(reader, writer, location);
      case 'union': {
        for (const branch of reader.branches) {
          if (this.fresh(branch, writer).state === 'compatible') return result;
        }
        return incompatible('MISSING_UNION_BRANCH', `reader union lacking writer type: ${javaTypeName(writer)}`, location);
      }
      default:
        return typeMismatch(reader, writer, location);
    }
  }

  private recordFields(reader: AvroRecordNode, writer: AvroRecordNode, location: string[]): Result {
    let result = COMPATIBLE;
    location.push('fields');
    reader.fields.forEach((readerField, position) => {
      location.push(String(position));
      const writerField = lookupWriterField(writer, readerField);
      if (writerField === undefined) {
        if (!readerField.hasDefault) {
          if (readerField.type.kind === 'enum' && readerField.type.defaultSymbol !== undefined) {
            // Avro compares the reader's enum with the writer record here; kept as Avro has it.
            result = merge(result, this.compatibility('type', readerField.type, writer, location));
          } else {
            result = merge(result, incompatible('READER_FIELD_MISSING_DEFAULT_VALUE', readerField.name, location));
          }
        }
      } else {
        result = merge(result, this.compatibility('type', readerField.type, writerField.type, location));
      }
      location.pop();
    });
    location.pop();
    return result;
  }
}

/** Thrown where Avro throws, when a reader field matches several writer fields. */
export class AmbiguousFieldError extends Error {}

function lookupWriterField(writer: AvroRecordNode, readerField: AvroField): AvroField | undefined {
  const matches: AvroField[] = [];
  const direct = writer.fields.find((f) => f.name === readerField.name);
  if (direct !== undefined) matches.push(direct);
  for (const alias of readerField.aliases) {
    const byAlias = writer.fields.find((f) => f.name === alias);
    if (byAlias !== undefined) matches.push(byAlias);
  }
  if (matches.length > 1) {
    throw new AmbiguousFieldError(`Reader record field ${readerField.name} matches multiple fields in writer record schema ${writer.fullName}`);
  }
  return matches[0];
}

function nameCheck(reader: { fullName: string; aliases: string[] }, writer: { fullName: string }, location: string[]): Result {
  if (shortName(reader.fullName) === shortName(writer.fullName) || reader.aliases.includes(writer.fullName)) return COMPATIBLE;
  return incompatible('NAME_MISMATCH', `expected: ${writer.fullName}`, [...location, 'name']);
}

function typeMismatch(reader: AvroNode, writer: AvroNode, location: string[]): Result {
  return incompatible('TYPE_MISMATCH', `reader type: ${javaTypeName(reader)} not compatible with writer type: ${javaTypeName(writer)}`, location);
}

function incompatible(type: IncompatibilityType, message: string, location: string[]): Result {
  return { state: 'incompatible', incompatibilities: [{ type, message, location: pointer(location) }] };
}

/** Avro's location: the root token is skipped, the rest JSON-pointer escaped. */
function pointer(location: string[]): string {
  return '/' + location.slice(1).map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function javaTypeName(node: AvroNode): string {
  return node.kind.toUpperCase();
}

/** Java's TreeSet<String> orders by UTF-16 code units, which is JavaScript's default sort. */
function javaStringOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
