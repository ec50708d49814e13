import { AVRO_TYPE_NAMES, type AvroField, type AvroNamedSchema, type AvroProps, type AvroSchema } from './avro-schema.js';
import { quoteJson, writeJson } from './json-value.js';

/**
 * The schema's JSON as Avro Java's Schema.toString() writes it, which is the text the Confluent
 * serializer registers: a named type is written in full once and then by name; `namespace` only
 * where it differs from the enclosing one; props in the order they were added.
 */
export function avroSchemaText(schema: AvroSchema): string {
  return write(schema, new Set(), null);
}

function write(schema: AvroSchema, known: Set<string>, namespace: string | null): string {
  switch (schema.type) {
    case 'union':
      return `[${schema.types.map((type) => write(type, known, namespace)).join(',')}]`;
    case 'array':
      return `{"type":"array","items":${write(schema.items, known, namespace)}${props(schema.props)}}`;
    case 'map':
      return `{"type":"map","values":${write(schema.values, known, namespace)}${props(schema.props)}}`;
    case 'record':
    case 'enum':
    case 'fixed':
      return writeNamed(schema, known, namespace);
    default:
      return schema.props.size === 0 ? `"${schema.type}"` : `{"type":"${schema.type}"${props(schema.props)}}`;
  }
}

function writeNamed(schema: AvroNamedSchema, known: Set<string>, namespace: string | null): string {
  if (known.has(schema.fullName)) return quoteJson(qualified(schema.name, schema.namespace, schema.fullName, namespace));
  known.add(schema.fullName);
  let out = `{"type":"${schema.type === 'record' && schema.isError ? 'error' : schema.type}","name":${quoteJson(schema.name)}`;
  if (schema.namespace !== null) {
    if (schema.namespace !== namespace) out += `,"namespace":${quoteJson(schema.namespace)}`;
  } else if (namespace !== null) {
    out += ',"namespace":""';
  }
  if (schema.doc !== null) out += `,"doc":${quoteJson(schema.doc)}`;
  switch (schema.type) {
    case 'record':
      out += `,"fields":[${schema.fields.map((field) => writeField(field, known, schema.namespace)).join(',')}]`;
      break;
    case 'enum':
      out += `,"symbols":[${schema.symbols.map(quoteJson).join(',')}]`;
      if (schema.enumDefault !== null) out += `,"default":${quoteJson(schema.enumDefault)}`;
      break;
    case 'fixed':
      out += `,"size":${schema.size}`;
      break;
  }
  out += props(schema.props);
  if (schema.aliases.length > 0) out += `,"aliases":[${schema.aliases.map((alias) => quoteJson(qualifiedAlias(alias, schema.namespace))).join(',')}]`;
  return `${out}}`;
}

function writeField(field: AvroField, known: Set<string>, namespace: string | null): string {
  let out = `{"name":${quoteJson(field.name)},"type":${write(field.schema, known, namespace)}`;
  if (field.doc !== null) out += `,"doc":${quoteJson(field.doc)}`;
  if (field.defaultValue !== undefined) out += `,"default":${writeJson(field.defaultValue)}`;
  if (field.order !== 'ascending') out += `,"order":"${field.order}"`;
  if (field.aliases.length > 0) out += `,"aliases":[${field.aliases.map(quoteJson).join(',')}]`;
  return `${out}${props(field.props)}}`;
}

function props(entries: AvroProps): string {
  let out = '';
  for (const [key, value] of entries) out += `,${quoteJson(key)}:${writeJson(value)}`;
  return out;
}

/** Avro's Name.getQualified: the short name when the namespace is the enclosing one (unless it reads as a type). */
function qualified(name: string, space: string | null, fullName: string, defaultSpace: string | null): string {
  if (space !== null && space === defaultSpace && !AVRO_TYPE_NAMES.has(name)) return name;
  return fullName;
}

function qualifiedAlias(alias: string, defaultSpace: string | null): string {
  const dot = alias.lastIndexOf('.');
  return dot < 0 ? alias : qualified(alias.slice(dot + 1), alias.slice(0, dot), alias, defaultSpace);
}

