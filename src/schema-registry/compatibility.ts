/**
 * Compatibility levels and the check a new schema must pass against a subject's versions,
 * with Confluent's message texts (reported by ?verbose=true and in 409 errors).
 */
import type { AvroNode } from './avro/avro-node.js';
import { AmbiguousFieldError, readerWriterIncompatibilities, type Incompatibility } from './avro/schema-compatibility.js';

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const DEFAULT_COMPATIBILITY_LEVEL: CompatibilityLevel = 'BACKWARD';

/** Case-insensitive, as Confluent's CompatibilityLevel.forName. */
export function parseCompatibilityLevel(text: unknown): CompatibilityLevel | undefined {
  if (typeof text !== 'string') return undefined;
  const upper = text.toUpperCase();
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(upper) ? (upper as CompatibilityLevel) : undefined;
}

export interface CheckedSchema {
  node: AvroNode;
  /** The stored text, quoted in messages as Confluent does. */
  text: string;
  version?: number;
}

/**
 * Messages explaining why `candidate` breaks `level` against `previous` (oldest first); empty
 * when compatible. Non-transitive levels look at the latest version only; transitive ones
 * stop at the newest version that fails, as Confluent's validator does.
 */
export function compatibilityErrors(level: CompatibilityLevel, candidate: CheckedSchema, previous: CheckedSchema[]): string[] {
  if (level === 'NONE' || previous.length === 0) return [];
  const newestFirst = [...previous].reverse();
  const against = level.endsWith('_TRANSITIVE') ? newestFirst : newestFirst.slice(0, 1);
  for (const existing of against) {
    const errors = pairErrors(level, candidate, existing);
    if (errors.length > 0) return [...errors, `{validateFields: 'false', compatibility: '${level}'}`];
  }
  return [];
}

function pairErrors(level: CompatibilityLevel, candidate: CheckedSchema, existing: CheckedSchema): string[] {
  if (level.startsWith('BACKWARD')) return formatted(reads(candidate, existing), existing, 'new', 'old', true);
  if (level.startsWith('FORWARD')) return formatted(reads(existing, candidate), existing, 'old', 'new', true);
  return [
    ...formatted(reads(existing, candidate), existing, 'old', 'new', false),
    ...formatted(reads(candidate, existing), existing, 'new', 'old', true),
  ];
}

function reads(reader: CheckedSchema, writer: CheckedSchema): Incompatibility[] | string {
  try {
    return readerWriterIncompatibilities(reader.node, writer.node);
  } catch (err) {
    if (err instanceof AmbiguousFieldError) return `Unexpected exception during compatibility check: ${err.message}`;
    throw err;
  }
}

function formatted(found: Incompatibility[] | string, existing: CheckedSchema, readerName: string, writerName: string, appendSchema: boolean): string[] {
  const messages = typeof found === 'string' ? [found] : found.map((i) => describe(i, readerName, writerName));
  if (messages.length === 0 || !appendSchema) return messages;
  if (existing.version !== undefined) messages.push(`{oldSchemaVersion: ${existing.version}}`);
  messages.push(`{oldSchema: '${existing.text}'}`);
  return messages;
}

/** Confluent's Difference text, with its two placeholders filled as its validator does. */
function describe(incompatibility: Incompatibility, reader: string, writer: string): string {
  const { type, location: path, message } = incompatibility;
  let description: string;
  switch (type) {
    case 'FIXED_SIZE_MISMATCH':
      description = `The size of FIXED type field at path '${path}' in the ${reader} schema does not match with the ${writer} schema`;
      break;
    case 'TYPE_MISMATCH':
      description = `The type (path '${path}') of a field in the ${reader} schema does not match with the ${writer} schema`;
      break;
    case 'NAME_MISMATCH':
      description = `The name of the schema has changed (path '${path}')`;
      break;
    case 'MISSING_ENUM_SYMBOLS':
      description = `The ${reader} schema is missing enum symbols '${message}' at path '${path}' in the ${writer} schema`;
      break;
    case 'MISSING_UNION_BRANCH':
      description = `The ${reader} schema is missing a type inside a union field at path '${path}' in the ${writer} schema`;
      break;
    case 'READER_FIELD_MISSING_DEFAULT_VALUE':
      description = `The field '${message}' at path '${path}' in the ${reader} schema has no default value and is missing in the ${writer} schema`;
      break;
  }
  return `{errorType:'${type}', description:'${description}', additionalInfo:'${message}'}`;
}
