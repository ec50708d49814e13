/** Parsing of Avro schema text, with Confluent schema references, into a checked schema. */
import avsc from 'avsc';
import { toAvroNode, type AvroNode } from './avro-node.js';
import { canonicalAvroText } from './canonical-json.js';

/** A referenced schema with its own references already resolved, innermost first. */
export interface ResolvedReference {
  /** Identity of the referenced subject version, so a schema reached twice is loaded once. */
  key: string;
  schema: string;
  references: ResolvedReference[];
}

export interface ParsedAvroSchema {
  /** Confluent's canonical text of the schema (referenced types appear by name). */
  canonical: string;
  node: AvroNode;
}

export class AvroSchemaError extends Error {}

export function parseAvroSchema(text: string, references: ResolvedReference[] = []): ParsedAvroSchema {
  const registry: Record<string, avsc.Type> = {};
  const loaded = new Set<string>();
  for (const reference of references) loadReference(reference, registry, loaded);
  const json = parseJson(text);
  const type = forSchema(json, registry);
  return { canonical: canonicalAvroText(json), node: toAvroNode(type) };
}

function loadReference(reference: ResolvedReference, registry: Record<string, avsc.Type>, loaded: Set<string>): void {
  if (loaded.has(reference.key)) return;
  loaded.add(reference.key);
  for (const inner of reference.references) loadReference(inner, registry, loaded);
  forSchema(parseJson(reference.schema), registry);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AvroSchemaError(`Invalid schema: ${(err as Error).message}`);
  }
}

function forSchema(json: unknown, registry: Record<string, avsc.Type>): avsc.Type {
  if (json === null || (typeof json !== 'string' && typeof json !== 'object')) {
    throw new AvroSchemaError(`Invalid schema: not an Avro schema: ${JSON.stringify(json)}`);
  }
  try {
    // Java Avro requires names on records, enums and fixed; avsc only does when asked.
    return avsc.Type.forSchema(json as avsc.Schema, { registry, noAnonymousTypes: true, wrapUnions: 'auto' });
  } catch (err) {
    throw new AvroSchemaError(`Invalid schema: ${(err as Error).message}`);
  }
}
