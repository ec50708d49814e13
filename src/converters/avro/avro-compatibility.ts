import type { AvroNode } from '../../schema-registry/avro/avro-node.js';
import { readerWriterIncompatibilities } from '../../schema-registry/avro/schema-compatibility.js';
import type { AvroSchema } from './avro-schema.js';

/**
 * AvroSchema.isBackwardCompatible as the serializer uses it for `latest.compatibility.strict`
 * and `id.compatibility.strict`: the reasons `reader` cannot read data written with `writer`,
 * by the same rules the registry applies (the embedded registry's checker).
 */
export function backwardIncompatibilities(reader: AvroSchema, writer: AvroSchema): string[] {
  return readerWriterIncompatibilities(toNode(reader, new Map()), toNode(writer, new Map())).map(
    (incompatibility) => `{errorType:'${incompatibility.type}', description:'${incompatibility.message}', location:'${incompatibility.location}'}`,
  );
}

function toNode(schema: AvroSchema, seen: Map<AvroSchema, AvroNode>): AvroNode {
  const known = seen.get(schema);
  if (known !== undefined) return known;
  switch (schema.type) {
    case 'record': {
      const node: AvroNode = { kind: 'record', fullName: schema.fullName, aliases: [...schema.aliases], fields: [] };
      seen.set(schema, node);
      for (const field of schema.fields) {
        node.fields.push({ name: field.name, aliases: [...field.aliases], type: toNode(field.schema, seen), hasDefault: field.defaultValue !== undefined });
      }
      return node;
    }
    case 'enum': {
      const node: AvroNode = {
        kind: 'enum',
        fullName: schema.fullName,
        aliases: [...schema.aliases],
        symbols: [...schema.symbols],
        defaultSymbol: schema.enumDefault ?? undefined,
      };
      seen.set(schema, node);
      return node;
    }
    case 'fixed': {
      const node: AvroNode = { kind: 'fixed', fullName: schema.fullName, aliases: [...schema.aliases], size: schema.size };
      seen.set(schema, node);
      return node;
    }
    case 'array': {
      const node: AvroNode = { kind: 'array', items: { kind: 'null' } };
      seen.set(schema, node);
      node.items = toNode(schema.items, seen);
      return node;
    }
    case 'map': {
      const node: AvroNode = { kind: 'map', values: { kind: 'null' } };
      seen.set(schema, node);
      node.values = toNode(schema.values, seen);
      return node;
    }
    case 'union': {
      const node: AvroNode = { kind: 'union', branches: [] };
      seen.set(schema, node);
      for (const branch of schema.types) node.branches.push(toNode(branch, seen));
      return node;
    }
    default:
      return { kind: schema.type };
  }
}
