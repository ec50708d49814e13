/**
 * The resolved shape of an Avro schema that compatibility checks walk: named types carry full
 * names and aliases, references are already followed (recursive schemas form cycles).
 */
import avsc from 'avsc';

export type AvroPrimitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface AvroPrimitiveNode {
  kind: AvroPrimitive;
}

export interface AvroField {
  name: string;
  aliases: string[];
  type: AvroNode;
  hasDefault: boolean;
}

export interface AvroRecordNode {
  kind: 'record';
  fullName: string;
  aliases: string[];
  fields: AvroField[];
}

export interface AvroEnumNode {
  kind: 'enum';
  fullName: string;
  aliases: string[];
  symbols: string[];
  defaultSymbol: string | undefined;
}

export interface AvroFixedNode {
  kind: 'fixed';
  fullName: string;
  aliases: string[];
  size: number;
}

export interface AvroArrayNode {
  kind: 'array';
  items: AvroNode;
}

export interface AvroMapNode {
  kind: 'map';
  values: AvroNode;
}

export interface AvroUnionNode {
  kind: 'union';
  branches: AvroNode[];
}

export type AvroNode =
  | AvroPrimitiveNode
  | AvroRecordNode
  | AvroEnumNode
  | AvroFixedNode
  | AvroArrayNode
  | AvroMapNode
  | AvroUnionNode;

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** The unqualified part of a full name, as Avro's Schema.getName() returns it. */
export function shortName(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? fullName : fullName.slice(dot + 1);
}

/** Converts an avsc type graph; named types are converted once so recursion becomes a cycle. */
export function toAvroNode(type: avsc.Type): AvroNode {
  return convert(type, new Map());
}

function convert(type: avsc.Type, seen: Map<avsc.Type, AvroNode>): AvroNode {
  const existing = seen.get(type);
  if (existing !== undefined) return existing;
  const typeName = type.typeName;
  if (PRIMITIVES.has(typeName)) return { kind: typeName as AvroPrimitive };
  const aliases = type.aliases ?? [];
  switch (typeName) {
    case 'record':
    case 'error': {
      const record: AvroRecordNode = { kind: 'record', fullName: type.name ?? '', aliases, fields: [] };
      seen.set(type, record);
      for (const field of (type as avsc.types.RecordType).fields) {
        record.fields.push({
          name: field.name,
          aliases: field.aliases ?? [],
          type: convert(field.type, seen),
          hasDefault: field.defaultValue() !== undefined,
        });
      }
      return record;
    }
    case 'enum': {
      const enumType = type as avsc.types.EnumType & { default?: string };
      const node: AvroEnumNode = {
        kind: 'enum',
        fullName: type.name ?? '',
        aliases,
        symbols: [...enumType.symbols],
        defaultSymbol: enumType.default,
      };
      seen.set(type, node);
      return node;
    }
    case 'fixed': {
      const node: AvroFixedNode = { kind: 'fixed', fullName: type.name ?? '', aliases, size: (type as avsc.types.FixedType).size };
      seen.set(type, node);
      return node;
    }
    case 'array': {
      const node: AvroArrayNode = { kind: 'array', items: { kind: 'null' } };
      seen.set(type, node);
      node.items = convert((type as avsc.types.ArrayType).itemsType, seen);
      return node;
    }
    case 'map': {
      const node: AvroMapNode = { kind: 'map', values: { kind: 'null' } };
      seen.set(type, node);
      node.values = convert((type as avsc.types.MapType).valuesType as avsc.Type, seen);
      return node;
    }
    case 'union:unwrapped':
    case 'union:wrapped': {
      const node: AvroUnionNode = { kind: 'union', branches: [] };
      seen.set(type, node);
      for (const branch of (type as avsc.types.UnwrappedUnionType).types) node.branches.push(convert(branch, seen));
      return node;
    }
    default:
      throw new Error(`unsupported Avro type ${typeName}`);
  }
}
