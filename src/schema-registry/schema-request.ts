/** Validation of the `{schema, schemaType, references, id, version}` body Confluent clients send. */
import { invalidSchema } from './errors.js';
import type { SchemaReference } from './store-records.js';

export const SUPPORTED_SCHEMA_TYPES = ['AVRO'] as const;

export interface SchemaRequest {
  schema: string;
  schemaType: string;
  references: SchemaReference[];
  /** Only honoured in IMPORT mode. */
  id: number | undefined;
  version: number | undefined;
}

export function parseSchemaRequest(body: unknown): SchemaRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidSchema('Invalid schema: the request body must be a JSON object');
  const request = body as Record<string, unknown>;
  if (typeof request.schema !== 'string' || request.schema.trim() === '') throw invalidSchema('Empty schema');
  const schemaType = request.schemaType === undefined || request.schemaType === null ? 'AVRO' : String(request.schemaType).toUpperCase();
  if (!(SUPPORTED_SCHEMA_TYPES as readonly string[]).includes(schemaType)) {
    throw invalidSchema(`Invalid schema type ${String(request.schemaType)}: this registry supports ${SUPPORTED_SCHEMA_TYPES.join(', ')} only`);
  }
  return {
    schema: request.schema,
    schemaType,
    references: parseReferences(request.references),
    id: optionalInteger(request.id, 'id'),
    version: optionalInteger(request.version, 'version'),
  };
}

function parseReferences(references: unknown): SchemaReference[] {
  if (references === undefined || references === null) return [];
  if (!Array.isArray(references)) throw invalidSchema('Invalid schema: references must be an array');
  return references.map((reference) => {
    const r = (reference ?? {}) as Record<string, unknown>;
    if (typeof r.name !== 'string' || typeof r.subject !== 'string' || !Number.isInteger(r.version)) {
      throw invalidSchema(`Invalid schema: a reference needs a name, a subject and an integer version: ${JSON.stringify(reference)}`);
    }
    return { name: r.name, subject: r.subject, version: r.version as number };
  });
}

function optionalInteger(value: unknown, what: string): number | undefined {
  // Confluent clients send 0 or -1 to mean "not given".
  if (value === undefined || value === null || value === 0 || value === -1) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0) throw invalidSchema(`Invalid schema: ${what} must be a positive integer`);
  return value as number;
}
