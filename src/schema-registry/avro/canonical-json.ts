/**
 * The canonical text of an Avro schema as Confluent stores it: Java Avro's Schema.toString()
 * layout (attributes in a fixed order, no whitespace, names relative to the enclosing
 * namespace). Two spellings of one schema get one text, so registration is idempotent. The JSON
 * must already be a valid schema (parse it with avsc first).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
// Attributes Java Avro interprets itself; any other attribute is a property kept after them.
const SCHEMA_RESERVED = new Set(['doc', 'fields', 'items', 'name', 'namespace', 'size', 'symbols', 'values', 'type', 'aliases', 'default']);
const FIELD_RESERVED = new Set(['default', 'doc', 'name', 'order', 'type', 'aliases']);

export function canonicalAvroText(schema: unknown): string {
  return JSON.stringify(canonical(schema as Json, undefined));
}

function canonical(schema: Json, space: string | undefined): Json {
  if (typeof schema === 'string') return nameReference(schema, space);
  if (Array.isArray(schema)) return schema.map((branch) => canonical(branch, space));
  if (schema === null || typeof schema !== 'object') return schema;
  const type = schema.type;
  if (typeof type !== 'string') return schema;
  switch (type) {
    case 'record':
    case 'error':
      return namedType(schema, type, space, (out, inner) => {
        if (typeof schema.doc === 'string') out.doc = schema.doc;
        out.fields = (schema.fields as JsonObject[]).map((field) => canonicalField(field, inner));
      });
    case 'enum':
      return namedType(schema, type, space, (out) => {
        if (typeof schema.doc === 'string') out.doc = schema.doc;
        out.symbols = schema.symbols as Json;
        if (schema.default !== undefined) out.default = schema.default;
      });
    case 'fixed':
      return namedType(schema, type, space, (out) => {
        if (typeof schema.doc === 'string') out.doc = schema.doc;
        out.size = schema.size as Json;
      });
    case 'array':
      return withProps({ type, items: canonical(schema.items as Json, space) }, schema);
    case 'map':
      return withProps({ type, values: canonical(schema.values as Json, space) }, schema);
    default: {
      if (PRIMITIVES.has(type)) {
        const out = withProps({ type }, schema);
        return Object.keys(out).length === 1 ? type : out;
      }
      return nameReference(type, space);
    }
  }
}

function namedType(
  schema: JsonObject,
  type: string,
  space: string | undefined,
  body: (out: JsonObject, innerSpace: string | undefined) => void,
): JsonObject {
  const { name, namespace } = splitName(schema.name as string, schema.namespace, space);
  const out: JsonObject = { type, name };
  if (namespace !== space) out.namespace = namespace ?? '';
  body(out, namespace);
  withProps(out, schema);
  const aliases = schema.aliases;
  if (Array.isArray(aliases) && aliases.length > 0) {
    out.aliases = aliases.map((alias) => {
      const full = qualify(alias as string, namespace);
      return relativeName(full, namespace);
    });
  }
  return out;
}

function canonicalField(field: JsonObject, space: string | undefined): JsonObject {
  const out: JsonObject = { name: field.name, type: canonical(field.type, space) };
  if (typeof field.doc === 'string') out.doc = field.doc;
  if (field.default !== undefined) out.default = field.default;
  if (field.order !== undefined && field.order !== 'ascending') out.order = field.order;
  if (Array.isArray(field.aliases) && field.aliases.length > 0) out.aliases = field.aliases;
  for (const [key, value] of Object.entries(field)) {
    if (!FIELD_RESERVED.has(key)) out[key] = value;
  }
  return out;
}

function withProps(out: JsonObject, schema: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(schema)) {
    if (!SCHEMA_RESERVED.has(key)) out[key] = value;
  }
  return out;
}

function nameReference(name: string, space: string | undefined): string {
  if (PRIMITIVES.has(name)) return name;
  return relativeName(qualify(name, space), space);
}

function splitName(name: string, namespace: Json | undefined, space: string | undefined): { name: string; namespace: string | undefined } {
  const dot = name.lastIndexOf('.');
  if (dot >= 0) return { name: name.slice(dot + 1), namespace: emptyToUndefined(name.slice(0, dot)) };
  if (typeof namespace === 'string') return { name, namespace: emptyToUndefined(namespace) };
  return { name, namespace: space };
}

function qualify(name: string, space: string | undefined): string {
  if (name.includes('.') || space === undefined) return name;
  return `${space}.${name}`;
}

function relativeName(fullName: string, space: string | undefined): string {
  const dot = fullName.lastIndexOf('.');
  const namespace = dot < 0 ? undefined : fullName.slice(0, dot);
  return namespace === space ? fullName.slice(dot + 1) : fullName;
}

function emptyToUndefined(text: string): string | undefined {
  return text === '' ? undefined : text;
}
